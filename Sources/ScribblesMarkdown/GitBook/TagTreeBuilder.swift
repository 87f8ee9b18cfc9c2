/// Pairs GitBook tags into a block tree (GITBOOK.md §3.3), one container at a time.
///
/// On `end<name>` it pops to the nearest open `<name>`, auto-closing what is above; an end tag
/// with nothing to close is dropped; whatever is open at the container's end is closed there.
/// Tags that are not GitBook's stay in the text, dimmed. Text is never dropped.
struct TagTreeBuilder {
    let tokens: [TagToken]
    /// Tag containers nest at most this deep; deeper openers are ignored (their text is kept).
    static let maxTagDepth = 24

    /// A block, or a child tag (`tab`, `swagger-parameter`) waiting for its parent.
    /// (Not `indirect`: the recursion goes through an array, and a box per block cost an
    /// allocation for each of a long note's blocks.)
    enum Node {
        case block(Block)
        case child(TagToken, [Node])
    }

    private enum Item {
        case block(Block)
        case tag(TagToken)
    }

    /// `blocks` with tags paired, at every depth.
    func build(_ blocks: [Block]) -> [Block] {
        // Most containers hold no tag at all: leave them as they are.
        guard blocks.contains(where: \.hasMarker) else { return blocks }
        return flatten(pair(items(blocks)))
    }

    /// `build` for a note's top-level blocks, given whether each holds a marker (found as the
    /// blocks were made, on the core that made them): only the marked blocks are read.
    func build(_ blocks: [Block], marks: [Bool]) -> [Block] {
        guard marks.contains(true) else { return blocks }
        var found: [Item] = []
        found.reserveCapacity(blocks.count)
        for (block, marked) in zip(blocks, marks) {
            if marked { found += items([block]) } else { found.append(.block(block)) }
        }
        return flatten(pair(found))
    }

    // MARK: Items of one container

    private func items(_ blocks: [Block]) -> [Item] {
        var items: [Item] = []
        for block in blocks {
            if case .paragraph(let inlines) = block {
                if inlines.contains(where: \.hasMarker) {
                    split(inlines, into: &items)
                } else {
                    items.append(.block(block))
                }
            } else {
                items.append(.block(block.hasMarker ? descend(block) : block))
            }
        }
        return items
    }

    /// Splits a paragraph at GitBook tags; other tags stay inline as verbatim text.
    private func split(_ inlines: [Inline], into items: inout [Item]) {
        var run: [Inline] = []
        func flushRun() {
            let trimmed = CmarkConverter.trimmed(run)
            if !trimmed.isEmpty { items.append(.block(.paragraph(trimmed))) }
            run = []
        }
        for inline in inlines {
            guard case .text(let text) = inline, TagSentinel.hasMarker(text) else {
                run.append(contentsOf: fallback(inline))
                continue
            }
            for piece in TagSentinel.split(text) {
                switch piece {
                case .text(let s):
                    run.append(.text(s.replacing("<!--", with: "").replacing("-->", with: "")))
                case .marker(let index):
                    guard index < tokens.count else { continue }
                    let token = tokens[index]
                    if token.name == "math" {
                        // Inline math keeps its dollars: they say "this is TeX" without colour too.
                        run.append(.math(token.source))
                    } else if token.name == "math-block" {
                        flushRun()
                        items.append(.block(.math(token.positional.first ?? "")))
                    } else if isStructural(token) {
                        flushRun()
                        items.append(.tag(token))
                    } else {
                        run.append(.unknownTag(token.source))
                    }
                }
            }
        }
        flushRun()
    }

    private func isStructural(_ token: TagToken) -> Bool {
        TagRegistry.kind(of: token.closedName ?? token.name) != nil || token.rawBody != nil
    }

    // MARK: Pairing

    private func pair(_ items: [Item]) -> [Node] {
        var stack: [(token: TagToken, nodes: [Node])] = []
        var root: [Node] = []
        func append(_ node: Node) {
            if stack.isEmpty { root.append(node) } else { stack[stack.count - 1].nodes.append(node) }
        }
        func closeTop() {
            let frame = stack.removeLast()
            for node in close(frame.token, frame.nodes) { append(node) }
        }
        for (position, item) in items.enumerated() {
            switch item {
            case .block(let block):
                append(.block(block))
            case .tag(let token):
                if let name = token.closedName {
                    if let index = stack.lastIndex(where: { $0.token.name == name }) {
                        while stack.count > index { closeTop() }
                    }
                    continue
                }
                if token.name == "summary", let top = stack.indices.last, stack[top].token.name == "details",
                   stack[top].token.attributes["summary"] == nil {
                    stack[top].token.attributes["summary"] = token.positional.first ?? ""
                    continue
                }
                if opens(token, at: position, in: items) {
                    // Past the depth cap an opener is ignored; its content stays in place.
                    if stack.count < Self.maxTagDepth { stack.append((token, [])) }
                } else {
                    for node in close(token, []) { append(node) }
                }
            }
        }
        while !stack.isEmpty { closeTop() }
        return root
    }

