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
}
