/// TeX math as Obsidian and GitBook write it: `$…$` inline and `$$…$$` blocks. Found before
/// cmark-gfm parses the note, because TeX is full of backslashes, underscores and asterisks
/// that Markdown would take as escapes and emphasis; the spans become markers (like GitBook's
/// tags) and come back as `.math` exactly as written.
///
/// Rules (Obsidian's, as pandoc's): an opening `$` is not followed by a space and a closing one
/// is not preceded by a space nor followed by a digit, so "$5 and $10" is no math; `\$` is a
/// dollar; inline math stays on one line. A block opens with `$$` at the start of a line
/// (after quote markers and indentation) and closes at a line that ends with `$$`.
enum MathSpans {
    /// Inline math longer than this is not looked for (keeps a line of dollars linear).
    static let inlineLimit = 1_000
    /// A block must close within this many lines.
    static let blockLineLimit = 1_000

    private static let dollar = UInt8(ascii: "$")
    private static let backslash = UInt8(ascii: "\\")

    /// The end (exclusive) of inline math opening at `start`, on the line ending at `lineEnd`.
    static func inlineEnd(_ body: [UInt8], at start: Int, lineEnd: Int) -> Int? {
        guard body[start] == dollar, start == 0 || body[start - 1] != backslash else { return nil }
        let double = start + 1 < lineEnd && body[start + 1] == dollar
        let open = double ? 2 : 1
        let first = start + open
        guard first < lineEnd, !isSpace(body[first]), body[first] != dollar else { return nil }
        var i = first + 1
        let limit = min(lineEnd, first + inlineLimit)
        while i < limit {
            let byte = body[i]
            if byte == backslash { i += 2; continue }
            // An HTML tag inside is no TeX: `${key}</code> … $` is code and markup.
            if byte == UInt8(ascii: "<"), i + 1 < limit, body[i + 1] == UInt8(ascii: "/") || (body[i + 1] | 0x20 >= 0x61 && body[i + 1] | 0x20 <= 0x7A) {
                return nil
            }
            if byte == dollar {
                if double {
                    if i + 1 < lineEnd, body[i + 1] == dollar, !isSpace(body[i - 1]) { return i + 2 }
                    return nil
                }
                let after = i + 1 < lineEnd ? body[i + 1] : 0x20
                if !isSpace(body[i - 1]) && !(after >= 0x30 && after <= 0x39) { return i + 1 }
                return nil
            }
            i += 1
        }
        return nil
    }

    /// The TeX of inline math `body[start..<end]`, without its dollars.
    static func inlineTeX(_ body: [UInt8], _ start: Int, _ end: Int) -> String {
        let open = body[start + 1] == dollar && end - start >= 4 && body[end - 2] == dollar ? 2 : 1
        return String(decoding: body[(start + open)..<(end - open)], as: UTF8.self)
    }

    /// A math block starting on the line at `lineStart`.
    struct Block {
        /// Where `$$` starts (after the line's prefix), and the index just past the closing `$$`.
        var start: Int
        var end: Int
        var tex: String
        /// The prefix (quote markers, indentation) of each line after the first.
        var prefixes: [ArraySlice<UInt8>]
    }

    /// The math block opening on the line at `lineStart`, if one does and closes in time.
    /// `noCloserUntil` remembers how far a failed search found no closing line, so many
    /// unclosed `$$` lines cost one search, not one each.
    static func block(_ body: [UInt8], lineStart: Int, noCloserUntil: inout Int) -> Block? {
        let start = prefixEnd(body, lineStart)
        guard start + 1 < body.count, body[start] == dollar, body[start + 1] == dollar else { return nil }
        let firstEnd = lineEnd(body, start)
        // `$$x$$` alone on its line.
        let content = trimmedEnd(body, start + 2, firstEnd)
        if content - (start + 2) >= 3, body[content - 1] == dollar, body[content - 2] == dollar {
            return Block(start: start, end: content, tex: text(body, start + 2, content - 2), prefixes: [])
        }
        // Another `$$` on the opening line: inline math, not a block.
        var k = start + 2
        while k + 1 < content { if body[k] == dollar && body[k + 1] == dollar { return nil }; k += 1 }
        // Find the closing line first; the TeX is gathered only once one is found.
        var lineStart = max(firstEnd + 1, noCloserUntil)
        var lines = 0
        var closing: (start: Int, contentStart: Int, contentEnd: Int)? = nil
        while lineStart < body.count, lines < blockLineLimit {
            let end = lineEnd(body, lineStart)
            let contentStart = min(prefixEnd(body, lineStart), end)
            let contentEnd = trimmedEnd(body, contentStart, end)
            if contentEnd - contentStart >= 2, body[contentEnd - 1] == dollar, body[contentEnd - 2] == dollar {
                closing = (lineStart, contentStart, contentEnd)
                break
            }
            lineStart = end + 1
            lines += 1
        }
        guard let closing else {
            noCloserUntil = max(noCloserUntil, lineStart)
            return nil
        }
        var tex: [String] = []
        let opening = text(body, start + 2, content)
        if !opening.isEmpty { tex.append(opening) }
        var prefixes: [ArraySlice<UInt8>] = []
        var line = firstEnd + 1
        while line < closing.start {
            let end = lineEnd(body, line)
            let contentStart = min(prefixEnd(body, line), end)
            prefixes.append(body[line..<contentStart])
            tex.append(String(decoding: body[contentStart..<end], as: UTF8.self))
            line = end + 1
        }
        prefixes.append(body[closing.start..<closing.contentStart])
        let last = text(body, closing.contentStart, closing.contentEnd - 2)
        if !last.isEmpty { tex.append(last) }
        return Block(start: start, end: closing.contentEnd, tex: tex.joined(separator: "\n"), prefixes: prefixes)
    }

