import ScribblesMarkdown
import ScribblesText

extension LayoutBuilder {
    /// A table fitted to the width: columns shrink fairly and cells wrap; when even one cell
    /// per column cannot fit, each row is shown as `header: value` lines instead.
    mutating func table(_ table: Table, _ context: LayoutContext) {
        let columns = max(table.header.count, table.rows.map(\.count).max() ?? 0)
        guard columns > 0 else { return }
        let header = cells(table.header, columns)
        let rows = table.rows.map { cells($0, columns) }
        let available = context.width - 3 * (columns - 1)
        guard available >= columns * 3 || options.scrollsWide else {
            stacked(header, rows, context)
            return
        }
        var natural = Array(repeating: 1, count: columns)
        for row in [header] + rows {
            for (i, cell) in row.enumerated() { natural[i] = max(natural[i], cell.width) }
        }
        // Where the table can scroll sideways, columns shrink no further than a readable
        // width (`readableColumn` cells, or less when the column needs less).
        let readable = natural.reduce(0) { $0 + min($1, Self.readableColumn) }
        let scrolls = options.scrollsWide && readable > available
        let widths = Self.fit(natural, into: scrolls ? readable : available)
        let first = lineCount
        let frame = Style(.tableFrame)
        if !table.header.isEmpty {
            row(header, widths, table.alignments, context, bold: true)
            let rule = widths.map { String.repeating("─", count: $0) }.joined(separator: "─┼─")
            emit(StyledLine([Span(rule, frame)]), context)
        }
        for cells in rows { row(cells, widths, table.alignments, context, bold: false) }
        if scrolls {
            let total = widths.reduce(0, +) + 3 * (columns - 1)
            note.wide.append(WideRegion(lines: first..<lineCount, start: context.gutterWidth, visible: max(1, context.width - 1), width: total))
        }
    }

    /// Below this a column of a table that can scroll sideways does not shrink.
    static let readableColumn = 14

    private struct Cell {
        var fragments: [Fragment]
        var links: [LinkTarget]
        var width: Int
    }

    private func cells(_ row: [[Inline]], _ columns: Int) -> [Cell] {
        (0..<columns).map { i in
            var flattener = InlineFlattener()
            flattener.mentionTitle = mentionTitle
            flattener.add(i < row.count ? row[i] : [], Style.plain)
            let width = flattener.fragments.reduce(0) { $0 + CellWidth.of($1.text) }
            return Cell(fragments: flattener.fragments, links: flattener.links, width: width)
        }
    }

    /// Column widths that sum to at most `available`: narrow columns keep their width, the
    /// rest share what is left equally (water filling).
    static func fit(_ natural: [Int], into available: Int) -> [Int] {
        if natural.reduce(0, +) <= available { return natural }
        var widths = Array(repeating: 0, count: natural.count)
        var open = Set(natural.indices)
        var left = available
        while !open.isEmpty {
            let share = max(1, left / open.count)
            let small = open.filter { natural[$0] <= share }
            if small.isEmpty {
                var extra = left - share * open.count
                for i in open.sorted() {
                    widths[i] = share + (extra > 0 ? 1 : 0)
                    extra -= 1
                }
                break
            }
            for i in small {
                widths[i] = natural[i]
                left -= natural[i]
                open.remove(i)
            }
        }
        return widths
    }

    private mutating func row(_ cells: [Cell], _ widths: [Int], _ alignments: [Table.Alignment],
                              _ context: LayoutContext, bold: Bool) {
        let frame = Style(.tableFrame)
        let wrapped = cells.enumerated().map { i, cell -> [WrappedLine] in
            let fragments = bold ? cell.fragments.map { f -> Fragment in
                var copy = f
                if copy.style.role == .text { copy.style = Style(.tableHeader, copy.style.emphasis.union(.bold)) }
                return copy
            } : cell.fragments
            return Wrapper.wrap(fragments, width: widths[i])
        }
        let height = wrapped.map(\.count).max() ?? 1
        for lineIndex in 0..<height {
            var line = StyledLine()
            var links: [(Int, Int, LinkTarget)] = []
            var column = 0
            for (i, cellLines) in wrapped.enumerated() {
                if i > 0 {
                    line.append(" │ ", frame)
                    column += 3
                }
                let piece = lineIndex < cellLines.count ? cellLines[lineIndex] : WrappedLine()
                let pad = max(0, widths[i] - piece.width)
                let alignment = i < alignments.count ? alignments[i] : .none
                let left = alignment == .right ? pad : alignment == .center ? pad / 2 : 0
                line.append(String.repeating(" ", count: left), Style.plain)
                line.append(piece.line)
                for (start, end, link) in piece.links { links.append((column + left + start, column + left + end, cells[i].links[link])) }
                if i < wrapped.count - 1 { line.append(String.repeating(" ", count: pad - left), Style.plain) }
                column += widths[i]
            }
            emit(line, context, links: links)
        }
    }

    private mutating func stacked(_ header: [Cell], _ rows: [[Cell]], _ context: LayoutContext) {
        for (index, row) in rows.enumerated() {
            if index > 0 { emit(StyledLine([Span("─", Style(.tableFrame))]), context) }
            for (i, cell) in row.enumerated() {
                var fragments = cell.fragments
                if i < header.count, !header[i].fragments.isEmpty {
                    let name = header[i].fragments.map(\.text).joined()
                    fragments.insert(Fragment(text: name + ": ", style: Style(.tableHeader, [.bold])), at: 0)
                }
                emit(Wrapper.wrap(fragments, width: context.width), cell.links, context)
            }
        }
    }
}
