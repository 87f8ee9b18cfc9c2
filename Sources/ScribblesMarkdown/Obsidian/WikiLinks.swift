import ScribblesText

/// Obsidian `[[target]]`, `[[target|label]]`, `[[target#heading]]` links and `![[target]]`
/// embeds, found in text that cmark-gfm left alone (it has no wikilink syntax). Code spans
/// never reach here. The converter calls this where cmark's text nodes still carry their
/// positions, so every link knows the line and column of its first character.
enum WikiLinks {
    /// A stretch of `text` that starts at a known place in the file: `offset` is a UTF-8 offset
    /// into the text.
    struct Segment {
        var offset: Int
        var position: SourcePosition?
    }

    /// `text` split into plain text, wikilinks and embeds. One pass, so `[[` that never
    /// closes costs nothing more: the innermost `[[` before a `]]` with no line end between
    /// them opens the link.
    static func split(_ text: String, segments: [Segment]) -> [Inline] {
        guard text.utf8.count >= 4, text.hasSubstring("[[") else { return [.text(text)] }
        let bytes = Array(text.utf8)
        var out: [Inline] = []
        var plainStart = 0
        var open: Int? = nil
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            let next = i + 1 < bytes.count ? bytes[i + 1] : 0
            if byte == 0x5B && next == 0x5B {
                open = i
                i += 2
                // `[[[x]]`: the last two brackets open.
                while i < bytes.count, bytes[i] == 0x5B { open = i - 1; i += 1 }
                continue
            }
            // Only `]]` ends a link, a line end breaks it, and a later `[[` opens a new one.
            if byte == 0x0A { open = nil }
            if byte == 0x5D && next == 0x5D, let start = open {
                open = nil
                if let parts = parse(bytes[(start + 2)..<i]) {
                    let isEmbed = start > plainStart && bytes[start - 1] == UInt8(ascii: "!")
                    let first = isEmbed ? start - 1 : start
                    if first > plainStart { out.append(.text(String(decoding: bytes[plainStart..<first], as: UTF8.self))) }
                    let position = self.position(at: first, in: segments)
                    var link = Link(destination: parts.target, title: "", content: [.text(parts.label)], isWiki: true,
                                    line: position?.line ?? 0, column: position?.column ?? 0)
                    link.isEmbed = isEmbed
                    link.hasLabel = parts.hasLabel
                    out.append(.link(link))
                    plainStart = i + 2
                }
                i += 2
                continue
            }
            i += 1
        }
        guard !out.isEmpty else { return [.text(text)] }
        if plainStart < bytes.count { out.append(.text(String(decoding: bytes[plainStart...], as: UTF8.self))) }
        return out
    }

    /// A `[[` left open at the end of `text` (no `]]` and no line end after it): its UTF-8
    /// offset (of its `!` for an embed) and whether it is an embed.
    static func openTail(_ text: String) -> (offset: Int, isEmbed: Bool)? {
        let bytes = Array(text.utf8)
        var i = bytes.count - 2
        while i >= 0 {
            if (bytes[i] == 0x5D && bytes[i + 1] == 0x5D) || bytes[i] == 0x0A { return nil }
            if bytes[i] == 0x5B && bytes[i + 1] == 0x5B {
                let isEmbed = i > 0 && bytes[i - 1] == UInt8(ascii: "!")
                return (isEmbed ? i - 1 : i, isEmbed)
            }
            i -= 1
        }
        return nil
    }

    /// A wikilink whose text between the brackets was gathered over several inlines (`[[a|*b*]]`,
    /// `[[N#[Heading](url)]]`: cmark made parts of it emphasis or links).
    static func link(inner: String, position: SourcePosition?, isEmbed: Bool) -> Link? {
        guard let parts = parse(Array(inner.utf8)[...]) else { return nil }
        var link = Link(destination: parts.target, title: "", content: [.text(parts.label)], isWiki: true,
                        line: position?.line ?? 0, column: position?.column ?? 0)
        link.isEmbed = isEmbed
        link.hasLabel = parts.hasLabel
        return link
    }

    /// Where `offset` (UTF-8, into the text the segments describe) is in the file.
    static func position(at offset: Int, of segments: [Segment]) -> SourcePosition? {
        position(at: offset, in: segments)
    }

    /// Target and label of the text between the brackets; nil when it is no wikilink (blank).
    private static func parse(_ inner: ArraySlice<UInt8>) -> (target: String, label: String, hasLabel: Bool)? {
        guard inner.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { return nil }
        // `\|` is how a label is written inside a table cell.
        var bar: Int? = nil
        var k = inner.startIndex
        while k < inner.endIndex {
            if inner[k] == 0x7C { bar = k; break }
            k += 1
        }
        var targetEnd = bar ?? inner.endIndex
        if let bar, bar > inner.startIndex, inner[bar - 1] == 0x5C { targetEnd = bar - 1 }
        let target = String(decoding: inner[inner.startIndex..<targetEnd], as: UTF8.self).trimmingWhitespace()
        guard !target.isEmpty else { return nil }
        guard let bar else { return (target, shownName(target), false) }
        let label = String(decoding: inner[(bar + 1)...], as: UTF8.self).trimmingWhitespace()
        return (target, label.isEmpty ? target : label, !label.isEmpty)
    }

    /// What a link without a label shows, as Obsidian does: `Note › Heading`, or just
    /// `Heading` for one on the same note.
    static func shownName(_ target: String) -> String {
        var name = Substring(target)
        // `./x` and `../x` show as `x`.
        while name.hasPrefix("./") || name.hasPrefix("../") { name = name.drop { $0 == "." }.dropFirst() }
        guard name.contains("#") else { return name.isEmpty ? target : String(name) }
        let parts = name.split(separator: "#", omittingEmptySubsequences: false).map { $0.trimmingWhitespace() }
        return parts.filter { !$0.isEmpty }.joined(separator: " › ")
    }

    private static func position(at offset: Int, in segments: [Segment]) -> SourcePosition? {
        guard let segment = segments.last(where: { $0.offset <= offset }), let position = segment.position else { return nil }
        return position.advanced(by: offset - segment.offset)
    }
}
