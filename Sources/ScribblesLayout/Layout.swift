import ScribblesMarkdown
import ScribblesText

/// Lays a document out at a width. Pure: the same input always gives the same lines.
///
/// - Parameters:
///   - width: terminal cells per line (at least 1).
///   - cardInfo: the title and description of a page-ref target, when the vault knows them.
///   - mentionTitle: the title of a mention link's target.
///   - options: a title for a note without an H1, and how callouts fold.
///
/// A long note's top-level blocks are laid out in segments on all cores (`LayoutSegments`);
/// the lines are those of one pass. `highlight`, `cardInfo` and `mentionTitle` may then be
/// called from several threads at once.
public func layout(_ document: Document, width: Int,
                   cardInfo: @escaping (String) -> CardInfo? = { _ in nil },
                   mentionTitle: @escaping (String) -> String? = { _ in nil },
                   highlight: ((_ language: String, _ code: String) -> [[SyntaxToken]]?)? = nil,
                   options: LayoutOptions = LayoutOptions()) -> RenderedNote {
    layout(document, width: width, cardInfo: cardInfo, mentionTitle: mentionTitle, highlight: highlight, options: options,
           segments: LayoutSegments.cuts(document, highlights: highlight != nil))
}

/// - Parameter segments: where top-level blocks are cut into segments laid out apart (empty:
///   one pass); set by the tests that check segments give one pass's lines.
func layout(_ document: Document, width: Int, cardInfo: @escaping (String) -> CardInfo?,
            mentionTitle: @escaping (String) -> String?, highlight: ((String, String) -> [[SyntaxToken]]?)?,
            options: LayoutOptions, segments cuts: [Int]) -> RenderedNote {
    let context = LayoutContext(width: max(1, width))
    let bounds = [0] + cuts + [document.blocks.count]
    let callouts = cuts.isEmpty ? [] : LayoutSegments.calloutsBefore(cuts, in: document.blocks)
    let parts = Parallel.map(bounds.count - 1) { index -> LayoutBuilder in
        var builder = LayoutBuilder(width: max(1, width), cardInfo: cardInfo, mentionTitle: mentionTitle, highlight: highlight,
                                    options: options)
        if index > 0 {
            // A segment starts after a top-level block: a blank line is due, nothing pends.
            builder.needsBlank = true
            builder.nextCalloutID = callouts[index - 1]
        }
        builder.document(document, blocks: bounds[index]..<bounds[index + 1], context)
        return builder
    }
    var note = parts[0].note
    var nextLinkID = parts[0].nextLinkID
    for part in parts.dropFirst() {
        note.append(part.note, linkIDsFrom: nextLinkID)
        nextLinkID += part.nextLinkID
    }
    return note
}

/// Where a long note's top-level blocks are cut for layout on several cores. A segment
/// starts with the state any top-level block leaves behind (a blank line due, no list marker
/// or block id pending); what one segment's layout would hand the next is settled apart:
/// callout numbers are counted before it, and link ids, lines and anchors are moved after.
enum LayoutSegments {
    /// Notes with fewer top-level blocks are laid out in one pass.
    static let threshold = 256
    /// About how many blocks a segment has; more segments than cores even out the work.
    static let size = 128

    static func cuts(_ document: Document, highlights: Bool) -> [Int] {
        let blocks = document.blocks
        guard blocks.count >= threshold else { return [] }
        // Code colouring keeps a budget in the note's order: a note that may pass it is
        // laid out in one pass.
        if highlights {
            guard codeBytes(blocks + document.footnotes.flatMap(\.blocks)) <= CodeHighlighting.budget else { return [] }
        }
        return cuts(blocks, titleIndex: document.titleHeadingIndex, every: size)
    }

    /// A cut about every `size` blocks, before a block that follows neither a block id (which
    /// waits for the next block) nor the title heading (whose state depends on the front
    /// matter).
    static func cuts(_ blocks: [Block], titleIndex: Int?, every size: Int) -> [Int] {
        var cuts: [Int] = []
        var next = size
        while next < blocks.count {
            var cut = next
            while cut < blocks.count, cut - 1 == titleIndex || { if case .blockID = blocks[cut - 1] { true } else { false } }() {
                cut += 1
            }
            guard cut < blocks.count else { break }
            cuts.append(cut)
            next = cut + size
        }
        return cuts
    }

    /// The bytes of code in `blocks`, embedded notes included: all that layout may colour.
    static func codeBytes(_ blocks: [Block]) -> Int {
        var count = 0
        blocks.forEachBlock { block in
            if case .code(let code) = block { count += code.text.utf8.count }
            if case .transclusion(let embed) = block, case .embedded(_, _, let inner) = embed.content { count += codeBytes(inner) }
        }
        return count
    }

