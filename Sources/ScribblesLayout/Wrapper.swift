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
        account(link, width: w)
    }

    /// Counts `w` more cells, in `link` if one is given (the text is appended apart).
    mutating func account(_ link: Int?, width w: Int) {
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
///
/// Words are found in each fragment's bytes and kept as offsets into it; a line's text is
/// copied out once per stretch of one fragment (`run`), not word by word (issue 16: building
/// a string per word and per space was a fifth of `render`).
struct Wrapper {
    private struct Piece {
        /// The fragment the piece is a part of, and where in its UTF-8 bytes.
        var fragment: Int
        var start: Int
        var end: Int
        var width: Int
        /// All printable ASCII (so no NBSP to show as a space).
        var plain: Bool
    }

    /// A space due before the next word: the fragment it is in, and where when it is a plain
    /// space (a line end shows as one too, but is not the text as written).
    private struct Space {
        var fragment: Int
        var offset: Int?
    }

    /// Text counted in the current line's width and links but not yet in its spans: one
    /// stretch of a fragment's bytes as written, extended while words and single spaces follow.
    private struct Run {
        var fragment: Int
        var start: Int
        var end: Int
    }

    private let width: Int
    private let fragments: [Fragment]
    private var lines: [WrappedLine] = []
    private var current = WrappedLine()
    private var pendingSpace: Space? = nil
    private var word: [Piece] = []
    private var wordWidth = 0
    private var run: Run? = nil

    private init(width: Int, fragments: [Fragment]) {
        self.width = max(1, width)
        self.fragments = fragments
        word.reserveCapacity(4)
    }

    static func wrap(_ fragments: [Fragment], width: Int) -> [WrappedLine] {
        var wrapper = Wrapper(width: width, fragments: fragments)
        for index in fragments.indices { wrapper.add(index) }
        wrapper.flushWord()
        wrapper.flushRun()
        if wrapper.current.width > 0 || wrapper.lines.isEmpty { wrapper.lines.append(wrapper.current) }
        return wrapper.lines
    }

    private mutating func breakLine() {
        flushRun()
        lines.append(current)
        current = WrappedLine()
    }

    /// Counts bytes `start..<end` of a fragment into the current line, extending the run when
    /// they continue it.
    private mutating func put(_ fragment: Int, _ start: Int, _ end: Int, width w: Int) {
        guard start < end else { return }
        if let open = run, open.fragment == fragment, open.end == start {
            run!.end = end
        } else {
            flushRun()
            run = Run(fragment: fragment, start: start, end: end)
        }
        current.account(fragments[fragment].link, width: w)
    }

    private mutating func flushRun() {
        guard let open = run else { return }
        let text = ByteSearch.withBytes(fragments[open.fragment].text) {
            String(decoding: UnsafeBufferPointer(rebasing: $0[open.start..<open.end]), as: UTF8.self)
        }
        current.line.append(text, fragments[open.fragment].style)
        run = nil
    }

    /// Appends text that is not a stretch of a fragment as written.
    private mutating func append(_ text: String, _ fragment: Int, width w: Int) {
        flushRun()
        current.append(text, fragments[fragment].style, fragments[fragment].link, width: w)
    }

    /// The text of bytes `start..<end` of a fragment.
    private func text(_ fragment: Int, _ start: Int, _ end: Int) -> Substring {
        let utf8 = fragments[fragment].text.utf8
        return Substring(utf8[utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: end)])
    }

    private mutating func add(_ index: Int) {
        let fragment = fragments[index]
        if fragment.isBreak {
            flushWord()
            breakLine()
            pendingSpace = nil
            return
        }
        ByteSearch.withBytes(fragment.text) { bytes in
            var start = 0
            // Whether the bytes since `start` are all printable ASCII, a cell each.
            var plain = true
            for u in 0..<bytes.count {
                let byte = bytes[u]
                if byte == 0x20 || byte == 0x0A {
                    if start < u { addPiece(index, start, u, plain: plain) }
                    flushWord()
                    if current.width > 0 { pendingSpace = Space(fragment: index, offset: byte == 0x20 ? u : nil) }
                    start = u + 1
                    plain = true
                } else if byte >= 0x80 || byte < 0x20 {
                    plain = false
                }
            }
            if start < bytes.count { addPiece(index, start, bytes.count, plain: plain) }
        }
    }

    private mutating func addPiece(_ fragment: Int, _ start: Int, _ end: Int, plain: Bool) {
        let w = plain ? end - start : CellWidth.of(text(fragment, start, end))
        word.append(Piece(fragment: fragment, start: start, end: end, width: w, plain: plain))
        wordWidth += w
    }

    private mutating func flushWord() {
        guard !word.isEmpty else { return }
        if current.width > 0 {
            let separator = pendingSpace == nil ? 0 : 1
            if current.width + separator + wordWidth <= width {
                if let space = pendingSpace {
                    if let offset = space.offset {
                        put(space.fragment, offset, offset + 1, width: 1)
                    } else {
                        append(" ", space.fragment, width: 1)
                    }
                }
            } else {
                breakLine()
            }
        }
        pendingSpace = nil
        for piece in word {
            if current.width + piece.width <= width {
                let hasNBSP = !piece.plain && ByteSearch.withBytes(fragments[piece.fragment].text) { bytes in
                    bytes[piece.start..<piece.end].contains(0xC2)
                }
                if hasNBSP {
                    append(String(text(piece.fragment, piece.start, piece.end)).replacing("\u{A0}", with: " "), piece.fragment,
                           width: piece.width)
                } else {
                    put(piece.fragment, piece.start, piece.end, width: piece.width)
                }
            } else {
                splitLong(piece)
            }
        }
        word.removeAll(keepingCapacity: true)
        wordWidth = 0
    }

    private mutating func splitLong(_ piece: Piece) {
        for character in text(piece.fragment, piece.start, piece.end) {
            let w = CellWidth.of(character)
            if current.width + w > width && current.width > 0 {
                breakLine()
            }
            // A wide character on a line narrower than itself shows as one cell: `…`.
            if w > width {
                append("…", piece.fragment, width: 1)
            } else {
                append(String(character).replacing("\u{A0}", with: " "), piece.fragment, width: w)
            }
        }
    }
}
