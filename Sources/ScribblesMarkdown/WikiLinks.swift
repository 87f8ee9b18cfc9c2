import ScribblesText
/// Obsidian-style `[[name]]`, `[[name|label]]` and `[[name#heading]]` links, found in text
/// that cmark-gfm left alone (it has no wikilink syntax). Code spans never reach here.
enum WikiLinks {
    /// `text` split into plain text and wikilinks.
    static func split(_ text: String, line: Int) -> [Inline] {
        guard text.utf8.contains(UInt8(ascii: "[")), text.hasSubstring("[[") else { return [.text(text)] }
        var out: [Inline] = []
        var rest = Substring(text)
        while let open = rest.firstRange(of: "[["),
              let close = rest[open.upperBound...].firstRange(of: "]]") {
            let inner = rest[open.upperBound..<close.lowerBound]
            guard !inner.isEmpty, !inner.contains(Character("\n")), !inner.contains(Character("[")) else {
                out.append(.text(String(rest[..<open.upperBound])))
                rest = rest[open.upperBound...]
                continue
            }
            if open.lowerBound > rest.startIndex { out.append(.text(String(rest[..<open.lowerBound]))) }
            let parts = inner.split(separator: "|", maxSplits: 1)
            let target = String(parts[0]).trimmingWhitespace()
            let label = parts.count > 1 ? String(parts[1]).trimmingWhitespace() : target
            out.append(.link(Link(destination: target, title: "", content: [.text(label)], isWiki: true, line: line)))
            rest = rest[close.upperBound...]
        }
        if !rest.isEmpty { out.append(.text(String(rest))) }
        return out
    }
}
