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
}
