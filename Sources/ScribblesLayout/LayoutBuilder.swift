import ScribblesMarkdown
import ScribblesText

/// Accumulates the lines, links and anchors of a note as blocks are laid out.
struct LayoutBuilder {
    var note: RenderedNote
    /// The prefix for the next line only (a list marker), replacing the context's gutter.
    var pendingFirst: StyledLine?
    /// Set after a block; the next block in the same container starts with a blank line.
    var needsBlank = false
    /// The id the next written link gets.
    var nextLinkID = 0
    /// The number the next callout gets (document order), for folding.
    var nextCalloutID = 0
    /// Inside embedded notes: their headings and ids are not this note's anchors.
    var embedDepth = 0
    /// Block ids waiting for the next block's first line.
    var pendingBlockIDs: [String] = []
    let cardInfo: (String) -> CardInfo?
    let mentionTitle: (String) -> String?
    /// Tokens of a code block (language, code), nil for plain code.
    let highlight: ((String, String) -> [[SyntaxToken]]?)?
    let options: LayoutOptions
    /// Code given to `highlight` so far (`CodeHighlighting`'s budget).
    var highlighting = CodeHighlighting()

    init(width: Int, cardInfo: @escaping (String) -> CardInfo?, mentionTitle: @escaping (String) -> String?,
         highlight: ((String, String) -> [[SyntaxToken]]?)? = nil, options: LayoutOptions = LayoutOptions()) {
        note = RenderedNote(width: width)
        self.cardInfo = cardInfo
        self.mentionTitle = mentionTitle
        self.highlight = highlight
        self.options = options
    }

    var lineCount: Int { note.lines.count }

    /// Emits one line after the gutter (or the pending list marker).
    mutating func emit(_ content: StyledLine, _ context: LayoutContext, links: [(Int, Int, LinkTarget)] = [], ids: [Int] = []) {
        var line: StyledLine
        var offset = context.gutterWidth
        if let first = pendingFirst {
            line = first
            offset = first.width
            pendingFirst = nil
        } else {
            line = context.gutter
        }
        line.append(content)
        // Every text from a note is made visible where it enters a fragment; this is the net
        // under all of them: no control character leaves the layout, whatever a block forgot.
        for index in line.spans.indices where TerminalText.needsCleaning(line.spans[index].text) {
            line.spans[index].text = TerminalText.visible(line.spans[index].text)
        }
        for (index, (start, end, target)) in links.enumerated() {
            let id = index < ids.count ? ids[index] : newLinkID()
            note.links.append(LinkRegion(line: note.lines.count, start: offset + start, end: offset + end, target: target, id: id))
        }
        note.lines.append(line)
    }

    /// Emits wrapped lines, turning their link indices into regions.
    mutating func emit(_ wrapped: [WrappedLine], _ targets: [LinkTarget], _ context: LayoutContext) {
        let base = nextLinkID
        nextLinkID += targets.count
        for line in wrapped {
            emit(line.line, context, links: line.links.map { ($0.0, $0.1, targets[$0.2]) }, ids: line.links.map { base + $0.2 })
        }
    }

    mutating func newLinkID() -> Int {
        defer { nextLinkID += 1 }
        return nextLinkID
    }

    /// A blank line before a block, when one is due; the gutter's bars continue through it.
    mutating func separate(_ context: LayoutContext) {
        if needsBlank && pendingFirst == nil {
            var gutter = context.gutter
            if let last = gutter.spans.indices.last {
                gutter.spans[last].text = String(gutter.spans[last].text.reversed().drop { $0 == " " }.reversed())
            }
            note.lines.append(gutter)
        }
        needsBlank = false
    }

    /// Wraps inlines to the context's width and emits them.
    mutating func paragraph(_ inlines: [Inline], _ context: LayoutContext, style: Style? = nil) {
        var flattener = InlineFlattener()
        flattener.mentionTitle = mentionTitle
        flattener.add(inlines, style ?? context.base)
        emit(Wrapper.wrap(flattener.fragments, width: context.width), flattener.links, context)
    }

    /// Wraps plain text in one style and emits it.
    mutating func text(_ text: String, _ style: Style, _ context: LayoutContext, link: LinkTarget? = nil) {
        let fragment = Fragment(text: TerminalText.visible(text), style: style, link: link == nil ? nil : 0)
        emit(Wrapper.wrap([fragment], width: context.width), link.map { [$0] } ?? [], context)
    }
}
