/// Obsidian's inline `#tags` and `#nested/tags`.
///
/// A tag starts with `#` at the start of a text or after whitespace, then letters, digits,
/// `_`, `-`, `/` and other non-ASCII characters (emoji), with at least one non-digit:
/// `#1984` is no tag, `issue#3` and `…/#anchor` neither. Code and link texts never reach
/// here, and headings are skipped by the caller.
enum Tags {
    static func split(_ text: String) -> [Inline] {
        guard text.utf8.contains(UInt8(ascii: "#")) else { return [.text(text)] }
        var out: [Inline] = []
        var plainStart = text.startIndex
        var index = text.startIndex
        var previousIsBoundary = true
        while index < text.endIndex {
            let character = text[index]
            if character == "#", previousIsBoundary {
                let nameStart = text.index(after: index)
                var end = nameStart
                while end < text.endIndex, isTagCharacter(text[end]) { end = text.index(after: end) }
                var name = text[nameStart..<end]
                while name.hasSuffix("/") { name = name.dropLast() }
                if !name.isEmpty, name.contains(where: { !$0.isNumber && $0 != "/" && $0 != "-" && $0 != "_" }),
                   !name.hasPrefix("/") {
                    if index > plainStart { out.append(.text(String(text[plainStart..<index]))) }
                    out.append(.tag(String(name)))
                    index = name.endIndex
                    plainStart = index
                    previousIsBoundary = false
                    continue
                }
            }
            previousIsBoundary = character.isWhitespace
            index = text.index(after: index)
        }
        guard !out.isEmpty else { return [.text(text)] }
        if plainStart < text.endIndex { out.append(.text(String(text[plainStart...]))) }
        return out
    }

    static func isTagCharacter(_ character: Character) -> Bool {
        if character.isASCII {
            return character.isLetter || character.isNumber || character == "_" || character == "-" || character == "/"
        }
        return !character.isWhitespace && !character.isPunctuation
    }

    /// A front-matter tag as written (`#a`, `a`, `a/b`), without its `#`; nil when empty.
    static func normalized(_ value: String) -> String? {
        var tag = value.trimmingWhitespace()
        while tag.hasPrefix("#") { tag.removeFirst() }
        return tag.isEmpty ? nil : tag
    }
}