    /// Past the quote markers and indentation that open a line.
    static func prefixEnd(_ body: [UInt8], _ lineStart: Int) -> Int {
        var i = lineStart
        while i < body.count, body[i] == 0x20 || body[i] == 0x09 || body[i] == UInt8(ascii: ">") { i += 1 }
        return i
    }

    static func lineEnd(_ body: [UInt8], _ from: Int) -> Int {
        var i = from
        while i < body.count, body[i] != 0x0A { i += 1 }
        return i
    }

    private static func trimmedEnd(_ body: [UInt8], _ start: Int, _ end: Int) -> Int {
        var e = end
        while e > start, isSpace(body[e - 1]) { e -= 1 }
        return e
    }

    private static func text(_ body: [UInt8], _ start: Int, _ end: Int) -> String {
        String(decoding: body[start..<max(start, end)], as: UTF8.self).trimmingWhitespace()
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A }

    /// Where a code span that opens with the backtick run at `start` ends (when it closes on
    /// this line), or, when it does not, the end of the run, so the run is passed over whole.
    /// `noCloser` remembers, per run length, from where no closing run exists on the line.
    static func codeSpanEnd(_ body: [UInt8], at start: Int, lineEnd: Int, noCloser: inout [Int: Int]) -> (end: Int, closed: Bool) {
        var run = 0
        while start + run < lineEnd, body[start + run] == UInt8(ascii: "`") { run += 1 }
        var i = start + run
        if let known = noCloser[run], known <= i { return (i, false) }
        while i < lineEnd {
            guard body[i] == UInt8(ascii: "`") else { i += 1; continue }
            var other = 0
            while i + other < lineEnd, body[i + other] == UInt8(ascii: "`") { other += 1 }
            if other == run { return (i + other, true) }
            i += other
        }
        noCloser[run] = start + run
        return (start + run, false)
    }

    /// The fence a line opens or closes (` ``` ` or `~~~`, after quote markers and indentation).
    static func fence(_ body: [UInt8], lineStart: Int) -> (byte: UInt8, count: Int, bare: Bool)? {
        let start = prefixEnd(body, lineStart)
        guard start < body.count, body[start] == UInt8(ascii: "`") || body[start] == UInt8(ascii: "~") else { return nil }
        var count = 0
        while start + count < body.count, body[start + count] == body[start] { count += 1 }
        guard count >= 3 else { return nil }
        let end = lineEnd(body, start)
        let bare = trimmedEnd(body, start + count, end) == start + count
        return (body[start], count, bare)
    }
}

/// The math search's state over one note, for the pre-parse scan: the fenced code it is in, the
/// code span that hides what follows, and what failed searches learnt.
struct MathScan {
    private var fence: (byte: UInt8, count: Int)? = nil
    private var checkedLine = -1
    private var codeUntil = 0
    private var lineEnd = -1
    private var noCloserUntil = 0
    private var noCodeCloser: [Int: Int] = [:]

    /// At the start of a line: follows fences, and returns a math block opening here.
    mutating func lineStarts(_ body: [UInt8], at lineStart: Int) -> MathSpans.Block? {
        guard checkedLine != lineStart else { return nil }
        checkedLine = lineStart
        // The line's end is found only when something on the line needs it.
        lineEnd = -1
        let first = MathSpans.prefixEnd(body, lineStart)
        let lead = first < body.count ? body[first] : 0
        if lead == UInt8(ascii: "`") || lead == UInt8(ascii: "~"), let mark = MathSpans.fence(body, lineStart: lineStart) {
            if let open = fence {
                if mark.byte == open.byte && mark.count >= open.count && mark.bare { fence = nil }
            } else {
                fence = (mark.byte, mark.count)
            }
            return nil
        }
        guard lead == UInt8(ascii: "$"), fence == nil else { return nil }
        return MathSpans.block(body, lineStart: lineStart, noCloserUntil: &noCloserUntil)
    }

    /// At a backtick or dollar: passes over a code span, or returns the end of inline math.
    mutating func inlineMath(_ body: [UInt8], at index: Int) -> Int? {
        let byte = body[index]
        guard byte == UInt8(ascii: "`") || byte == UInt8(ascii: "$"), fence == nil, index >= codeUntil else { return nil }
        if lineEnd < index {
            lineEnd = MathSpans.lineEnd(body, index)
            noCodeCloser = [:]
        }
        if byte == UInt8(ascii: "`") {
            if index == 0 || body[index - 1] != UInt8(ascii: "\\") {
                codeUntil = MathSpans.codeSpanEnd(body, at: index, lineEnd: lineEnd, noCloser: &noCodeCloser).end
            }
            return nil
        }
        return MathSpans.inlineEnd(body, at: index, lineEnd: lineEnd)
    }
}
