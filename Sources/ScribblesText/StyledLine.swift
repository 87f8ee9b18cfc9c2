/// A run of text in one style. The text never holds control characters.
public struct Span: Hashable, Sendable {
    public var text: String
    public var style: Style

    public init(_ text: String, _ style: Style = .plain) {
        self.text = text
        self.style = style
    }

    /// Cells this span takes.
    public var width: Int { CellWidth.of(text) }
}

/// One screen row of styled spans.
public struct StyledLine: Hashable, Sendable {
    public var spans: [Span]

    public init(_ spans: [Span] = []) { self.spans = spans }

    /// Cells this line takes.
    public var width: Int { spans.reduce(0) { $0 + $1.width } }

    /// The characters of the line without styles.
    public var plainText: String { spans.map(\.text).joined() }

    /// Appends `text` in `style`, merging with the last span when the style is the same.
    public mutating func append(_ text: String, _ style: Style) {
        guard !text.isEmpty else { return }
        if let last = spans.indices.last, spans[last].style == style {
            spans[last].text += text
        } else {
            spans.append(Span(text, style))
        }
    }

    /// Appends all spans of `other`.
    /// The cells `range` of the line (columns from 0), in their styles; half of a wide
    /// character at either edge becomes a space.
    public func cells(_ range: Range<Int>) -> StyledLine {
        var out = StyledLine()
        guard !range.isEmpty else { return out }
        var column = 0
        for span in spans {
            if column >= range.upperBound { break }
            let spanWidth = span.width
            if column + spanWidth <= range.lowerBound { column += spanWidth; continue }
            var kept = ""
            for character in span.text {
                let w = CellWidth.of(character)
                defer { column += w }
                if column + w <= range.lowerBound { continue }
                if column >= range.upperBound { break }
                if column < range.lowerBound || column + w > range.upperBound {
                    kept += String.repeating(" ", count: min(column + w, range.upperBound) - max(column, range.lowerBound))
                } else {
                    kept.append(character)
                }
            }
            if !kept.isEmpty { out.append(kept, span.style) }
        }
        return out
    }

    public mutating func append(_ other: StyledLine) {
        for span in other.spans { append(span.text, span.style) }
    }
}
