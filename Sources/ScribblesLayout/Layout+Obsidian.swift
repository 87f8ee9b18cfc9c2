import ScribblesMarkdown
import ScribblesText

/// Obsidian's blocks: callouts (in the box of GitBook's hints), embeds, the properties line.
extension LayoutBuilder {
    /// A callout: its icon and title on a rule in its colour, its body behind a bar. In the
    /// reader a foldable one shows ▸ or ▾ and its title line is a target Enter toggles.
    mutating func callout(_ callout: Callout, _ context: LayoutContext) {
        let id = nextCalloutID
        nextCalloutID += 1
        let kind = callout.kind.hint
        let style = Style(.hint(kind), [.bold])
        var flattener = InlineFlattener()
        flattener.mentionTitle = mentionTitle
        let foldable = options.foldsCallouts && callout.fold != .none
        let folded = options.isFolded(id, callout.fold)
        if foldable {
            flattener.links = [LinkTarget(.callout, String(id))]
            flattener.fragments = [Fragment(text: folded ? "▸ " : "▾ ", style: style, link: 0)]
        }
        flattener.fragments.append(Fragment(text: callout.kind.icon + " ", style: style, link: foldable ? 0 : nil))
        if callout.title.isEmpty {
            flattener.add([.text(callout.defaultTitle)], style)
        } else {
            flattener.add(callout.title, style)
        }
        var wrapped = Wrapper.wrap(flattener.fragments, width: context.width)
        if var last = wrapped.popLast() {
            let fill = context.width - last.width - 1
            if fill > 0 { last.append(" " + String.repeating("─", count: fill), Style(.hint(kind)), nil, width: fill + 1) }
            wrapped.append(last)
        }
        emit(wrapped, flattener.links, context)
        guard !folded else {
            // The callouts inside keep their numbers whether this one is open or not.
            nextCalloutID += Self.callouts(in: callout.blocks)
            return
        }
        blocks(callout.blocks, context.indented(by: StyledLine([Span("│ ", Style(.hint(kind)))])))
    }

    /// How many callouts `blocks` hold, embedded notes included (as layout numbers them).
    static func callouts(in blocks: [Block]) -> Int {
        var count = 0
        blocks.forEachBlock { block in
            if case .callout = block { count += 1 }
            if case .transclusion(let embed) = block, case .embedded(_, _, let inner) = embed.content { count += callouts(in: inner) }
        }
        return count
    }

    /// An embed: a placeholder for an attachment, a framed box for an embedded note.
    mutating func transclusion(_ embed: Transclusion, _ context: LayoutContext) {
        let target = LinkTarget(.wikiEmbed, embed.target)
        guard embed.media == .note else {
            text(Self.placeholder(embed), Style(.image), context, link: target)
            return
        }
        switch embed.content {
        case .pending:
            text("↪ " + embed.target, Style(.link), context, link: target)
        case .stopped(let reason):
            text("↪ " + embed.target + " — " + reason, Style(.dim), context, link: target)
        case .embedded(let title, let path, let blocks):
            framed(title: title, path: path, blocks: blocks, target: target, context)
        }
    }

    /// `[image: photo.png]`, `[pdf: manual.pdf, page 3]`…
    static func placeholder(_ embed: Transclusion) -> String {
        let name = embed.file.split(separator: "/").last.map(String.init) ?? embed.file
        var label = "[\(embed.media.rawValue): \(name)"
        if embed.media == .pdf, let fragment = embed.fragment, fragment.hasPrefix("page=") {
            label += ", page " + fragment.dropFirst(5)
        }
        if !embed.label.isEmpty && !Self.isSize(embed.label) && embed.label != name { label += " — " + embed.label }
        return label + "]"
    }

    private static func isSize(_ label: String) -> Bool {
        label.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "x") } && label.first?.isNumber == true
    }

    /// Embedded blocks in a frame: the title on top (a link to the note), the path below.
    private mutating func framed(title: String, path: String, blocks: [Block], target: LinkTarget, _ context: LayoutContext) {
        let frame = Style(.cardFrame)
        guard context.width >= 12, context.canIndent(4) else {
            text("↪ " + title, Style(.card, [.bold]), context, link: target)
            embedDepth += 1
            self.blocks(blocks, context)
            embedDepth -= 1
            return
        }
        let top = lineCount
        emit(Frame.top("↪ " + title, width: context.width, style: frame, labelStyle: Style(.card, [.bold])), context)
        let id = newLinkID()
        note.links.append(LinkRegion(line: top, start: context.gutterWidth, end: context.gutterWidth + context.width,
                                     target: target, id: id))
        var inner = context.indented(by: StyledLine([Span("│ ", frame)]))
        inner.width -= 2
        let bodyStart = lineCount
        embedDepth += 1
        self.blocks(blocks, inner)
        embedDepth -= 1
        if pendingFirst != nil { emit(StyledLine(), inner) }
        let right = context.gutterWidth + context.width
        for index in bodyStart..<lineCount {
            let pad = right - 2 - note.lines[index].width
            note.lines[index].append(String.repeating(" ", count: max(0, pad)) + " │", frame)
        }
        emit(Frame.bottom(path, width: context.width, style: frame), context)
        needsBlank = true
    }

    /// Front-matter tags, aliases and other properties as one wrapped line under the title.
    mutating func properties(_ frontMatter: FrontMatter, _ context: LayoutContext) {
        var flattener = InlineFlattener()
        flattener.mentionTitle = mentionTitle
        var first = true
        func separator() {
            if !first { flattener.add([.text(" · ")], Style(.dim)) }
            first = false
        }
        if !frontMatter.tags.isEmpty {
            separator()
            for (index, tag) in frontMatter.tags.enumerated() {
                flattener.add(index == 0 ? [.tag(tag)] : [.text(" "), .tag(tag)], Style.plain)
            }
        }
        if !frontMatter.aliases.isEmpty {
            separator()
            flattener.add([.text("aliases: ")], Style(.property))
            flattener.add([.text(frontMatter.aliases.joined(separator: ", "))], Style.plain)
        }
        for property in frontMatter.properties where !property.values.isEmpty {
            separator()
            flattener.add([.text(property.key + ": ")], Style(.property))
            for (index, value) in property.values.enumerated() {
                if index > 0 { flattener.add([.text(", ")], Style.plain) }
                flattener.add(value, Style.plain)
            }
        }
        guard !first else { return }
        separate(context)
        emit(Wrapper.wrap(flattener.fragments, width: context.width), flattener.links, context)
        needsBlank = true
    }
}
