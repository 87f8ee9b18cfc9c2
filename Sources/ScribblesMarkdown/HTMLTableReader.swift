/// Reads an HTML `<table>` into a `Table` (GitBook's typed tables and card grids, GITBOOK.md §7).
enum HTMLTableReader {
    /// Reads rows from `start` up to the matching `</table>`; returns the table and the next index.
    static func read(_ tokens: [HTMLTokenizer.Token], _ start: Int, line: Int = 0) -> (Table, Int) {
        var header: [[Inline]] = []
        var rows: [[[Inline]]] = []
        var row: [[Inline]] = []
        var rowIsHeader = false
        var cell: InlineAssembler?
        var hiddenColumns: Set<Int> = []
        var column = 0
        var depth = 0
        var i = start

        func closeCell() {
            guard var c = cell else { return }
            if !hiddenColumns.contains(column) { row.append(CmarkConverter.trimmed(c.finish())) }
            column += 1
            cell = nil
        }
        func closeRow() {
            closeCell()
            if !row.isEmpty {
                if rowIsHeader && header.isEmpty && rows.isEmpty { header = row } else { rows.append(row) }
            }
            row = []
            rowIsHeader = false
            column = 0
        }

        while i < tokens.count {
            switch tokens[i] {
            case .start("table", _, _):
                depth += 1
            case .end("table"):
                if depth == 0 {
                    closeRow()
                    return (finish(header, rows), i + 1)
                }
                depth -= 1
            case .start("tr", _, _):
                closeRow()
            case .end("tr"):
                closeRow()
            case .start(let name, let attributes, _) where name == "td" || name == "th":
                closeCell()
                if name == "th" {
                    rowIsHeader = true
                    if attributes["data-hidden"] != nil { hiddenColumns.insert(column) }
                }
                cell = InlineAssembler()
                cell?.line = line
            case .end(let name) where name == "td" || name == "th":
                closeCell()
            case .text(let text):
                cell?.append(.text(HTMLText.collapseSpaces(Entities.decode(text))))
            case .start(let name, let attributes, let selfClosing):
                if name == "br" || name == "p" && cell?.isEmpty == false { cell?.append(.text(" ")) }
                cell?.html(HTMLText.tag(name, attributes, selfClosing))
            case .end(let name):
                cell?.html("</\(name)>")
            case .comment:
                break
            }
            i += 1
        }
        closeRow()
        return (finish(header, rows), i)
    }

    private static func finish(_ header: [[Inline]], _ rows: [[[Inline]]]) -> Table {
        let columns = max(header.count, rows.map(\.count).max() ?? 0)
        return Table(alignments: Array(repeating: .none, count: columns), header: header, rows: rows)
    }
}

/// Small text helpers shared by the HTML readers.
enum HTMLText {
    /// A start tag rebuilt for the inline assembler (which reads only attributes).
    static func tag(_ name: String, _ attributes: [String: String], _ selfClosing: Bool) -> String {
        var text = "<" + name
        for (key, value) in attributes.sorted(by: { $0.key < $1.key }) {
            text += " \(key)=\"\(value.replacing("\"", with: "&quot;"))\""
        }
        return text + (selfClosing ? "/>" : ">")
    }

    /// Runs of whitespace as one space, as HTML shows text (NBSP kept).
    static func collapseSpaces(_ s: String) -> String {
        var out = ""
        var lastSpace = false
        for c in s {
            if c.isWhitespace && c != "\u{A0}" {
                if !lastSpace { out.append(" ") }
                lastSpace = true
            } else {
                out.append(c)
                lastSpace = false
            }
        }
        return out
    }
}
