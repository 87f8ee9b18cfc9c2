/// Obsidian's `%%comments%%`, hidden: within a run of inlines, or from a paragraph to a later
/// block of the same container (a block comment of several paragraphs, code included).
///
/// A `%%` with no closing `%%` after it stays as written: hiding the rest of a note because
/// of one stray `%%` would lose text without a trace. Linear in the blocks and text.
enum Comments {
    static let marker = "%%"

    /// `blocks` with comments that span blocks removed (each paragraph's own comments are
    /// removed later, with its other inline syntax).
    static func removing(from blocks: [Block]) -> [Block] {
        guard blocks.contains(where: holdsMarker) else { return blocks }
        // Where the next block holding a marker is, so an opener never searches twice.
        var nextMarker = Array(repeating: blocks.count, count: blocks.count + 1)
        for index in stride(from: blocks.count - 1, through: 0, by: -1) {
            nextMarker[index] = holdsMarker(blocks[index]) ? index : nextMarker[index + 1]
        }
        var items = blocks
        var out: [Block] = []
        var index = 0
        while index < items.count {
            guard case .paragraph(let run) = items[index], let open = unclosedOpener(run),
                  nextMarker[index + 1] < items.count,
                  case .paragraph(let closing) = items[nextMarker[index + 1]] else {
                out.append(items[index])
                index += 1
                continue
            }
            // From the paragraph's unclosed `%%` to the first `%%` of a later paragraph; what
            // follows that one is read again (it may open another comment).
            let head = CmarkConverter.trimmed(Array(run[..<open.inline]) + open.before)
            if !head.isEmpty { out.append(.paragraph(head)) }
            index = nextMarker[index + 1]
            let tail = afterFirstMarker(closing)
            if tail.isEmpty { index += 1 } else { items[index] = .paragraph(tail) }
        }
        return out
    }

    /// A run of inlines with its `%%…%%` comments removed (an unclosed one stays).
    static func removing(fromInlines run: [Inline]) -> [Inline] {
        Delimited.wrapping(run, open: marker, close: marker, flanking: false) { _ in [] }
    }

    private static func holdsMarker(_ block: Block) -> Bool {
        guard case .paragraph(let run) = block else { return false }
        return run.contains { if case .text(let s) = $0 { s.hasSubstring(marker) } else { false } }
    }

    /// The last comment of a paragraph that is opened and not closed in it: the inline it
    /// starts in and the text before the marker.
    private static func unclosedOpener(_ run: [Inline]) -> (inline: Int, before: [Inline])? {
        // Where the open marker is, kept as an index (copying the text before every marker
        // would be quadratic in a line of many `%%`).
        var open: (Int, String.Index)? = nil
        for (index, item) in run.enumerated() {
            guard case .text(let text) = item else { continue }
            var cursor = text.startIndex
            while let range = text[cursor...].firstRange(of: marker) {
                open = open == nil ? (index, range.lowerBound) : nil
                cursor = range.upperBound
            }
        }
        guard let (index, at) = open, case .text(let text) = run[index] else { return nil }
        return (index, [.text(String(text[..<at]))])
    }

    /// The paragraph after its first `%%`.
    private static func afterFirstMarker(_ run: [Inline]) -> [Inline] {
        for (index, item) in run.enumerated() {
            guard case .text(let text) = item, let range = text.firstRange(of: marker) else { continue }
            return CmarkConverter.trimmed([.text(String(text[range.upperBound...]))] + run[(index + 1)...])
        }
        return run
    }
}
