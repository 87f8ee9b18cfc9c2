/// Cuts text to a number of cells, ending in `…` when it had to cut.
public enum Truncate {
    public static func cells(_ text: Substring, _ limit: Int) -> String { cells(String(text), limit) }

    public static func cells(_ text: String, _ limit: Int) -> String {
        guard limit > 0 else { return "" }
        if CellWidth.of(text) <= limit { return text }
        var out = ""
        var used = 0
        for character in text {
            let w = CellWidth.of(character)
            if used + w > limit - 1 { break }
            out.append(character)
            used += w
        }
        return out + "…"
    }

    /// A styled line cut to `limit` cells, ending in `…` (in `ellipsis`'s style) when it had to cut.
    public static func cells(_ line: StyledLine, _ limit: Int, ellipsis: Style) -> StyledLine {
        guard limit > 0 else { return StyledLine() }
        if line.width <= limit { return line }
        var out = StyledLine()
        var used = 0
        for span in line.spans {
            var kept = ""
            for character in span.text {
                let w = CellWidth.of(character)
                if used + w > limit - 1 { break }
                kept.append(character)
                used += w
            }
            if !kept.isEmpty { out.append(kept, span.style) }
            if used >= limit - 1 || kept.count < span.text.count { break }
        }
        out.append("…", ellipsis)
        return out
    }

    /// The end of `text` that fits in `limit` cells, after `…` when it had to cut (a long
    /// query, a path: their ends say the most).
    public static func keepingEnd(_ text: String, _ limit: Int) -> String {
        guard limit > 0 else { return "" }
        if CellWidth.of(text) <= limit { return text }
        var tail = "", used = 0
        for character in text.reversed() {
            let w = CellWidth.of(character)
            if used + w > limit - 1 { break }
            tail.insert(character, at: tail.startIndex)
            used += w
        }
        return "…" + tail
    }

    /// `keepingEnd` for a styled line, the `…` in `ellipsis`'s style.
    public static func keepingEnd(_ line: StyledLine, _ limit: Int, ellipsis: Style) -> StyledLine {
        guard limit > 0 else { return StyledLine() }
        var width = line.width
        if width <= limit { return line }
        // Characters leave from the front until the rest fits after the `…`.
        var spans = line.spans.filter { !$0.text.isEmpty }[...]
        var first = spans.first?.text[...] ?? ""
        while width > limit - 1, let character = first.first {
            width -= CellWidth.of(character)
            first.removeFirst()
            if first.isEmpty {
                spans = spans.dropFirst()
                first = spans.first?.text[...] ?? ""
            }
        }
        var out = StyledLine([Span("…", ellipsis)])
        if let head = spans.first, !first.isEmpty { out.append(String(first), head.style) }
        for span in spans.dropFirst() { out.append(span.text, span.style) }
        return out
    }
}
