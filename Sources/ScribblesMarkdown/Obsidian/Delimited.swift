/// Spans opened and closed by markers in text (`==…==`, `^[…]`, `%%…%%`) across the sibling
/// inlines of one run, so `==a *b* c==` is one highlight. Linear: once an opener finds no
/// closer, no later opener can, and the rest is left as it is.
enum Delimited {
    /// `run` with each delimited span replaced by `wrap` of its content. With `flanking`, an
    /// opener must be followed, and a closer preceded, by something other than a space (so
    /// `a == b` stays).
    static func wrapping(_ run: [Inline], open: String, close: String, flanking: Bool = true,
                         wrap: ([Inline]) -> [Inline]) -> [Inline] {
        guard run.contains(where: { if case .text(let s) = $0 { s.hasSubstring(open) } else { false } }) else { return run }
        var out: [Inline] = []
        var pending: [Inline]? = nil
        for item in run {
            guard case .text(let text) = item else {
                if pending != nil { pending!.append(item) } else { out.append(item) }
                continue
            }
            // Walk this text with a cursor (no copies of its rest: a long text of many spans
            // stays linear).
            var cursor = text.startIndex
            while cursor < text.endIndex {
                if pending == nil {
                    guard let range = opener(in: text, from: cursor, open, flanking: flanking) else { break }
                    if range.lowerBound > cursor { out.append(.text(String(text[cursor..<range.lowerBound]))) }
                    pending = []
                    cursor = range.upperBound
                } else {
                    guard let range = closer(in: text, from: cursor, close, flanking: flanking) else { break }
                    if range.lowerBound > cursor { pending!.append(.text(String(text[cursor..<range.lowerBound]))) }
                    out.append(contentsOf: wrap(pending!))
                    pending = nil
                    cursor = range.upperBound
                }
            }
            if cursor < text.endIndex {
                let rest = Inline.text(String(text[cursor...]))
                if pending != nil { pending!.append(rest) } else { out.append(rest) }
            }
        }
        if let unclosed = pending {
            // No closer: the opener stays as written, with everything after it.
            out.append(.text(open))
            out.append(contentsOf: unclosed)
        }
        return CmarkConverter.mergingPlainText(out)
    }

    /// The first `open` in `text` that is followed by a non-space.
    private static func opener(in text: String, from: String.Index, _ open: String, flanking: Bool) -> Range<String.Index>? {
        var rest = text[from...]
        while let range = rest.firstRange(of: open) {
            if !flanking { return range }
            if range.upperBound < text.endIndex, !text[range.upperBound].isWhitespace,
               open != "==" || text[range.upperBound] != "=" {
                return range
            }
            rest = text[range.upperBound...]
        }
        return nil
    }

    /// The first `close` in `text` not preceded by a space (at the start of a text, the span's
    /// earlier inlines precede it).
    private static func closer(in text: String, from: String.Index, _ close: String, flanking: Bool) -> Range<String.Index>? {
        var rest = text[from...]
        while let range = rest.firstRange(of: close) {
            if !flanking || range.lowerBound == from || !text[text.index(before: range.lowerBound)].isWhitespace {
                return range
            }
            rest = text[range.upperBound...]
        }
        return nil
    }
}
