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
/// Spaces at a break are dropped; runs of spaces show as one; NBSP joins words and shows as
/// a space. A word may span fragments (`**bold**ness`), so pieces are buffered until a space.
struct Wrapper {
    private struct Piece {
        var text: Substring
        var style: Style
        var link: Int?
        var width: Int
    }

    private let width: Int
    private var lines: [WrappedLine] = []
    private var current = WrappedLine()
    private var pendingSpace: (Style, Int?)? = nil
    private var word: [Piece] = []
    private var wordWidth = 0

    private init(width: Int) {
        self.width = max(1, width)
        word.reserveCapacity(4)
    }

    static func wrap(_ fragments: [Fragment], width: Int) -> [WrappedLine] {
        var wrapper = Wrapper(width: width)
        for fragment in fragments { wrapper.add(fragment) }
        wrapper.flushWord()
        if wrapper.current.width > 0 || wrapper.lines.isEmpty { wrapper.lines.append(wrapper.current) }
        return wrapper.lines
    }

    private mutating func add(_ fragment: Fragment) {
        if fragment.isBreak {
            flushWord()
            lines.append(current)
            current = WrappedLine()
            pendingSpace = nil
            return
        }
        let text = fragment.text
        let utf8 = text.utf8
        var start = utf8.startIndex
        var u = start
        while u < utf8.endIndex {
            let byte = utf8[u]
            if byte == 0x20 || byte == 0x0A {
                if start < u { addPiece(text[start..<u], fragment) }
                flushWord()
                if current.width > 0 { pendingSpace = (fragment.style, fragment.link) }
                start = utf8.index(after: u)
            }
            u = utf8.index(after: u)
        }
        if start < utf8.endIndex { addPiece(text[start...], fragment) }
    }

    private mutating func addPiece(_ text: Substring, _ fragment: Fragment) {
        let w = CellWidth.of(text)
        word.append(Piece(text: text, style: fragment.style, link: fragment.link, width: w))
        wordWidth += w
    }

    private mutating func flushWord() {
        guard !word.isEmpty else { return }
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
                current.append(Self.shown(piece.text), piece.style, piece.link, width: piece.width)
            } else {
                splitLong(piece)
            }
        }
        word.removeAll(keepingCapacity: true)
        wordWidth = 0
    }

    private mutating func splitLong(_ piece: Piece) {
        for character in piece.text {
            let w = CellWidth.of(character)
            if current.width + w > width && current.width > 0 {
                lines.append(current)
                current = WrappedLine()
            }
            // A wide character on a line narrower than itself shows as one cell: `…`.
            if w > width {
                current.append("…", piece.style, piece.link, width: 1)
            } else {
                current.append(Self.shown(Substring(String(character))), piece.style, piece.link, width: w)
            }
        }
    }

    /// The text as shown: NBSP becomes a plain space.
    private static func shown(_ text: Substring) -> String {
        text.utf8.contains(0xC2) ? String(text).replacing("\u{A0}", with: " ") : String(text)
    }
}