    /// How many callouts layout numbers before each cut.
    static func calloutsBefore(_ cuts: [Int], in blocks: [Block]) -> [Int] {
        var counts: [Int] = []
        var count = 0, start = 0
        for cut in cuts {
            count += LayoutBuilder.callouts(in: Array(blocks[start..<cut]))
            counts.append(count)
            start = cut
        }
        return counts
    }
}

extension RenderedNote {
    /// Appends the lines laid out after these, with their lines and link ids moved on.
    mutating func append(_ later: RenderedNote, linkIDsFrom firstID: Int) {
        let offset = lines.count
        lines += later.lines
        links += later.links.map { link in
            var link = link
            link.line += offset
            link.id += firstID
            return link
        }
        for (anchor, line) in later.anchors { anchors[anchor] = line + offset }
        outline += later.outline.map { entry in
            var entry = entry
            entry.line += offset
            return entry
        }
        wide += later.wide.map { region in
            var region = region
            region.lines = (region.lines.lowerBound + offset)..<(region.lines.upperBound + offset)
            return region
        }
    }
}

extension LayoutBuilder {
    mutating func document(_ document: Document, _ context: LayoutContext) {
        self.document(document, blocks: document.blocks.indices, context)
    }

    /// Lays out `range` of the document's top-level blocks: the first segment opens with the
    /// title and head, the last closes with the footnotes.
    mutating func document(_ document: Document, blocks range: Range<Int>, _ context: LayoutContext) {
        let summary = document.frontMatter.isDescriptionVisible ? document.frontMatter.description : nil
        let titleIndex = document.titleHeadingIndex
        if titleIndex == nil && range.lowerBound == 0 {
            // No H1 opens the note: its title (file name or front-matter title) stands in.
            if let title = options.title, !title.isEmpty, document.frontMatter.isTitleVisible {
                self.title(Heading(level: 1, content: [.text(title)], anchor: "", hasExplicitAnchor: true), context, visible: true)
            }
            head(document.frontMatter, summary: summary, context)
        }
        for index in range {
            let block = document.blocks[index]
            if index == titleIndex, case .heading(let heading) = block {
                title(heading, context, visible: document.frontMatter.isTitleVisible)
                head(document.frontMatter, summary: summary, context)
                continue
            }
            self.block(block, context)
        }
        if range.upperBound == document.blocks.count { footnotes(document.footnotes, context) }
    }

    /// Under the title: the description as a summary, then the properties line.
    mutating func head(_ frontMatter: FrontMatter, summary: String?, _ context: LayoutContext) {
        if let summary { self.summary(summary, context) }
        if options.showsProperties { properties(frontMatter, context) }
    }

    mutating func blocks(_ blocks: [Block], _ context: LayoutContext) {
        needsBlank = false
        for block in blocks { self.block(block, context) }
    }

