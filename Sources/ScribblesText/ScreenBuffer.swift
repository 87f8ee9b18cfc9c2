/// One terminal cell: a grapheme and its style. A wide grapheme fills its cell and the next,
/// which holds the empty string (a continuation cell).
public struct Cell: Hashable, Sendable {
    public var text: String
    public var style: Style

    public init(_ text: String = " ", _ style: Style = .plain) {
        self.text = text
        self.style = style
    }

    public static let blank = Cell()
    var isContinuation: Bool { text.isEmpty }
}

/// A rectangle of cells. Columns and rows are terminal cells, origin top-left.
public struct Rect: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }

    public func contains(x px: Int, y py: Int) -> Bool {
        px >= x && px < maxX && py >= y && py < maxY
    }

    /// The rectangle shrunk by `amount` cells on every side.
    public func inset(_ amount: Int) -> Rect {
        Rect(x: x + amount, y: y + amount, width: width - 2 * amount, height: height - 2 * amount)
    }
}

/// A virtual screen the UI renders into; a backend draws only what changed between frames.
/// Every write is clipped to the buffer, and text is made terminal-safe on the way in, so no
/// control character can reach a backend whatever the caller passes.
public struct ScreenBuffer: Hashable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        guard x >= 0, y >= 0, x < width, y < height else { return .blank }
        return cells[y * width + x]
    }

    /// Writes `text` from column `x` of row `y`, stopping before column `x + limit` (default:
    /// the right edge). A wide grapheme that does not fit becomes spaces. Returns the column
    /// after the last cell written.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .plain, limit: Int? = nil) -> Int {
        guard y >= 0, y < height else { return x }
        let end = min(width, limit.map { x + max(0, $0) } ?? width)
        var column = x
        let safe = TerminalText.visible(text)
        for character in safe {
            if column >= end { break }
            let cellWidth = CellWidth.of(character)
            if cellWidth == 0 {
                attach(character, x: column - 1, y: y)
                continue
            }
            if column + cellWidth > end {
                while column < end { set(Cell(" ", style), x: column, y: y); column += 1 }
                break
            }
            if column >= 0 {
                set(Cell(String(character), style), x: column, y: y)
                if cellWidth == 2 { set(Cell("", style), x: column + 1, y: y) }
            }
            column += cellWidth
        }
        return column
    }

    /// Writes a styled line, each span in its style changed by `restyle`.
    @discardableResult
    public mutating func put(_ line: StyledLine, x: Int, y: Int, limit: Int? = nil,
                             restyle: (Style) -> Style = { $0 }) -> Int {
        let end = limit.map { x + $0 } ?? width
        var column = x
        for span in line.spans where column < end {
            column = put(span.text, x: column, y: y, style: restyle(span.style), limit: end - column)
        }
        return column
    }

    /// Paints every cell of `rect` blank in `style`.
    public mutating func fill(_ rect: Rect, style: Style = .plain) {
        let columns = max(0, rect.x)..<max(max(0, rect.x), min(width, rect.maxX))
        for row in max(0, rect.y)..<max(max(0, rect.y), min(height, rect.maxY)) {
            for column in columns { cells[row * width + column] = Cell(" ", style) }
        }
    }

    /// Changes the style of every cell of `rect` with `restyle`.
    public mutating func restyle(_ rect: Rect, _ restyle: (Style) -> Style) {
        let columns = max(0, rect.x)..<max(max(0, rect.x), min(width, rect.maxX))
        for row in max(0, rect.y)..<max(max(0, rect.y), min(height, rect.maxY)) {
            for column in columns {
                cells[row * width + column].style = restyle(cells[row * width + column].style)
            }
        }
    }

    /// Row `y` as plain text (continuation cells omitted), for tests and tmux-free checks.
    public func text(row y: Int) -> String {
        guard y >= 0, y < height else { return "" }
        return cells[(y * width)..<((y + 1) * width)].map(\.text).joined()
    }

    /// The whole screen as rows of text.
    public var rows: [String] { (0..<height).map { text(row: $0) } }

    /// The runs of cells that differ from `previous` (everything when sizes differ), row by row.
    public func changes(from previous: ScreenBuffer?) -> [ScreenRun] {
        var runs: [ScreenRun] = []
        let full = previous == nil || previous!.width != width || previous!.height != height
        for y in 0..<height {
            var x = 0
            while x < width {
                let index = y * width + x
                if !full && previous!.cells[index] == cells[index] { x += 1; continue }
                // Start a run at a whole grapheme: back up over a continuation cell.
                var start = x
                if cells[index].isContinuation && start > 0 { start -= 1 }
                var end = x + 1
                while end < width && (full || previous!.cells[y * width + end] != cells[y * width + end]
                                      || cells[y * width + end].isContinuation) {
                    end += 1
                }
                runs.append(ScreenRun(x: start, y: y, cells: Array(cells[(y * width + start)..<(y * width + end)])))
                x = end
            }
        }
        return runs
    }

    private mutating func set(_ cell: Cell, x: Int, y: Int) {
        guard x >= 0, x < width else { return }
        let index = y * width + x
        // Overwriting half of a wide grapheme blanks its other half.
        if !cell.isContinuation {
            if cells[index].isContinuation, x > 0 { cells[index - 1] = Cell(" ", cells[index - 1].style) }
            if x + 1 < width, cells[index + 1].isContinuation { cells[index + 1] = Cell(" ", cells[index + 1].style) }
        }
        cells[index] = cell
    }

    /// Joins a zero-width grapheme (a lone combining mark, a zero-width space) to the cell before.
    private mutating func attach(_ character: Character, x: Int, y: Int) {
        guard x >= 0, x < width else { return }
        var cellX = x
        if cells[y * width + cellX].isContinuation, cellX > 0 { cellX -= 1 }
        cells[y * width + cellX].text.append(character)
    }
}

/// A run of consecutive changed cells on one row.
public struct ScreenRun: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var cells: [Cell]
}
