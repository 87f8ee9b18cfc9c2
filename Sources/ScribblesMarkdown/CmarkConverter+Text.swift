/// The converter's work on text: joining the pieces cmark splits text into, finding wikilinks
/// in it (with their positions), dropping GitBook's emphasis artifacts, trimming.
extension CmarkConverter {
    /// Drops the empty-emphasis artifacts of GitBook exports (GITBOOK.md §8): `****`, `** **`,
    /// and a `**` that cmark left unmatched next to a space (`**[x](y)** **is` → `x is`).
    /// `a ** b` (spaces on both sides) is kept.
    static func withoutEmptyEmphasis(_ text: String) -> String {
        guard text.utf8.hasDoubledEmphasis else { return text }
        var result = text.replacing("****", with: "").replacing("____", with: "").replacing("** **", with: " ")
        guard result.utf8.hasDoubledEmphasis else { return result }
        var out = ""
        let characters = Array(result)
        var i = 0
        while i < characters.count {
            if characters[i] == "*", i + 1 < characters.count, characters[i + 1] == "*",
               i + 2 >= characters.count || characters[i + 2] != "*" {
                let before = i == 0 ? " " : characters[i - 1]
                let after = i + 2 < characters.count ? characters[i + 2] : " "
                if before.isWhitespace != after.isWhitespace {
                    i += 2
                    continue
                }
            }
            out.append(characters[i])
            i += 1
        }
        result = out
        return result
    }

    /// Joins adjacent text inlines (cmark splits text at delimiters), finds wikilinks in the
    /// text, each placed by the positions of the pieces it is in, then drops emphasis artifacts.
    static func mergingText(_ inlines: [Inline], positions: [SourcePosition?] = []) -> [Inline] {
        // Most runs have nothing to join, read or drop: building them again cost a tenth of
        // `render` (mostly in freeing the arrays replaced).
        if isMerged(inlines) { return inlines }
        let (joined, pieces) = joiningText(inlines, positions: positions)
        return WikiLinks.reading(joined, pieces: pieces).compactMap { inline in
            guard case .text(let text) = inline else { return inline }
            let cleaned = withoutEmptyEmphasis(text)
            return cleaned.isEmpty ? nil : .text(cleaned)
        }
    }

    /// Whether `mergingText` gives these inlines back as they are: no two texts side by side,
    /// and no text that is empty, holds `[[` (a wikilink) or doubled emphasis.
    private static func isMerged(_ inlines: [Inline]) -> Bool {
        var afterText = false
        for inline in inlines {
            guard case .text(let text) = inline else {
                afterText = false
                continue
            }
            if afterText || text.isEmpty || text.hasSubstring("[[") || text.utf8.hasDoubledEmphasis { return false }
            afterText = true
        }
        return true
    }

    /// Adjacent texts joined, with where each piece of them started.
    private static func joiningText(_ inlines: [Inline], positions: [SourcePosition?]) -> ([Inline], [WikiLinks.Piece]) {
        var result: [Inline] = []
        result.reserveCapacity(inlines.count)
        var pieces: [WikiLinks.Piece] = []
        // Text being joined, appended to in place (joining copies would be quadratic).
        var buffer: String? = nil
        for (index, inline) in inlines.enumerated() {
            let position = index < positions.count ? positions[index] : nil
            if case .text(let s) = inline {
                pieces.append(WikiLinks.Piece(index: result.count, offset: buffer?.utf8.count ?? 0, position: position))
                if buffer == nil { buffer = s } else { buffer!.append(s) }
                continue
            }
            if let text = buffer { result.append(.text(text)); buffer = nil }
            result.append(inline)
        }
        if let text = buffer { result.append(.text(text)) }
        return (result, pieces)
    }

    /// Removes leading and trailing breaks and whitespace-only text at the edges.
    static func trimmed(_ inlines: [Inline]) -> [Inline] {
        var result = inlines
        while let first = result.first, first.isBlank { result.removeFirst() }
        while let last = result.last, last.isBlank { result.removeLast() }
        if case .text(let s)? = result.last, let lastByte = s.utf8.last, lastByte == 0x20 || lastByte == 0x09 {
            let utf8 = s.utf8
            var end = utf8.endIndex
            while end > utf8.startIndex, [0x20, 0x09].contains(utf8[utf8.index(before: end)]) { end = utf8.index(before: end) }
            result[result.count - 1] = .text(String(s[..<end]))
        }
        return result
    }

    /// Adjacent text inlines joined (nothing else done to them).
    static func mergingPlainText(_ inlines: [Inline]) -> [Inline] {
        var result: [Inline] = []
        var buffer = ""
        for inline in inlines {
            if case .text(let s) = inline {
                buffer.append(s)
                continue
            }
            if !buffer.isEmpty { result.append(.text(buffer)); buffer = "" }
            result.append(inline)
        }
        if !buffer.isEmpty { result.append(.text(buffer)) }
        return result
    }
}
