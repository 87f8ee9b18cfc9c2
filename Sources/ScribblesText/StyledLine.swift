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
    public mutating func append(_ other: StyledLine) {
        for span in other.spans { append(span.text, span.style) }
    }
}
