import ScribblesText

/// Keeps cmark-gfm's parser linear on hostile paragraphs and tables.
///
/// Debian's cmark-gfm (0.29.0.gfm.6) has the quadratic cases fixed upstream in later releases
/// we cannot choose (CVE-2023-22483/22484/22486, GHSA-66g8-4hjf-77xh). Each costs the
/// product of two counts within one paragraph (each list item and heading is its own):
///
/// - emphasis delimiter runs × link closers: `*b* [l](x) ` × 87,000 (960 KB) took 266 s;
/// - image openers (`![`) × link closers: `![[]()` × 32,000 (192 KB) took 3 s;
/// - `<` (HTML and autolink openers, each scanned to its terminator or the paragraph's end)
///   × the paragraph's bytes: `<?`, `<!A`, `<![CDATA[`, `<http://a` × 32,000 took 1–9 s;
/// - and, in a table, cells per row: a row of 32,000 cells took 4.5 s.
///
/// Real paragraphs stay far below. This pass counts per paragraph and, once a product passes
/// its budget, ends the paragraph at the next space (or, when none comes within 64 bytes, at
/// the next ASCII character) by inserting a blank line. A line of more than `maxCells` pipes
/// has the rest written `\|`, which shows the same but makes no more cells. Fenced code is left
/// alone (it is not inline-parsed). Nothing changes in a note under the budgets; in one over
/// them, lines after an inserted break are counted one or two higher. No text is dropped.
enum InlineBudget {
    /// Delimiter runs × link closers allowed in one paragraph (under 1 ms of cmark time).
    static let budget = 20_000
    /// `<` × bytes allowed in one paragraph.
    static let angleBudget = 4_000_000
    /// Cells a table row may have.
    static let maxCells = 256

    private struct Counts {
        var delimiters = 0, closers = 0, images = 0, angles = 0, bytes = 0
        var isOver: Bool {
            delimiters * closers > InlineBudget.budget || images * closers > InlineBudget.budget
                || angles * bytes > InlineBudget.angleBudget
        }
    }

    static func apply(_ source: [UInt8]) -> [UInt8] {
        // Cheap rejection, counting between blank lines only: `split` counts the same bytes or
        // fewer (fenced code is left out, a run counts once, list items and headings start
        // again) and every product grows with its counts, so a note under the budgets here is
        // under them there. The counts are checked where they are highest, before each reset.
        var counts = Counts()
        var pipes = 0, widestRow = 0
        var lineIsBlank = true
        let over = source.withUnsafeBufferPointer { buffer in
            Self.counted.withUnsafeBufferPointer { counted in
                var index = 0
                while index < buffer.count {
                    // Bytes that count only as bytes (most of them) go by as a run.
                    let run = index
                    index = ByteSearch.firstMarked(in: buffer, from: index, before: buffer.count, marked: counted)
                    if index > run {
                        counts.bytes += index - run
                        lineIsBlank = false
                    }
                    guard index < buffer.count else { break }
                    let byte = buffer[index]
                    index += 1
                    switch byte {
                    case 0x2A, 0x5F, 0x7E: counts.delimiters += 1
                    case 0x5D: counts.closers += 1
                    case 0x21: counts.images += 1
                    case 0x3C: counts.angles += 1
                    case 0x7C: pipes += 1
                    case 0x0A:
                        widestRow = max(widestRow, pipes)
                        pipes = 0
                        if lineIsBlank {
                            if counts.isOver { return true }
                            counts = Counts()
                        }
                        lineIsBlank = true
                        continue
                    default: break
                    }
                    counts.bytes += 1
                    if byte != 0x20 && byte != 0x09 && byte != 0x0D { lineIsBlank = false }
                }
                return counts.isOver || max(widestRow, pipes) > maxCells
            }
        }
        return over ? split(source) : source
    }

