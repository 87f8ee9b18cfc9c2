import ScribblesText

/// Where a block is being laid out: the gutter to its left and the cells left for it.
struct LayoutContext {
    /// The prefix of every line (quote bars, list indents, hint bars).
    var gutter = StyledLine()
    var gutterWidth = 0
    /// Cells available after the gutter.
    var width: Int
    /// The style body text takes here (`.quote` inside quotes).
    var base = Style.plain
    /// List nesting, for the bullet of each level.
    var listLevel = 0
    /// Inside a tight list item: its blocks follow each other without blank lines.
    var isTight = false

    /// Content narrower than this stops indentation from growing (deep nesting keeps its text).
    static let minimumContentWidth = 12

    /// Whether a gutter of `extra` more cells still leaves room for content.
    func canIndent(_ extra: Int) -> Bool {
        width - extra >= Self.minimumContentWidth
    }

    /// A context indented by `prefix`, or this one unchanged when there is no room.
    func indented(by prefix: StyledLine) -> LayoutContext {
        let extra = prefix.width
        guard canIndent(extra) else { return self }
        var copy = self
        copy.gutter.append(prefix)
        copy.gutterWidth += extra
        copy.width -= extra
        return copy
    }

    func styled(_ style: Style) -> LayoutContext {
        var copy = self
        copy.base = style
        return copy
    }
}
