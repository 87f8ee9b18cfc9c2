import ScribblesMarkdown
import ScribblesText

extension LayoutBuilder {
    /// A framed code block, coloured by the highlighter when it knows the language. Code is
    /// never reflowed: long lines end in `…`.
    mutating func codeBlock(_ code: CodeBlock, _ context: LayoutContext) {
        let frame = Style(.codeFrame)
        let language = code.language
        let label = code.title ?? (language.isEmpty ? nil : language)
        var lines = Self.lines(of: code.text)
        if lines.last == "" { lines.removeLast() }
        let tokens = highlighted(code)
        let styled = lines.indices.map { index in
            Self.codeLine(lines[index], tokens.flatMap { $0.indices.contains(index) ? $0[index] : nil } ?? [])
        }
        guard context.width >= 6 else {
            for line in styled { emit(Truncate.cells(line, context.width, ellipsis: Style(.codeBlock)), context) }
            return
        }
        let inner = context.width - 4
        emit(Frame.top(label, width: context.width, style: frame, labelStyle: Style(.codeFrame, [.bold])), context)
        let widest = styled.map(\.width).max() ?? 0
        if options.scrollsWide && widest > inner {
            // Kept whole: the reader draws a window of each line and the frame's right side.
            let first = lineCount
            for line in styled {
                var row = StyledLine([Span("│ ", frame)])
                row.append(line)
                emit(row, context)
            }
            let start = (note.lines.last?.width ?? 0) - (styled.last?.width ?? 0)
            note.wide.append(WideRegion(lines: first..<lineCount, start: start, visible: inner, width: widest,
                                        trailer: StyledLine([Span(" │", frame)])))
        } else {
            for line in styled {
                var row = StyledLine([Span("│ ", frame)])
                let shown = Truncate.cells(line, inner, ellipsis: Style(.codeBlock))
                row.append(shown)
                row.append(String.repeating(" ", count: max(0, inner - shown.width)) + " │", frame)
                emit(row, context)
            }
        }
        emit(Frame.bottom(nil, width: context.width, style: frame), context)
    }

    /// The text's lines, split at each line feed as `split(separator: "\n")` splits them: by
    /// bytes, unless a CR is there (`\r\n` is one character, which that split does not cut).
    static func lines(of text: String) -> [Substring] {
        let hasCR = ByteSearch.withBytes(text) { ByteSearch.contains(0x0D, in: $0) }
        guard !hasCR else { return text.split(separator: "\n", omittingEmptySubsequences: false) }
        return text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { Substring($0) }
    }

    /// The block's tokens per line, while the note's highlighting budget lasts.
    private mutating func highlighted(_ code: CodeBlock) -> [[SyntaxToken]]? {
        guard let highlight, let language = highlighting.take(code) else { return nil }
        return highlight(language, code.text)
    }

    /// One line of code in spans: the tokens' kinds, plain code between them.
    static func codeLine(_ line: Substring, _ tokens: [SyntaxToken]) -> StyledLine {
        let plain = Style(.codeBlock)
        guard !tokens.isEmpty else { return StyledLine([Span(TerminalText.visible(line), plain)]) }
        let bytes = line.utf8
        var out = StyledLine()
        var cursor = 0
        func piece(_ start: Int, _ end: Int) -> String {
            let from = bytes.index(bytes.startIndex, offsetBy: start), to = bytes.index(bytes.startIndex, offsetBy: end)
            return TerminalText.visible(String(decoding: bytes[from..<to], as: UTF8.self))
        }
        for token in tokens.sorted(by: { $0.start < $1.start }) {
            let start = max(cursor, Int(token.start)), end = min(bytes.count, Int(token.start) + Int(token.length))
            guard start < end else { continue }
            if start > cursor { out.append(piece(cursor, start), plain) }
            out.append(piece(start, end), Style(.syntax(token.kind)))
            cursor = end
        }
        if cursor < bytes.count { out.append(piece(cursor, bytes.count), plain) }
        return out
    }

    mutating func figure(_ figure: Figure, _ context: LayoutContext) {
        let alt = figure.alt.trimmingWhitespace()
        let label = alt.isEmpty ? (figure.caption.isEmpty ? "[image]" : "[image: \(figure.caption)]") : "[image: \(alt)]"
        text(label + (figure.source.isEmpty ? "" : "  " + figure.source), Style(.image), context,
             link: LinkTarget(.image, figure.source))
        if !figure.caption.isEmpty && figure.caption != alt {
            text(figure.caption, Style(.dim, [.italic]), context)
        }
    }