    /// Whether `token` opens a container here, or stands alone.
    private func opens(_ token: TagToken, at position: Int, in items: [Item]) -> Bool {
        switch TagRegistry.kind(of: token.name) {
        case .paired: return true
        case .void, nil: return false
        case .optionalEnd:
            for item in items[(position + 1)...] {
                if case .tag(let next) = item { return next.closedName == token.name }
            }
            return false
        case .pairedIfClosed:
            return items[(position + 1)...].contains { item in
                if case .tag(let next) = item { return next.closedName == token.name }
                return false
            }
        }
    }

    private func close(_ token: TagToken, _ nodes: [Node]) -> [Node] {
        if TagRegistry.isChild(token.name) { return [.child(token, nodes)] }
        return TagBlocks.make(token, nodes, flatten: flatten).map { .block($0) }
    }

    /// Blocks of `nodes`; a child tag without its parent becomes a titled container.
    func flatten(_ nodes: [Node]) -> [Block] {
        var blocks: [Block] = []
        blocks.reserveCapacity(nodes.count)
        for node in nodes {
            switch node {
            case .block(let block): blocks.append(block)
            case .child(let token, let children):
                blocks.append(.container(Container(name: token.name, label: TagBlocks.label(token), blocks: flatten(children))))
            }
        }
        return blocks
    }

    // MARK: Descending into containers and inline fallbacks

    private func descend(_ block: Block) -> Block {
        switch block {
        case .quote(let children): return .quote(build(children))
        case .list(var list):
            for i in list.items.indices { list.items[i].blocks = build(list.items[i].blocks) }
            return .list(list)
        case .heading(var heading) where heading.content.contains(where: \.hasMarker):
            heading.content = heading.content.flatMap(fallback)
            return .heading(heading)
        case .table(var table) where (table.header + table.rows.flatMap { $0 }).contains(where: { $0.contains(where: \.hasMarker) }):
            table.header = table.header.map { $0.flatMap(fallback) }
            table.rows = table.rows.map { $0.map { $0.flatMap(fallback) } }
            return .table(table)
        case .htmlText(let lines) where lines.contains(where: { $0.contains(where: \.hasMarker) }): return .htmlText(lines.map { $0.flatMap(fallback) })
        default: return block
        }
    }

    /// An inline outside a paragraph's top level: markers become their link or verbatim text.
    private func fallback(_ inline: Inline) -> [Inline] {
        switch inline {
        case .text(let text) where TagSentinel.hasMarker(text):
            return TagSentinel.split(text).map { piece -> Inline in
                switch piece {
                case .text(let s): return .text(s)
                case .marker(let i): return i < tokens.count ? inlineForm(tokens[i]) : .text("")
                }
            }
        case .emphasis(let c): return [.emphasis(c.flatMap(fallback))]
        case .strong(let c): return [.strong(c.flatMap(fallback))]
        case .strike(let c): return [.strike(c.flatMap(fallback))]
        case .mark(let color, let c): return [.mark(color, c.flatMap(fallback))]
        case .link(var link):
            link.content = link.content.flatMap(fallback)
            return [.link(link)]
        case .code(let text) where TagSentinel.hasMarker(text):
            // Code made from inline HTML (`<code>…</code>`) holds markers cmark never saw as code.
            return [.code(TagSentinel.replacingMarkers(in: text, standaloneWrappers: false) { index in
                index < tokens.count ? tokens[index].source : ""
            })]
        default: return [inline]
        }
    }

    private func inlineForm(_ token: TagToken) -> Inline {
        if token.name == "math" { return .math(token.source) }
        if token.name == "math-block" { return .math(token.positional.first ?? "") }
        if let body = token.rawBody { return .text(body) }
        guard isStructural(token) else { return .unknownTag(token.source) }
        if let url = token.unescaped("url") ?? token.unescaped("page") ?? token.unescaped("src") {
            return .link(Link(destination: url, title: "", content: [.text(url)], line: token.line))
        }
        return .text("")
    }
}


extension Inline {
    /// Whether a tag marker sits anywhere in this inline.
    var hasMarker: Bool {
        switch self {
        case .text(let s), .code(let s): return TagSentinel.hasMarker(s)
        case .emphasis(let c), .strong(let c), .strike(let c), .mark(_, let c): return c.contains(where: \.hasMarker)
        case .link(let link): return link.content.contains(where: \.hasMarker)
        default: return false
        }
    }
}

extension Block {
    /// Whether a tag marker sits anywhere in this block's text, nested blocks included.
    var hasMarker: Bool {
        switch self {
        case .paragraph(let inlines): return inlines.contains(where: \.hasMarker)
        case .heading(let heading): return heading.content.contains(where: \.hasMarker)
        case .quote(let blocks): return blocks.contains(where: \.hasMarker)
        case .list(let list): return list.items.contains { $0.blocks.contains(where: \.hasMarker) }
        case .table(let table):
            return (table.header + table.rows.flatMap { $0 }).contains { $0.contains(where: \.hasMarker) }
        case .htmlText(let lines): return lines.contains { $0.contains(where: \.hasMarker) }
        default: return false
        }
    }
}
