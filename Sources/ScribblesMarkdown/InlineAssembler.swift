import ScribblesText

/// Collects inlines and folds inline HTML tags (`<mark>`, `<a href>`, `<kbd>`, `<br>`, …) into
/// structure. cmark-gfm gives each HTML tag as a separate node; this pairs them up.
/// Unmatched end tags are ignored, unclosed ones close at the end; text is never dropped.
struct InlineAssembler {
    private struct Frame {
        var name: String
        var attributes: [String: String]
        var content: [Inline] = []
    }

    private var stack: [Frame] = [Frame(name: "", attributes: [:])]
    /// How many frames of each name are open: an end tag with none open is passed over at
    /// once (`</i>` × n after `<b>` × n would search the whole stack each time).
    private var openCounts: [String: Int] = [:]
    /// Where each top-level inline starts in the file, when known (cmark's text nodes), in step
    /// with the top level's content: wikilinks found in text get their columns from it.
    private var positions: [SourcePosition?] = []
    /// The line of the HTML being fed, for the links it makes.
    var line = 0
    /// Ids from `<a id>` / `<a name>` anchors met so far (GitBook heading anchors).
    private(set) var anchorIDs: [String] = []

    var isEmpty: Bool { stack.count == 1 && stack[0].content.isEmpty }

    mutating func append(_ inline: Inline, at position: SourcePosition? = nil) {
        stack[stack.count - 1].content.append(inline)
        if stack.count == 1 { positions.append(position) }
    }

    mutating func append(contentsOf inlines: [Inline]) {
        stack[stack.count - 1].content.append(contentsOf: inlines)
        if stack.count == 1 { positions.append(contentsOf: repeatElement(nil, count: inlines.count)) }
    }

    /// Feeds the raw text of an inline HTML node.
    mutating func html(_ raw: String) {
        for token in HTMLTokenizer.tokenize(raw) {
            switch token {
            case .start(let name, let attributes, let selfClosing):
                start(name, attributes, selfClosing: selfClosing)
            case .end(let name):
                end(Self.canonical(name))
            case .text(let text):
                append(.text(Entities.decode(text)))
            case .comment:
                break
            }
        }
    }

    private mutating func start(_ name: String, _ attributes: [String: String], selfClosing: Bool) {
        switch name {
        case "br":
            append(.lineBreak)
        case "img":
            append(.image(Image(source: attributes["src"] ?? "", alt: attributes["alt"] ?? "", line: line)))
        case "a":
            let id = attributes["id"] ?? attributes["name"]
            let href = attributes["href"] ?? ""
            if let id, !id.isEmpty, href.isEmpty || href == id || href == "#" + id {
                anchorIDs.append(id)
                if !selfClosing { push(Frame(name: "a-anchor", attributes: attributes)) }
            } else if !selfClosing {
                var attributes = attributes
                attributes["data-line"] = String(line)
                push(Frame(name: "a", attributes: attributes))
            }
        default:
            if !selfClosing && Self.containers.contains(name) {
                push(Frame(name: Self.canonical(name), attributes: attributes))
            }
        }
    }

    private mutating func push(_ frame: Frame) {
        stack.append(frame)
        openCounts[frame.name, default: 0] += 1
    }

    private mutating func end(_ name: String) {
        let target = name == "a" ? ["a", "a-anchor"] : [name]
        guard target.contains(where: { openCounts[$0, default: 0] > 0 }),
              let index = stack.lastIndex(where: { target.contains($0.name) }), index > 0 else { return }
        while stack.count > index { closeTop() }
    }

    private mutating func closeTop() {
        let frame = stack.removeLast()
        openCounts[frame.name, default: 1] -= 1
        let content = frame.content
        let folded: [Inline]
        switch frame.name {
        case "strong": folded = [.strong(content)]
        case "em": folded = [.emphasis(content)]
        case "s": folded = [.strike(content)]
        case "code": folded = [.code(content.plainText)]
        case "kbd": folded = [.keyboard(content.plainText)]
        case "mark": folded = [.mark(Self.markColor(frame.attributes["style"] ?? ""), content)]
        case "a":
            let mention = frame.attributes["data-mention"] != nil
            folded = [.link(Link(destination: frame.attributes["href"] ?? "", title: mention ? "mention" : "",
                                 content: content, line: Int(frame.attributes["data-line"] ?? "") ?? 0))]
        case "i" where (frame.attributes["class"] ?? "").contains("fa-"):
            folded = []
        default: folded = content
        }
        append(contentsOf: folded)
    }

    /// The assembled inlines, with unclosed tags closed.
    mutating func finish() -> [Inline] {
        finishWithPositions().inlines
    }

    /// The assembled inlines and where each starts, when known.
    mutating func finishWithPositions() -> (inlines: [Inline], positions: [SourcePosition?]) {
        while stack.count > 1 { closeTop() }
        let result = (stack[0].content, positions)
        stack[0].content = []
        positions = []
        return result
    }

    private static let containers: Set<String> = [
        "mark", "kbd", "strong", "b", "em", "i", "s", "del", "strike", "code", "sup", "sub", "u",
        "span", "small", "font", "ins", "abbr", "cite", "q", "var", "samp", "tt", "big",
    ]

    private static func canonical(_ name: String) -> String {
        switch name {
        case "b": return "strong"
        case "i" : return "i"
        case "del", "strike": return "s"
        case "tt", "samp", "var": return "code"
        default: return name
        }
    }

    /// The colour of `<mark style="color:red;">` or a theme token such as `$warning`.
    static func markColor(_ style: String) -> MarkColor {
        let s = style.lowercased()
        let table: [(String, MarkColor)] = [
            ("red", .red), ("$danger", .red), ("orange", .orange), ("yellow", .yellow), ("$warning", .yellow),
            ("green", .green), ("$success", .green), ("blue", .blue), ("$info", .blue), ("purple", .purple),
            ("$primary", .purple),
        ]
        for (key, color) in table where s.contains(key) { return color }
        return .highlight
    }
}