    mutating func details(_ details: Details, _ context: LayoutContext) {
        paragraph([.text("▾ ")] + details.summary, context, style: Style(.text, [.bold]))
        blocks(details.blocks, context.indented(by: StyledLine([Span("  ")])))
    }

    mutating func hint(_ hint: Hint, _ context: LayoutContext) {
        let style = Style(.hint(hint.kind))
        let (icon, name): (String, String) = switch hint.kind {
        case .info: ("ℹ", "Info")
        case .success: ("✔", "Success")
        case .warning: ("⚠", "Warning")
        case .danger: ("✖", "Danger")
        case .tip: ("✦", "Tip")
        case .example: ("☰", "Example")
        case .quote: ("❝", "Quote")
        }
        var body = hint.blocks
        var title = name
        // A leading bold-only paragraph is the hint's title when it fits on the header line.
        if case .paragraph(let inlines)? = body.first, inlines.count == 1, case .strong(let strong) = inlines[0],
           CellWidth.of(strong.plainText) + 4 <= context.width {
            title = strong.plainText
            body.removeFirst()
        }
        let head = Truncate.cells("\(icon) \(TerminalText.visible(title)) ", context.width)
        let fill = max(0, context.width - CellWidth.of(head))
        var line = StyledLine([Span(head, Style(.hint(hint.kind), [.bold]))])
        line.append(String.repeating("─", count: fill), style)
        emit(line, context)
        blocks(body, context.indented(by: StyledLine([Span("│ ", style)])))
    }

    mutating func tabs(_ tabs: [Tab], _ context: LayoutContext) {
        let titles = tabs.enumerated().map { $0.element.title.isEmpty ? "Tab \($0.offset + 1)" : $0.element.title }
        text("▸ " + titles.joined(separator: " │ "), Style(.dim), context)
        for (index, tab) in tabs.enumerated() {
            needsBlank = true
            separate(context)
            text("▸ " + titles[index], Style(.heading(4), [.bold]), context)
            blocks(tab.blocks, context.indented(by: StyledLine([Span("  ")])))
        }
    }

    mutating func embed(_ embed: Embed, _ context: LayoutContext) {
        let host = Hosts.host(of: embed.url)
        let glyph = Hosts.glyph(for: host)
        let caption = !embed.title.isEmpty ? embed.title : embed.caption.trimmingWhitespace()
        let name = embed.url.split(separator: "/").last.map(String.init) ?? embed.url
        let lead = !caption.isEmpty ? caption : host.isEmpty ? name : host
        let target = LinkTarget(.embed, embed.url)
        var flattener = InlineFlattener()
        flattener.links = [target]
        flattener.fragments = [
            Fragment(text: glyph + " ", style: Style(.embed), link: 0),
            Fragment(text: TerminalText.visible(lead), style: Style(.embed, [.bold]), link: 0),
            Fragment(text: " — ", style: Style(.dim), link: 0),
            Fragment(text: TerminalText.visible(embed.url), style: Style(.link), link: 0),
        ]
        emit(Wrapper.wrap(flattener.fragments, width: context.width), flattener.links, context)
        if !embed.description.isEmpty {
            text(embed.description, Style(.dim), context.indented(by: StyledLine([Span("  ")])))
        }
    }

    /// A page-ref or content-ref as a card: target title, description, path.
    mutating func card(_ ref: PageRef, _ context: LayoutContext) {
        let target = LinkTarget(ref.kind == .pageRef ? .pageRef : .contentRef, ref.target)
        let info = cardInfo(ref.target)
        let fallback = target.isExternal && !ref.label.isEmpty ? ref.label : ref.target
        let title = info?.title ?? fallback
        guard context.width >= 8 else {
            text("→ " + title, Style(.card, [.bold]), context, link: target)
            return
        }
        let frame = Style(.cardFrame)
        let start = lineCount
        emit(Frame.top("→ " + title, width: context.width, style: frame, labelStyle: Style(.card, [.bold])), context)
        if let description = info?.description, !description.isEmpty {
            let inner = context.width - 4
            for line in Wrapper.wrap([Fragment(text: TerminalText.visible(description), style: Style(.dim))], width: inner) {
                let pad = inner - line.width
                var row = StyledLine([Span("│ ", frame)])
                row.append(line.line)
                row.append(String.repeating(" ", count: pad) + " │", frame)
                emit(row, context)
            }
        }
        let path = info == nil && title == ref.target ? nil : ref.target
        emit(Frame.bottom(path, width: context.width, style: frame), context)
        let id = newLinkID()
        for line in start..<lineCount {
            note.links.append(LinkRegion(line: line, start: context.gutterWidth, end: context.gutterWidth + context.width,
                                         target: target, id: id))
        }
    }

