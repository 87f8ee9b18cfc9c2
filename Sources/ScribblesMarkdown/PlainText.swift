/// A note as plain text for the search index: markup gone, tags resolved to their text.
public struct PlainText: Hashable, Sendable {
    public var title: String
    public var headings: [String]
    /// Front-matter aliases: other names of the note, searched like its title.
    public var aliases: [String] = []
    /// Front-matter and inline tags, without `#`, each once.
    public var tags: [String] = []
    /// One block per line (paragraphs, list items, table rows, code lines…).
    public var body: String
    /// (line of `body`, heading text) for every heading, in order.
    public var outline: [(Int, String)] {
        get { outlineStorage.map { ($0.line, $0.text) } }
        set { outlineStorage = newValue.map { OutlineItem(line: $0.0, text: $0.1) } }
    }
    private var outlineStorage: [OutlineItem] = []

    private struct OutlineItem: Hashable, Sendable {
        var line: Int
        var text: String
    }

    public init(title: String, headings: [String], body: String) {
        self.title = title
        self.headings = headings
        self.body = body
    }

    /// The plain text of `document`.
    public static func of(_ document: Document) -> PlainText {
        var walker = Walker()
        walker.blocks(document.blocks)
        for footnote in document.footnotes { walker.blocks(footnote.blocks) }
        var text = PlainText(title: document.title ?? "", headings: walker.headings, body: walker.lines.joined(separator: "\n"))
        text.outline = walker.outline
        text.aliases = document.frontMatter.aliases
        text.tags = document.tags
        if let description = document.frontMatter.description?.replacing("\n", with: " ") {
            text.body = description + "\n" + text.body
            text.outline = text.outline.map { ($0.0 + 1, $0.1) }
        }
        return text
    }

    private struct Walker {
        var lines: [String] = []
        var headings: [String] = []
        var outline: [(Int, String)] = []

        mutating func line(_ text: String) {
            let clean = text.unicodeScalars.contains { $0.value < 0x20 }
                ? String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x20 ? " " : $0 })) : text
            if !clean.isEmpty { lines.append(clean) }
        }

        mutating func blocks(_ blocks: [Block]) { for block in blocks { self.block(block) } }

        mutating func block(_ block: Block) {
            switch block {
            case .heading(let h):
                let text = h.content.plainText
                if h.level > 1 {
                    headings.append(text)
                    outline.append((lines.count + 1, text))
                }
                line(text)
            case .paragraph(let i): line(i.plainText)
            case .quote(let b): blocks(b)
            case .list(let l): for item in l.items { blocks(item.blocks) }
            case .code(let c): for l in c.text.split(separator: "\n") { line(String(l)) }
            case .table(let t):
                for row in [t.header] + t.rows { line(row.map(\.plainText).joined(separator: " ")) }
            case .htmlText(let ls): for l in ls { line(l.plainText) }
            case .figure(let f): line([f.alt, f.caption].filter { !$0.isEmpty }.joined(separator: " "))
            case .details(let d):
                line(d.summary.plainText)
                blocks(d.blocks)
            case .hint(let h): blocks(h.blocks)
            case .tabs(let tabs):
                for tab in tabs {
                    line(tab.title)
                    blocks(tab.blocks)
                }
            case .embed(let e): line([e.title, e.caption, e.description, e.url].filter { !$0.isEmpty }.joined(separator: " "))
            case .pageRef(let r): line(r.label.isEmpty ? r.target : r.label)
            case .file(let f): line(f.caption.isEmpty ? f.source : f.caption)
            case .include: break
            case .raw(let s): line(s)
            case .api(let a):
                line([a.method, a.baseURL + a.path, a.summary].filter { !$0.isEmpty }.joined(separator: " "))
                blocks(a.description)
                for p in a.parameters {
                    line(p.name + " " + p.type)
                    blocks(p.description)
                }
                for r in a.responses {
                    line(r.status + " " + r.description)
                    blocks(r.blocks)
                }
            case .container(let c):
                line(c.label)
                blocks(c.blocks)
            case .callout(let c):
                line(c.title.isEmpty ? c.defaultTitle : c.title.plainText)
                blocks(c.blocks)
            case .transclusion(let t): line(t.label.isEmpty ? t.target : t.label)
            case .math(let tex): line(tex)
            case .rule, .blockID: break
            }
        }
    }
}