    /// The bytes the cheap rejection looks at one by one: the counted marks, line ends and
    /// the blanks that keep a line blank.
    private static let counted: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for byte: UInt8 in [0x2A, 0x5F, 0x7E, 0x5D, 0x21, 0x3C, 0x7C, 0x0A, 0x20, 0x09, 0x0D] { table[Int(byte)] = true }
        return table
    }()

    /// The source with the breaks and escapes inserted. Bytes are copied in runs between
    /// insertions, and a note that needs none comes back as it is.
    private static func split(_ source: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        // Source bytes before this are in `output`; `inserted` tells whether anything was.
        var copied = 0, inserted = false
        // The byte last written, as the output would read it.
        var last: UInt8? = nil
        func insert(_ bytes: [UInt8], before position: Int) {
            if !inserted {
                output.reserveCapacity(source.count + source.count / 512)
                inserted = true
            }
            output.append(contentsOf: source[copied..<position])
            output.append(contentsOf: bytes)
            copied = position
            last = bytes.last
        }
        var counts = Counts()
        var fence: (byte: UInt8, count: Int)? = nil
        var lineStart = true
        var lineIsBlank = true
        var pipes = 0
        // Bytes since the budget was passed without a space to break at.
        var over = 0
        var index = 0
        let count = source.count
        while index < count {
            let byte = source[index]
            if lineStart {
                // A fence opens or closes here (after indentation and any `>`).
                let (marker, run) = fenceRun(source, at: index)
                if let marker, run >= 3 {
                    if let open = fence {
                        if open.byte == marker && run >= open.count { fence = nil }
                    } else {
                        fence = (marker, run)
                    }
                }
                lineStart = false
                lineIsBlank = true
                pipes = 0
                // A list item or heading starts a new block, parsed on its own: the count
                // starts again, and the item's marker is not a delimiter.
                if fence == nil, let marker = blockStart(source, at: index) {
                    counts = Counts()
                    if source[index..<marker].contains(where: { $0 != 0x20 && $0 != 0x09 }) { lineIsBlank = false }
                    if marker > index { last = source[marker - 1] }
                    index = marker
                    continue
                }
            }
            index += 1
            if byte == 0x0A {
                last = byte
                if lineIsBlank { counts = Counts() }
                lineStart = true
                continue
            }
            if byte != 0x20 && byte != 0x09 && byte != 0x0D { lineIsBlank = false }
            guard fence == nil else { last = byte; continue }
            if byte == 0x7C {
                pipes += 1
                // Past the cells a row may have, a pipe is text.
                if pipes > maxCells, last != 0x5C { insert([0x5C], before: index - 1) }
            }
            counts.bytes += 1
            switch byte {
            case 0x2A, 0x5F, 0x7E:
                // One delimiter run counts once.
                if index >= count || source[index] != byte { counts.delimiters += 1 }
            case 0x5D: counts.closers += 1
            case 0x21 where index < count && source[index] == 0x5B: counts.images += 1
            case 0x3C: counts.angles += 1
            default: break
            }
            let escaped = last == 0x5C
            last = byte
            guard counts.isOver else { continue }
            // Over a budget: end the paragraph at the next space, or soon after if none comes.
            if byte == 0x20 || (over >= 64 && byte < 0x80 && !escaped && byte != 0x5C) {
                insert([0x0A, 0x0A], before: index)
                counts = Counts()
                over = 0
            } else {
                over += 1
            }
        }
        guard inserted else { return source }
        output.append(contentsOf: source[copied...])
        return output
    }

    /// Where the content of a line that starts a list item (`-`, `*`, `+`, `1.`, `1)` and a
    /// space) or an ATX heading begins; nil for other lines.
    private static func blockStart(_ source: [UInt8], at start: Int) -> Int? {
        let index = contentStart(source, at: start)
        let count = source.count
        guard index < count else { return nil }
        var after = index
        switch source[index] {
        case 0x2D, 0x2A, 0x2B: after = index + 1
        case 0x31 where index + 1 < count && (source[index + 1] == 0x2E || source[index + 1] == 0x29): after = index + 2
        case 0x23: return index + 1
        default: return nil
        }
        guard after < count, source[after] == 0x20 || source[after] == 0x09 else { return nil }
        return after
    }

    /// Past a line's indentation and quote markers.
    private static func contentStart(_ source: [UInt8], at start: Int) -> Int {
        var index = start
        while index < source.count, source[index] == 0x20 || source[index] == 0x09 || source[index] == 0x3E { index += 1 }
        return index
    }

    /// The fence character and run length at the start of a line, past indentation and
    /// quote markers.
    private static func fenceRun(_ source: [UInt8], at start: Int) -> (UInt8?, Int) {
        var index = contentStart(source, at: start)
        let count = source.count
        guard index < count, source[index] == 0x60 || source[index] == 0x7E else { return (nil, 0) }
        let marker = source[index]
        var run = 0
        while index < count, source[index] == marker { run += 1; index += 1 }
        return (marker, run)
    }
}