    mutating func file(_ file: FileRef, _ context: LayoutContext) {
        let name = file.source.split(separator: "/").last.map(String.init) ?? file.source
        let caption = file.caption.trimmingWhitespace()
        text("📎 " + name + (caption.isEmpty ? "" : "  " + caption), Style(.link), context, link: LinkTarget(.file, file.source))
    }

    mutating func api(_ api: APIBlock, _ context: LayoutContext) {
        var head = StyledLine()
        if !api.method.isEmpty { head.append(TerminalText.visible(api.method) + "  ", Style(.apiMethod, [.bold])) }
        let path = api.baseURL + api.path
        head.append(path.isEmpty ? "API" : TerminalText.visible(path), Style(.code))
        if !api.source.isEmpty { head.append("  " + TerminalText.visible(api.source), Style(.dim)) }
        emit(Wrapper.wrap(head.spans.map { Fragment(text: $0.text, style: $0.style) }, width: context.width), [], context)
        let inner = context.indented(by: StyledLine([Span("│ ", Style(.cardFrame))]))
        if !api.summary.isEmpty { text(api.summary, Style(.text, [.bold]), inner) }
        if !api.description.isEmpty { blocks(api.description, inner) }
        if !api.parameters.isEmpty {
            separate(inner); needsBlank = true; separate(inner)
            text("Parameters", Style(.heading(4), [.bold]), inner)
            for p in api.parameters {
                let label = [p.location.isEmpty ? nil : "(\(p.location))", p.type.isEmpty ? nil : p.type,
                             p.isRequired ? "required" : nil].compactMap { $0 }.joined(separator: " ")
                let description = TagBlocksText.plain(p.description)
                var flattener = InlineFlattener()
                flattener.add([.code(p.name)], Style.plain)
                flattener.add([.text("  " + label)], Style(.dim))
                if !description.isEmpty { flattener.add([.text(" — " + description)], Style.plain) }
                pendingFirst = nil
                emit(Wrapper.wrap(flattener.fragments, width: inner.width), [], inner)
            }
        }
        for response in api.responses {
            separate(inner); needsBlank = true; separate(inner)
            let label = response.status + (response.description.isEmpty ? "" : " — " + response.description)
            text(label, Style(.apiMethod, [.bold]), inner)
            blocks(response.blocks, inner)
        }
    }

    mutating func container(_ container: Container, _ context: LayoutContext) {
        let label = container.label.isEmpty ? container.name : container.label
        text("◆ " + label, Style(.dim, [.bold]), context)
        blocks(container.blocks, context.indented(by: StyledLine([Span("  ")])))
    }
}

/// Plain text of blocks, for one-line summaries (API parameter descriptions).
enum TagBlocksText {
    static func plain(_ blocks: [Block]) -> String {
        blocks.compactMap { block -> String? in
            if case .paragraph(let inlines) = block { return inlines.plainText }
            return nil
        }.joined(separator: " ")
    }
}

/// Host names and glyphs for embeds.
enum Hosts {
    static func host(of url: String) -> String {
        var rest = Substring(url)
        if let scheme = rest.firstRange(of: "://") { rest = rest[scheme.upperBound...] }
        let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return host.hasPrefix("www.") ? String(host.dropFirst(4)) : String(host)
    }

    static func glyph(for host: String) -> String {
        if host.contains("youtube") || host.contains("youtu.be") || host.contains("vimeo") { return "▶" }
        if host.contains("github") { return "⌥" }
        return "↗"
    }
}

/// Box edges for code blocks and cards.
enum Frame {
    static func top(_ label: String?, width: Int, style: Style, labelStyle: Style) -> StyledLine {
        var line = StyledLine([Span("┌", style)])
        var used = 2
        if let label, !label.isEmpty, width > 6 {
            let shown = Truncate.cells(" " + TerminalText.visible(label) + " ", width - 4)
            line.append("─", style)
            line.append(shown, labelStyle)
            used += 1 + CellWidth.of(shown)
        }
        line.append(String.repeating("─", count: max(0, width - used)) + "┐", style)
        return line
    }

    static func bottom(_ label: String?, width: Int, style: Style) -> StyledLine {
        var line = StyledLine([Span("└", style)])
        guard let label, !label.isEmpty, width > 8 else {
            line.append(String.repeating("─", count: max(0, width - 2)) + "┘", style)
            return line
        }
        let shown = Truncate.cells(" " + TerminalText.visible(label) + " ", width - 5)
        line.append(String.repeating("─", count: max(0, width - 3 - CellWidth.of(shown))), style)
        line.append(shown, Style(.dim))
        line.append("─┘", style)
        return line
    }
}
