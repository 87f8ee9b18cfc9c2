@testable import ScribblesMarkdown

/// Every block in document order, nested ones included.
func allBlocks(_ blocks: [Block]) -> [Block] {
    var out: [Block] = []
    blocks.forEachBlock { out.append($0) }
    return out
}

/// All text a document would show, roughly (for "no text is lost" checks).
func allText(_ document: Document) -> String {
    allBlocks(document.blocks).map { block -> String in
        switch block {
        case .paragraph(let i): return i.plainText
        case .heading(let h): return h.content.plainText
        case .code(let c): return c.text
        case .htmlText(let lines): return lines.map(\.plainText).joined(separator: " ")
        case .raw(let s): return s
        case .embed(let e): return e.caption + " " + e.url
        case .pageRef(let p): return p.target + " " + p.label
        case .tabs(let t): return t.map(\.title).joined(separator: " ")
        case .table(let t): return (t.header + t.rows.flatMap { $0 }).map(\.plainText).joined(separator: " ")
        default: return ""
        }
    }.joined(separator: "\n")
}

func parse(_ text: String) -> Document { MarkdownParser.parse(text) }
