/// How columns of the text cmark-gfm parsed map back to the note as written.
///
/// Before parsing, Scribbles edits the text: `Cleanup` drops zero-width artifacts and widens
/// NUL to U+FFFD, `TagScanner` replaces GitBook tags with shorter or longer markers. Each edit
/// shifts the columns after it on its line. Each records the shift here, so a link's column
/// points at its first character in the file, whatever was edited before it on the line.
/// Columns are 1-based UTF-8 byte offsets within a line; lines are the file's, 1-based.
public struct ColumnShifts: Sendable {
    /// line → (column in the edited text, bytes to add to columns at or after it, summed
    /// with the shifts before it), in column order (edits are recorded left to right).
    private var shifts: [Int: [(at: Int, total: Int)]] = [:]

    public init() {}

    public var isEmpty: Bool { shifts.isEmpty }

    /// Columns at or after `column` (edited text) on `line` are `delta` bytes further right in
    /// the text before the edit.
    mutating func record(line: Int, at column: Int, delta: Int) {
        guard delta != 0 else { return }
        let before = shifts[line]?.last?.total ?? 0
        shifts[line, default: []].append((column, before + delta))
    }

    /// The column before the edits of a column after them (a halving search: a line of a
    /// million edits stays cheap).
    func original(line: Int, column: Int) -> Int {
        guard column > 0, let list = shifts[line] else { return column }
        var low = 0, high = list.count
        while low < high {
            let middle = (low + high) / 2
            if list[middle].at <= column { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? column : column + list[low - 1].total
    }
}

/// Where something starts in a note file: 1-based line and 1-based byte column of that line
/// (0 when unknown). `check` turns byte columns into characters for people.
public struct SourcePosition: Hashable, Sendable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// `bytes` further along the same line (for a link found inside a text node).
    func advanced(by bytes: Int) -> SourcePosition {
        SourcePosition(line: line, column: column > 0 ? column + bytes : 0)
    }
}
