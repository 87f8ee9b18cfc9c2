import ScribblesText

/// Where a long note can be cut into pieces that cmark-gfm parses one at a time, with the same
/// blocks as a whole parse: at a blank line followed by a line that can only start a new
/// paragraph or heading (a letter, a digit-free start, `#`), outside fenced code and outside
/// HTML blocks that may hold blank lines (`<pre>`, `<!--`, …). Lists, quotes, indented code and
/// tables all end at such a line, so nothing spans a cut.
///
/// cmark keeps a whole document's nodes until it finishes (a 4 MiB note of short paragraphs
/// holds over a million, 250 MB); in pieces, only as many pieces' nodes as there are cores are
/// alive at a time, and the pieces are parsed on all cores. Notes with link reference or
/// footnote definitions (`[x]: …`, `[^1]: …`) are parsed whole: a definition serves the whole
/// note.
enum ParseChunks {
    /// Notes shorter than this are parsed whole.
    static let threshold = 256 << 10
    /// About how long a piece is: small enough that the cores share the work evenly (with
    /// pieces of 128 KB, cmark and conversion of the 1 MB note took 15.8 ms, with 64 KB 13.5).
    static let target = 64 << 10

    /// The pieces of `bytes`, each with the number of lines before it.
    static func cut(_ bytes: [UInt8]) -> [(range: Range<Int>, linesBefore: Int)] {
        let count = bytes.count
        guard count >= threshold, !hasDefinitions(bytes) else { return [(0..<count, 0)] }
        var pieces: [(range: Range<Int>, linesBefore: Int)] = []
        var start = 0, startLines = 0, lines = 0
        var fence: (byte: UInt8, count: Int)? = nil
        var htmlEnd: [UInt8]? = nil
        var previousBlank = false
        var lineStart = 0
        while lineStart < count {
            let lineEnd = bytes.withUnsafeBufferPointer { ByteSearch.lineEnd(in: $0, from: lineStart) }
            let line = bytes[lineStart..<lineEnd]
            let blank = line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
            if fence == nil, htmlEnd == nil, previousBlank, lineStart - start >= target, let first = line.first, startsParagraph(first) {
                pieces.append((start..<lineStart, startLines))
                start = lineStart
                startLines = lines
            }
            track(line, fence: &fence, htmlEnd: &htmlEnd)
            previousBlank = blank
            lines += 1
            lineStart = lineEnd + 1
        }
        pieces.append((start..<count, startLines))
        return pieces
    }

    /// A line starting with this byte, after a blank line, begins a paragraph or an ATX heading.
    private static func startsParagraph(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == UInt8(ascii: "#") || byte >= 0xC2
    }

    /// Follows fenced code and the HTML blocks that end only at a terminator.
    private static func track(_ line: ArraySlice<UInt8>, fence: inout (byte: UInt8, count: Int)?, htmlEnd: inout [UInt8]?) {
        if let end = htmlEnd {
            if contains(line, end) { htmlEnd = nil }
            return
        }
        // Any indentation and quote markers: a fence in a list item is indented, and taking
        // indented code for a fence only makes fewer cuts.
        var i = line.startIndex
        while i < line.endIndex, line[i] == 0x20 || line[i] == 0x09 || line[i] == UInt8(ascii: ">") { i += 1 }
        let rest = line[i...]
        if let open = fence {
            // A closing fence is a run at least as long, with nothing after it.
            var run = 0
            while i + run < line.endIndex, line[i + run] == open.byte { run += 1 }
            if run >= open.count, line[(i + run)...].allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { fence = nil }
            return
        }
        if let first = rest.first, first == UInt8(ascii: "`") || first == UInt8(ascii: "~") {
            let run = rest.prefix { $0 == first }.count
            // A backtick fence's info string holds no backtick (else it is a code span).
            if run >= 3, first == UInt8(ascii: "~") || !rest.dropFirst(run).contains(first) { fence = (first, run) }
            return
        }
        guard rest.first == UInt8(ascii: "<") else { return }
        let lower = rest.prefix(12).map { $0 | 0x20 }
        let openers: [(String, String)] = [("<!--", "-->"), ("<?", "?>"), ("<![cdata[", "]]>"), ("<pre", "</pre>"),
                                           ("<script", "</script>"), ("<style", "</style>"), ("<textarea", "</textarea>")]
        for (opener, closer) in openers where lower.starts(with: Array(opener.utf8)) {
            if !contains(rest.dropFirst(opener.utf8.count), Array(closer.utf8)) { htmlEnd = Array(closer.utf8) }
            return
        }
        // `<!X…>` declarations end at `>`.
        if lower.count > 2, lower[1] == UInt8(ascii: "!"), (0x61...0x7A).contains(lower[2]), !rest.contains(UInt8(ascii: ">")) {
            htmlEnd = [UInt8(ascii: ">")]
        }
    }

    private static func contains(_ line: ArraySlice<UInt8>, _ needle: [UInt8]) -> Bool {
        guard needle.count <= line.count else { return false }
        var i = line.startIndex
        while i + needle.count <= line.endIndex {
            if line[i] | 0x20 == needle[0] | 0x20, line[i..<(i + needle.count)].elementsEqual(needle, by: { $0 | 0x20 == $1 | 0x20 }) {
                return true
            }
            i += 1
        }
        return false
    }

    /// Whether a line (indented at most 3) starts `[…]:`: a link reference or footnote definition.
    private static func hasDefinitions(_ bytes: [UInt8]) -> Bool {
        var lineStart = 0
        let count = bytes.count
        while lineStart < count {
            var i = lineStart
            while i < count, i - lineStart < 3, bytes[i] == 0x20 { i += 1 }
            // Quote markers may stand before a definition too.
            while i < count, bytes[i] == UInt8(ascii: ">") || bytes[i] == 0x20 { i += 1 }
            if i < count, bytes[i] == UInt8(ascii: "[") {
                var j = i + 1
                while j < count, bytes[j] != 0x0A, bytes[j] != UInt8(ascii: "]") { j += 1 }
                if j + 1 < count, bytes[j] == UInt8(ascii: "]"), bytes[j + 1] == UInt8(ascii: ":") { return true }
            }
            lineStart = bytes.withUnsafeBufferPointer { ByteSearch.lineEnd(in: $0, from: i) } + 1
        }
        return false
    }
}
