import ScribblesText

/// One wrapped line: its spans and which cells belong to which link.
struct WrappedLine {
    var line = StyledLine()
    var width = 0
    /// (start column, end column, link index) within this line.
    var links: [(Int, Int, Int)] = []

    mutating func append(_ text: String, _ style: Style, _ link: Int?, width w: Int) {
        guard !text.isEmpty else { return }
        line.append(text, style)
        if let link {
            if let last = links.last, last.2 == link, last.1 == width {
                links[links.count - 1].1 = width + w
            } else {
                links.append((width, width + w, link))
            }
        }
        width += w
    }
}

/// Greedy word wrap by terminal cells. Words longer than a line break between graphemes.
/// Spaces at a break are dropped; NBSP joins words and shows as a space.
enum Wrapper {
    private struct Piece {
        var text: String
        var style: Style
        var link: Int?
        var width: Int
    }

    private enum Token {
        case word([Piece])
        case space(Style, Int?)
        case hardBreak
    }

    static func wrap(_ fragments: [Fragment], width: Int) -> [WrappedLine] {
        let width = max(1, width)
        var lines: [WrappedLine] = []
        var current = WrappedLine()
        var pendingSpace: (Style, Int?)? = nil

        func place(_ word: [Piece]) {
            let wordWidth = word.reduce(0) { $0 + $1.width }
            if current.width > 0 {
                let separator = pendingSpace == nil ? 0 : 1
                if current.width + separator + wordWidth <= width {
                    if let space = pendingSpace { current.append(" ", space.0, space.1, width: 1) }
                } else {
                    lines.append(current)
                    current = WrappedLine()
                }
            }
            pendingSpace = nil
            for piece in word {
                if current.width + piece.width <= width {
                    current.append(piece.text, piece.style, piece.link, width: piece.width)
                } else {
                    splitLong(piece)
                }
            }
        }

        func splitLong(_ piece: Piece) {
            for character in piece.text {
                let w = CellWidth.of(character)
                if current.width + w > width && current.width > 0 {
                    lines.append(current)
                    current = WrappedLine()
                }
                current.append(String(character), piece.style, piece.link, width: w)
            }
        }

        for token in tokens(fragments) {
            switch token {
            case .word(let pieces): place(pieces)
            case .space(let style, let link): if current.width > 0 { pendingSpace = (style, link) }
            case .hardBreak:
                lines.append(current)
                current = WrappedLine()
                pendingSpace = nil
            }
        }
        if current.width > 0 || lines.isEmpty { lines.append(current) }
        return lines
    }

    private static func tokens(_ fragments: [Fragment]) -> [Token] {
        var tokens: [Token] = []
        var word: [Piece] = []
        func flush() {
            if !word.isEmpty { tokens.append(.word(word)) }
            word = []
        }
        for fragment in fragments {
            if fragment.isBreak {
                flush()
                tokens.append(.hardBreak)
                continue
            }
            let text = fragment.text
            var start = text.startIndex
            var index = start
            let utf8 = text.utf8
            var u = utf8.startIndex
            while u < utf8.endIndex {
                let byte = utf8[u]
                if byte == 0x20 || byte == 0x0A {
                    index = u
                    if start < index { word.append(piece(text[start..<index], fragment)) }
                    flush()
                    tokens.append(.space(fragment.style, fragment.link))
                    start = utf8.index(after: u)
                }
                u = utf8.index(after: u)
            }
            if start < text.endIndex { word.append(piece(text[start...], fragment)) }
        }
        flush()
        return tokens
    }

    private static func piece(_ text: Substring, _ fragment: Fragment) -> Piece {
        let shown = text.contains("\u{A0}") ? String(text).replacing("\u{A0}", with: " ") : String(text)
        return Piece(text: shown, style: fragment.style, link: fragment.link, width: CellWidth.of(shown))
    }
}
