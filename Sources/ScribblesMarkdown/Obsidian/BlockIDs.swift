/// Obsidian block ids (`^id`: letters, digits and `-`): at the end of a paragraph or list
/// item, or alone on the line after a block (a table's last row, or its own paragraph after
/// a quote, callout, list or table). Each becomes a `.blockID` marker placed before the block
/// it names, and is never shown.
enum BlockIDs {
    static func marking(_ blocks: [Block]) -> [Block] {
        var out: [Block] = []
        // The last block that is not an id, which an id alone on its line names.
        var named: Int? = nil
        for block in blocks {
            switch block {
            case .paragraph(let run):
                guard let (id, rest) = trailingID(run) else { named = out.count; out.append(block); continue }
                if rest.isEmpty {
                    // Alone: it names the block before it.
                    if let previous = named {
                        out.insert(.blockID(id), at: previous)
                        named = previous + 1
                    } else {
                        out.append(.blockID(id))
                    }
                } else {
                    out.append(.blockID(id))
                    named = out.count
                    out.append(.paragraph(rest))
                }
            case .table(var table):
                if let last = table.rows.last, let first = last.first, last.dropFirst().allSatisfy(\.isEmpty),
                   let (id, rest) = trailingID(first), rest.isEmpty {
                    table.rows.removeLast()
                    out.append(.blockID(id))
                    named = out.count
                    out.append(.table(table))
                } else {
                    named = out.count
                    out.append(block)
                }
            case .blockID:
                out.append(block)
            default:
                named = out.count
                out.append(block)
            }
        }
        return out
    }

    /// The id at the end of a run (after a space or a line break) and the run without it.
    static func trailingID(_ run: [Inline]) -> (String, [Inline])? {
        guard case .text(let text)? = run.last, let caretByte = text.utf8.lastIndex(of: UInt8(ascii: "^")) else { return nil }
        let caret = caretByte
        let id = text[text.index(after: caret)...].trimmingWhitespace()
        guard !id.isEmpty, id.utf8.count <= 256,
              id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }),
              text[text.index(after: caret)...].hasPrefix(id) else { return nil }
        let before = text[..<caret]
        guard before.isEmpty || before.last?.isWhitespace == true else { return nil }
        if before.isEmpty && run.count > 1 {
            // `^id` on its own line at the end of a paragraph: drop the break before it too.
            guard run[run.count - 2].isBlank else { return nil }
        }
        var rest = Array(run.dropLast())
        let kept = before.trimmingWhitespace()
        if !kept.isEmpty { rest.append(.text(before.trimmingTrailingWhitespace())) }
        return (id, CmarkConverter.trimmed(rest))
    }
}

extension StringProtocol {
    func trimmingTrailingWhitespace() -> String {
        guard let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[...last])
    }
}
