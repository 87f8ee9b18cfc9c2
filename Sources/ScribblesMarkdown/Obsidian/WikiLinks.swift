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

    /// Where a piece of joined text started: the index of the joined text among the inlines,
    /// the piece's UTF-8 offset in it, and its place in the file.
    struct Piece {
        var index: Int
        var offset: Int
        var position: SourcePosition?
    }

    /// `inlines` (texts joined) with their wikilinks read, also those whose brackets hold other
    /// inlines (`[[a|*b*]]`, `[[N#[Heading](url)]]`, where cmark made emphasis or a link): a `[[`
    /// left open at the end of a text is closed by a `]]` in a later text on the same line.
    static func reading(_ inlines: [Inline], pieces: [Piece]) -> [Inline] {
        var out: [Inline] = []
        out.reserveCapacity(inlines.count)
        var piece = 0
        var open: (index: Int, offset: Int, position: SourcePosition?, isEmbed: Bool)? = nil
        for (index, inline) in inlines.enumerated() {
            guard case .text(var text) = inline else {
                if inline.isBlank || out.count - (open?.index ?? 0) > 16 { open = nil }
                out.append(inline)
                continue
            }
            let first = piece
            while piece < pieces.count, pieces[piece].index == index { piece += 1 }
            if text.isEmpty { continue }
            // Built only for a text that holds or closes a link: most hold none.
            var made: [Segment]? = nil
            let range = first..<piece
            func segments() -> [Segment] { made ?? pieces[range].map { Segment(offset: $0.offset, position: $0.position) } }
            if let start = open, let close = text.firstRange(of: "]]"), case .text(let head) = out[start.index] {
                open = nil
                let opener = head.utf8.index(head.utf8.startIndex, offsetBy: start.offset)
                let innerStart = head.utf8.index(opener, offsetBy: start.isEmbed ? 3 : 2)
                let inner = String(head[innerStart...]) + Array(out[(start.index + 1)...]).plainText + String(text[..<close.lowerBound])
                if let link = link(inner: inner, position: start.position, isEmbed: start.isEmbed) {
                    let before = String(head[..<opener])
                    out.removeSubrange(start.index...)
                    if !before.isEmpty { out.append(.text(before)) }
                    out.append(.link(link))
                    // The rest of the text starts `consumed` bytes in.
                    let consumed = text.utf8.distance(from: text.startIndex, to: close.upperBound)
                    let earlier = segments()
                    made = [Segment(offset: 0, position: position(at: consumed, in: earlier))]
                        + earlier.filter { $0.offset > consumed }.map { Segment(offset: $0.offset - consumed, position: $0.position) }
                    text = String(text[close.upperBound...])
                    if text.isEmpty { continue }
                }
            }
            guard text.utf8.count >= 4, text.hasSubstring("[[") else { out.append(.text(text)); continue }
            let segmented = segments()
            out.append(contentsOf: split(text, segments: segmented))
            if case .text(let tail)? = out.last, let tailOpen = openTail(tail) {
                let offset = text.utf8.count - tail.utf8.count + tailOpen.offset
                open = (out.count - 1, tailOpen.offset, position(at: offset, in: segmented), tailOpen.isEmbed)
            }
        }
        return out
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
    private static func openTail(_ text: String) -> (offset: Int, isEmbed: Bool)? {
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

    /// A wikilink whose text between the brackets was gathered over several inlines.
    private static func link(inner: String, position: SourcePosition?, isEmbed: Bool) -> Link? {
        guard let parts = parse(Array(inner.utf8)[...]) else { return nil }
        var link = Link(destination: parts.target, title: "", content: [.text(parts.label)], isWiki: true,
                        line: position?.line ?? 0, column: position?.column ?? 0)
        link.isEmbed = isEmbed
        link.hasLabel = parts.hasLabel
        return link
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

    /// Segments are in offset order: the last one at or before `offset`, by halving.
    private static func position(at offset: Int, in segments: [Segment]) -> SourcePosition? {
        var low = 0, high = segments.count
        while low < high {
            let middle = (low + high) / 2
            if segments[middle].offset <= offset { low = middle + 1 } else { high = middle }
        }
        guard low > 0, let position = segments[low - 1].position else { return nil }
        return position.advanced(by: offset - segments[low - 1].offset)
    }
}
