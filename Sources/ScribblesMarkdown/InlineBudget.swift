/// Keeps cmark-gfm's inline parser linear on hostile paragraphs.
///
/// Debian's cmark-gfm (0.29.0.gfm.6) takes time proportional to emphasis delimiters × link
/// closers within one paragraph (each list item and heading is its own): "*b* [l](x) "
/// repeated 10,000 times (110 KB, one line) takes 2.3 s, 87,000 times (960 KB) 266 s (fixed
/// upstream in later releases we cannot choose). Real
/// paragraphs hold a few of each. This pass counts both per paragraph and, once their product
/// passes `budget`, ends the paragraph at the next space by inserting a blank line. Fenced code
/// is left alone (it is not inline-parsed). Nothing changes in a note under the budget; in one
/// over it, lines after an inserted break are counted one or two higher.
enum InlineBudget {
    /// Delimiter runs × link closers allowed in one paragraph (under 1 ms of cmark time).
    static let budget = 20_000

    static func apply(_ source: [UInt8]) -> [UInt8] {
        // Cheap rejection: without enough of both there is nothing to guard.
        var delimiters = 0, closers = 0
        for byte in source {
            if byte == 0x2A || byte == 0x5F || byte == 0x7E { delimiters += 1 } else if byte == 0x5D { closers += 1 }
        }
        guard delimiters * closers > budget else { return source }
        return split(source)
    }

    private static func split(_ source: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(source.count + source.count / 512)
        var delimiters = 0, closers = 0
        var fence: (byte: UInt8, count: Int)? = nil
        var lineStart = true
        var lineIsBlank = true
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
                // A list item or heading starts a new block, parsed on its own: the count
                // starts again, and the item's marker is not a delimiter.
                if fence == nil, let marker = blockStart(source, at: index) {
                    delimiters = 0
                    closers = 0
                    output.append(contentsOf: source[index..<marker])
                    if source[index..<marker].contains(where: { $0 != 0x20 && $0 != 0x09 }) { lineIsBlank = false }
                    index = marker
                    continue
                }
            }
            output.append(byte)
            index += 1
            if byte == 0x0A {
                if lineIsBlank { delimiters = 0; closers = 0 }
                lineStart = true
                continue
            }
            if byte != 0x20 && byte != 0x09 && byte != 0x0D { lineIsBlank = false }
            guard fence == nil else { continue }
            switch byte {
            case 0x2A, 0x5F, 0x7E:
                // One delimiter run counts once.
                if index >= count || source[index] != byte { delimiters += 1 }
            case 0x5D:
                closers += 1
            case 0x20 where delimiters * closers > budget:
                output.append(contentsOf: [0x0A, 0x0A])
                delimiters = 0
                closers = 0
            default:
                break
            }
        }
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
