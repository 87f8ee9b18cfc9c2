/// Turns one closed GitBook tag and its content into blocks (GITBOOK.md §3.2).
enum TagBlocks {
    typealias Node = TagTreeBuilder.Node

    static func make(_ token: TagToken, _ nodes: [Node], flatten: ([Node]) -> [Block]) -> [Block] {
        let name = token.name
        switch name {
        case "hint":
            return [.hint(Hint(kind: TagRegistry.hintKind(token.attributes["style"]), blocks: flatten(nodes)))]
        case "tabs", "code-tabs", "mdtabs", "codetabs":
            return [.tabs(tabs(nodes, flatten: flatten))]
        case "code":
            return titledCode(token.attributes["title"], flatten(nodes))
        case "embed":
            return [.embed(embed(token, caption: flatten(nodes)))]
        case "page-ref":
            return [.pageRef(PageRef(kind: .pageRef, target: token.unescaped("page") ?? "", label: "", line: token.line,
                                     column: token.column))]
        case "content-ref":
            let label = plainText(flatten(nodes))
            return [.pageRef(PageRef(kind: .contentRef, target: token.unescaped("url") ?? "", label: label, line: token.line,
                                     column: token.column))]
        case "file":
            let caption = token.attributes["caption"] ?? plainText(flatten(nodes))
            return [.file(FileRef(source: token.unescaped("src") ?? "", caption: caption, line: token.line, column: token.column))]
        case "include":
            let path = token.positional.first.map(TagToken.unescapeBackslashes) ?? token.unescaped("path") ?? ""
            return [.include(IncludeRef(path: path, line: token.line, column: token.column))]
        case "raw":
            return [.raw(token.rawBody ?? "")]
        case "details":
            let summary = token.attributes["summary"] ?? "Details"
            return [.details(Details(summary: [.text(summary)], isOpen: token.attributes["open"] != nil,
                                     blocks: flatten(nodes)))]
        case "swagger", "api-method", "openapi", "openapi-operation", "openapi-schemas":
            return [.api(APIBlockBuilder.make(token, nodes, flatten: flatten))]
        default:
            return [.container(Container(name: name, label: label(token), blocks: flatten(nodes)))]
        }
    }

    /// A short label for a container tag, from its attributes.
    static func label(_ token: TagToken) -> String {
        switch token.name {
        case "if":
            let expression = token.source.dropFirst(2).dropLast(2).trimmingWhitespace()
                .trimmingPrefix("-").trimmingWhitespace().dropFirst(2).trimmingWhitespace()
            return "if " + expression
        case "update":
            return [token.attributes["date"], token.attributes["tags"].map { "[\($0)]" }]
                .compactMap { $0 }.joined(separator: "  ")
        case "prompt":
            return "Prompt" + (token.attributes["description"].map { ": " + $0 } ?? "")
        default:
            return token.attributes["title"] ?? token.attributes["name"] ?? ""
        }
    }

    private static func tabs(_ nodes: [Node], flatten: ([Node]) -> [Block]) -> [Tab] {
        var tabs: [Tab] = []
        var stray: [Block] = []
        for node in nodes {
            switch node {
            case .child(let token, let children):
                tabs.append(Tab(title: token.attributes["title"] ?? "Tab \(tabs.count + 1)", blocks: flatten(children)))
            case .block(let block):
                // Text outside any tab is kept with the tab before it (or a leading one).
                if tabs.isEmpty { stray.append(block) } else { tabs[tabs.count - 1].blocks.append(block) }
            }
        }
        if stray.contains(where: { !$0.isBlankParagraph }) { tabs.insert(Tab(title: "", blocks: stray), at: 0) }
        return tabs
    }

    private static func titledCode(_ title: String?, _ blocks: [Block]) -> [Block] {
        var result = blocks
        if let index = result.firstIndex(where: { if case .code = $0 { return true } else { return false } }),
           case .code(var code) = result[index] {
            code.title = title.map(TagToken.unescapeBackslashes)
            result[index] = .code(code)
        }
        return result
    }

    private static func embed(_ token: TagToken, caption: [Block]) -> Embed {
        var embed = Embed(url: token.unescaped("url") ?? "", caption: token.attributes["caption"] ?? plainText(caption),
                          title: "", description: "")
        if let data = token.attributes["data"] {
            let fields = LooseJSON.stringFields(data)
            embed.url = fields["url"] ?? embed.url
            embed.title = fields["title"] ?? ""
            embed.description = fields["description"] ?? ""
        }
        return embed
    }

    static func plainText(_ blocks: [Block]) -> String {
        blocks.map { block -> String in
            switch block {
            case .paragraph(let inlines): return inlines.plainText
            case .htmlText(let lines): return lines.map(\.plainText).joined(separator: " ")
            default: return ""
            }
        }.filter { !$0.isEmpty }.joined(separator: " ").trimmingWhitespace()
    }
}

extension Block {
    var isBlankParagraph: Bool {
        if case .paragraph(let inlines) = self { return inlines.allSatisfy(\.isBlank) }
        return false
    }
}

/// Reads top-level string fields of the early embed's JSON `data` attribute without failing.
enum LooseJSON {
    static func stringFields(_ raw: String) -> [String: String] {
        // The attribute holds `\"` for quotes and stray Markdown escapes such as `\_`.
        let text = raw.replacing("\\\"", with: "\"")
        var fields: [String: String] = [:]
        var rest = Substring(text)
        while let keyStart = rest.firstIndex(of: "\"") {
            let afterKey = rest[rest.index(after: keyStart)...]
            guard let keyEnd = afterKey.firstIndex(of: "\"") else { break }
            let key = String(afterKey[..<keyEnd])
            var tail = afterKey[afterKey.index(after: keyEnd)...].drop { $0 == " " }
            guard tail.first == ":" else { rest = tail; continue }
            tail = tail.dropFirst().drop { $0 == " " }
            guard tail.first == "\"" else { rest = tail; continue }
            var value = ""
            var index = tail.index(after: tail.startIndex)
            var escaped = false
            while index < tail.endIndex {
                let c = tail[index]
                if escaped { value.append(c == "n" ? "\n" : c); escaped = false }
                else if c == "\\" { escaped = true }
                else if c == "\"" { break }
                else { value.append(c) }
                index = tail.index(after: index)
            }
            if fields[key] == nil { fields[key] = value }
            rest = index < tail.endIndex ? tail[tail.index(after: index)...] : tail[tail.endIndex...]
        }
        return fields
    }
}