    mutating func block(_ block: Block, _ context: LayoutContext) {
        // A block id only marks where the next block starts.
        if case .blockID(let id) = block {
            if embedDepth == 0 { pendingBlockIDs.append("^" + id.lowercased()) }
            return
        }
        separate(context)
        // Ids name the block's first line, after the blank line before it.
        for id in pendingBlockIDs { note.anchors[id] = lineCount }
        pendingBlockIDs = []
        switch block {
        case .heading(let heading):
            if heading.level == 1 { title(heading, context, visible: true) } else { self.heading(heading, context) }
        case .paragraph(let inlines):
            paragraph(inlines, context)
        case .quote(let children):
            let bar = StyledLine([Span("┃ ", Style(.quoteBar))])
            blocks(children, context.indented(by: bar).styled(Style(.quote, context.base.emphasis.union(.italic))))
        case .list(let list):
            self.list(list, context)
        case .code(let code):
            codeBlock(code, context)
        case .table(let table):
            self.table(table, context)
        case .rule:
            emit(StyledLine([Span(String.repeating("─", count: context.width), Style(.rule))]), context)
        case .htmlText(let lines):
            for line in lines { paragraph(line, context) }
        case .figure(let figure):
            self.figure(figure, context)
        case .details(let details):
            self.details(details, context)
        case .hint(let hint):
            self.hint(hint, context)
        case .tabs(let tabs):
            self.tabs(tabs, context)
        case .embed(let embed):
            self.embed(embed, context)
        case .pageRef(let ref):
            card(ref, context)
        case .file(let file):
            self.file(file, context)
        case .include(let include):
            text("[reusable content: \(include.path)]", Style(.dim), context, link: LinkTarget(.include, include.path))
        case .raw(let body):
            for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
                text(String(line), context.base, context)
            }
        case .api(let api):
            self.api(api, context)
        case .container(let container):
            self.container(container, context)
        case .callout(let callout):
            self.callout(callout, context)
        case .transclusion(let transclusion):
            self.transclusion(transclusion, context)
        case .math(let tex):
            let inner = context.indented(by: StyledLine([Span("  ")]))
            for line in tex.split(separator: "\n", omittingEmptySubsequences: false) {
                text(String(line), Style(.math), inner)
            }
        case .blockID:
            break
        }
        needsBlank = !context.isTight
    }

    mutating func title(_ heading: Heading, _ context: LayoutContext, visible: Bool) {
        if embedDepth == 0 && !heading.anchor.isEmpty {
            note.anchors[heading.anchor] = lineCount
            note.outline.append(OutlineEntry(level: 1, title: heading.content.plainText, anchor: heading.anchor, line: lineCount,
                                             sourceLine: heading.line))
        }
        guard visible else { return }
        paragraph(heading.content, context, style: Style(.title, [.bold]))
        let width = min(context.width, max(note.lines.last?.width ?? 0, 1) - context.gutterWidth)
        emit(StyledLine([Span(String.repeating("─", count: max(1, min(context.width, max(width, 1)))), Style(.rule))]), context)
        needsBlank = true
    }

    mutating func summary(_ text: String, _ context: LayoutContext) {
        separate(context)
        let bar = StyledLine([Span("▌ ", Style(.summary))])
        let inner = context.indented(by: bar)
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: true) {
            self.text(String(paragraph), Style(.summary, [.italic]), inner)
        }
        needsBlank = true
    }

    mutating func heading(_ heading: Heading, _ context: LayoutContext) {
        if embedDepth == 0 {
            note.anchors[heading.anchor] = lineCount
            note.outline.append(OutlineEntry(level: heading.level, title: heading.content.plainText,
                                             anchor: heading.anchor, line: lineCount, sourceLine: heading.line))
        }
        paragraph(heading.content, context, style: Style(.heading(heading.level), [.bold]))
    }

    mutating func list(_ list: ListBlock, _ context: LayoutContext) {
        let bullets = ["●", "○", "▪", "▫"]
        var number: Int
        if case .ordered(let start) = list.kind { number = start } else { number = 0 }
        let markerWidth: Int = {
            guard case .ordered = list.kind else { return 2 }
            return String(number + list.items.count - 1).count + 2
        }()
        for (index, item) in list.items.enumerated() {
            if index > 0 && !list.isTight { separate(context) }
            if index > 0 && list.isTight { needsBlank = false }
            var marker: String
            switch (list.kind, item.task) {
            case (_, .some(let done)): marker = done ? "☑ " : "☐ "
            case (.ordered, nil):
                let label = "\(number)."
                marker = String.repeating(" ", count: max(0, markerWidth - 1 - label.count)) + label + " "
            case (.bullet, nil): marker = bullets[context.listLevel % bullets.count] + " "
            }
            number += 1
            var inner = context.indented(by: StyledLine([Span(String.repeating(" ", count: CellWidth.of(marker)))]))
            inner.listLevel += 1
            inner.isTight = list.isTight
            let markerStyle = Style(.marker)
            var first = pendingFirst ?? context.gutter
            if inner.gutterWidth > context.gutterWidth { first.append(marker, markerStyle) }
            pendingFirst = first
            blocks(item.blocks, inner)
            if pendingFirst != nil { emit(StyledLine(), inner) }
            needsBlank = !list.isTight
        }
    }

    mutating func footnotes(_ footnotes: [Footnote], _ context: LayoutContext) {
        guard !footnotes.isEmpty else { return }
        separate(context)
        emit(StyledLine([Span(String.repeating("─", count: min(context.width, 20)), Style(.rule))]), context)
        for footnote in footnotes {
            let label = "[\(footnote.label)] "
            note.anchors["fn-\(footnote.label)"] = lineCount
            let inner = context.indented(by: StyledLine([Span(String.repeating(" ", count: CellWidth.of(label)))]))
            var first = context.gutter
            first.append(label, Style(.footnote))
            pendingFirst = inner.gutterWidth > context.gutterWidth ? first : nil
            blocks(footnote.blocks, inner)
            if pendingFirst != nil { emit(StyledLine(), inner) }
        }
        needsBlank = true
    }
}
