import ScribblesText

/// The private markers that stand in for tags while cmark-gfm parses the note.
///
/// U+FDD0 and U+FDD1 are Unicode noncharacters: cmark treats them as letters, and any that a
/// note itself contains are replaced with U+FFFD before scanning, so a marker is always ours.
enum TagSentinel {
    static let open = Unicode.Scalar(UInt32(0xFDD0))!
    static let close = Unicode.Scalar(UInt32(0xFDD1))!
    static let openBytes: [UInt8] = [0xEF, 0xB7, 0x90]
    static let closeBytes: [UInt8] = [0xEF, 0xB7, 0x91]
}

/// Finds GitBook template tags in a note body and replaces each with a sentinel marker.
///
/// Tags must finish on the line they start on (GITBOOK.md §3.1). A line that holds only tags
/// becomes an HTML comment (`<!--⟨0⟩-->`): an HTML block interrupts a paragraph, so a tag line
/// never merges into the paragraph or list item above it. Inside code, the converter turns
/// markers back into the original text, which keeps tags in code literal without a second
/// parser. `{% raw %}…{% endraw %}` becomes a single marker holding its body.
struct TagScanner {
    private(set) var tokens: [TagToken] = []
    /// Lines of front matter before the body, so tag lines count from the file's start.
    var lineOffset = 0
    /// How replacing tags moved the columns after them (file lines).
    private(set) var shifts = ColumnShifts()
    /// Up to where (a line's end) no `%}` closes a `{%`; from where no `{% endraw %}` follows.
    private var noTagEndUntil = 0
    private var noEndRawAfter = Int.max
    /// The clean-up's shifts, so each tag's column is the one in the file.
    var cleanupShifts = ColumnShifts()

    /// `body` with tags and math replaced by markers; `tokens` lists them by marker number.
    mutating func substitute(_ body: [UInt8]) -> [UInt8] {
        var edit = Edit(body: body)
        var math = MathScan()
        let count = body.count
        let interesting = Self.interesting
        while edit.index < count - 1 {
            let index = edit.index
            // Most bytes start nothing: skip them with one look-up.
            if !interesting[Int(body[index])] && index != edit.lineStart {
                // The rest of the run too: no byte after this one starts its line.
                edit.index = body.withUnsafeBufferPointer { bytes in
                    interesting.withUnsafeBufferPointer { ByteSearch.firstMarked(in: bytes, from: index + 1, before: count - 1, marked: $0) }
                }
                continue
            }
            if index == edit.lineStart, let block = math.lineStarts(body, at: index) {
                // A math block becomes a comment block, like a tag-only line; each line it
                // covered keeps its quote markers, so lines and containers stay as they were.
                var token = TagToken(name: "math-block", attributes: [:], positional: [block.tex],
                                     source: String(decoding: body[block.start..<block.end], as: UTF8.self))
                token.line = edit.line + lineOffset
                token.column = cleanupShifts.original(line: token.line, column: block.start - edit.lineStart + 1)
                edit.copy(upTo: block.start)
                edit.output.append(contentsOf: Array("<!--".utf8))
                appendMarker(for: token, into: &edit.output)
                edit.output.append(contentsOf: Array("-->".utf8))
                for prefix in block.prefixes {
                    edit.output.append(0x0A)
                    edit.output.append(contentsOf: prefix)
                }
                edit.skip(to: block.end, lines: block.prefixes.count)
                continue
            }
            let byte = body[index]
            if byte == UInt8(ascii: "\n") {
                edit.newLine()
                continue
            }
            if let end = math.inlineMath(body, at: index) {
                var token = TagToken(name: "math", attributes: [:], positional: [MathSpans.inlineTeX(body, index, end)],
                                     source: String(decoding: body[index..<end], as: UTF8.self))
                token.line = edit.line + lineOffset
                token.column = cleanupShifts.original(line: token.line, column: index - edit.lineStart + 1)
                edit.copy(upTo: index)
                let before = edit.output.count
                appendMarker(for: token, into: &edit.output)
                replaced(&edit, from: index, to: end, written: before)
                continue
            }
            guard byte == UInt8(ascii: "{"), body[index + 1] == UInt8(ascii: "%"), index >= noTagEndUntil,
                  let end = tagEnd(body, from: index) else {
                edit.index += 1
                continue
            }
            // A line made only of tags becomes a comment block; gather every tag on it.
            if let lineTags = standaloneLine(body, lineStart: edit.lineStart, firstTag: index, firstEnd: end) {
                edit.copy(upTo: index)
                edit.output.append(contentsOf: Array("<!--".utf8))
                for (start, stop) in lineTags.ranges {
                    emitTag(body, start, stop, line: edit.line, column: start - edit.lineStart + 1, into: &edit.output)
                }
                edit.output.append(contentsOf: Array("-->".utf8))
                edit.skip(to: lineTags.lineEnd, lines: 0)
                continue
            }
            edit.copy(upTo: index)
            let before = edit.output.count
            let next = emitTagOrRaw(body, index, end, line: edit.line, column: index - edit.lineStart + 1, into: &edit.output)
            replaced(&edit, from: index, to: next, written: before)
        }
        return edit.finished()
    }

    /// After `body[index..<next]` was replaced by what the output holds from `written` on:
    /// records how that shifts the columns after it on the line, and continues after it.
    private mutating func replaced(_ edit: inout Edit, from index: Int, to next: Int, written before: Int) {
        let marker = edit.output.count - before
        let column = index - edit.lineStart + 1
        shifts.record(line: edit.line + lineOffset, at: column + edit.lineDelta + marker, delta: (next - index) - marker)
        edit.lineDelta += marker - (next - index)
        edit.skip(to: next, lines: edit.body[index..<next].reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) })
    }

    /// The text being rewritten: the output so far, and where the scan is in the body.
    private struct Edit {
        let body: [UInt8]
        var output: [UInt8] = []
        /// The first body byte not yet copied to the output.
        var cursor = 0
        var index = 0
        var lineStart = 0
        var line = 1
        /// Bytes the markers so far on this line added (negative: removed), for `shifts`.
        var lineDelta = 0
        var edited = false

        init(body: [UInt8]) { self.body = body }

        mutating func copy(upTo end: Int) {
            if !edited {
                edited = true
                output.reserveCapacity(body.count + 64)
            }
            output.append(contentsOf: body[cursor..<end])
        }

        /// Continues after replaced text that held `lines` line ends.
        mutating func skip(to next: Int, lines: Int) {
            line += lines
            if lines > 0, let last = body[cursor..<next].lastIndex(of: 0x0A) { lineStart = last + 1 }
            cursor = next
            index = next
        }

        mutating func newLine() {
            line += 1
            index += 1
            lineStart = index
            lineDelta = 0
        }

        func finished() -> [UInt8] {
            guard edited else { return body }
            return output + body[cursor...]
        }
    }

    /// Emits a tag; for `raw`, swallows everything up to `{% endraw %}` and returns past it.
    private mutating func emitTagOrRaw(_ body: [UInt8], _ start: Int, _ end: Int, line: Int, column: Int,
                                       into output: inout [UInt8]) -> Int {
        guard var token = Self.parse(body, start, end) else {
            output.append(contentsOf: body[start..<end])
            return end
        }
        var next = end
        token.line = line + lineOffset
        token.column = cleanupShifts.original(line: token.line, column: column)
        if token.name == "raw", end < noEndRawAfter {
            // Without an `{% endraw %}` after this one there is none after any later `raw` either.
            if let close = Self.findEndRaw(body, from: end) {
                token.rawBody = String(decoding: body[end..<close.start], as: UTF8.self)
                next = close.end
            } else {
                noEndRawAfter = end
            }
        }
        appendMarker(for: token, into: &output)
        return next
    }

    private mutating func emitTag(_ body: [UInt8], _ start: Int, _ end: Int, line: Int, column: Int,
                                  into output: inout [UInt8]) {
        if var token = Self.parse(body, start, end) {
            token.line = line + lineOffset
            token.column = cleanupShifts.original(line: token.line, column: column)
            appendMarker(for: token, into: &output)
        } else {
            output.append(contentsOf: body[start..<end])
        }
    }

    private mutating func appendMarker(for token: TagToken, into output: inout [UInt8]) {
        output.append(contentsOf: TagSentinel.openBytes)
        output.append(contentsOf: Array(String(tokens.count).utf8))
        output.append(contentsOf: TagSentinel.closeBytes)
        tokens.append(token)
    }

    /// Bytes that may start something the scan looks at: a line end, a tag, a code span, math.
    private static let interesting: [Bool] = (0..<256).map { byte in
        byte == 0x0A || byte == 0x7B || byte == 0x60 || byte == 0x24
    }

    /// The tags of a line holding nothing else (whitespace aside), with the line's end.
    private func standaloneLine(_ body: [UInt8], lineStart: Int, firstTag: Int, firstEnd: Int)
        -> (ranges: [(Int, Int)], lineEnd: Int)? {
        for i in lineStart..<firstTag where body[i] != UInt8(ascii: " ") && body[i] != UInt8(ascii: "\t") {
            return nil
        }
        var ranges = [(firstTag, firstEnd)]
        var i = firstEnd
        while i < body.count, body[i] != UInt8(ascii: "\n") {
            let byte = body[i]
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") {
                i += 1
            } else if byte == UInt8(ascii: "{"), i + 1 < body.count, body[i + 1] == UInt8(ascii: "%"),
                      let end = Self.tagEnd(body, from: i) {
                ranges.append((i, end))
                i = end
            } else {
                return nil
            }
        }
        // `raw` needs its body, which may span lines: handle it inline instead.
        // (A tag whose bytes do not hold `raw` cannot be named so: most are not parsed twice.)
        for (start, end) in ranges where Self.holdsRaw(body, start, end) && Self.parse(body, start, end)?.name == "raw" { return nil }
        return (ranges, i)
    }

    private static func holdsRaw(_ body: [UInt8], _ start: Int, _ end: Int) -> Bool {
        body.withUnsafeBufferPointer { bytes in
            ByteSearch.withBytes("raw") { ByteSearch.firstOffset(of: $0, in: UnsafeBufferPointer(rebasing: bytes[start..<end])) != nil }
        }
    }

    /// The index just past the first `%}` after `start`, on the same line. A search that
    /// fails is remembered: no later `{%` before that line's end can close either, so a line of
    /// `{%{%{%…` costs one pass, not one per opener.
    mutating func tagEnd(_ body: [UInt8], from start: Int) -> Int? {
        if start < noTagEndUntil { return nil }
        guard let end = Self.tagEnd(body, from: start) else {
            var i = start
            while i < body.count, body[i] != UInt8(ascii: "\n") { i += 1 }
            noTagEndUntil = i
            return nil
        }
        return end
    }

    static func tagEnd(_ body: [UInt8], from start: Int) -> Int? {
        var i = start + 2
        while i + 1 < body.count {
            let byte = body[i]
            if byte == UInt8(ascii: "\n") { return nil }
            if byte == UInt8(ascii: "%"), body[i + 1] == UInt8(ascii: "}") { return i + 2 }
            i += 1
        }
        return nil
    }

    /// Finds `{% endraw %}` after `from`.
    static func findEndRaw(_ body: [UInt8], from: Int) -> (start: Int, end: Int)? {
        var i = from
        // Up to where a failed `{%` found no `%}` (its line's end): linear on `{%{%{%…`.
        var noEndUntil = 0
        while i < body.count - 1 {
            if body[i] == UInt8(ascii: "{"), body[i + 1] == UInt8(ascii: "%"), i >= noEndUntil {
                if let end = tagEnd(body, from: i) {
                    if parse(body, i, end)?.name == "endraw" { return (i, end) }
                } else {
                    noEndUntil = i
                    while noEndUntil < body.count, body[noEndUntil] != UInt8(ascii: "\n") { noEndUntil += 1 }
                }
            }
            i += 1
        }
        return nil
    }

    /// Parses the tag text `body[start..<end]`; nil when it has no valid name.
    static func parse(_ body: [UInt8], _ start: Int, _ end: Int) -> TagToken? {
        let source = String(decoding: body[start..<end], as: UTF8.self)
        var inner = Substring(source.dropFirst(2).dropLast(2))
        if inner.hasPrefix("-") { inner = inner.dropFirst() }
        if inner.hasSuffix("-") { inner = inner.dropLast() }
        inner = inner.drop { $0 == " " || $0 == "\t" }
        let name = inner.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
        guard let first = name.first, first.isLetter || first == "_" else { return nil }
        var token = TagToken(name: String(name), attributes: [:], positional: [], source: source)
        parseArguments(inner.dropFirst(name.count), into: &token)
        return token
    }

    private static func parseArguments(_ text: Substring, into token: inout TagToken) {
        var rest = text
        while true {
            rest = rest.drop { $0 == " " || $0 == "\t" || $0 == "," || $0 == "\r" }
            guard !rest.isEmpty else { return }
            let key = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." }
            var afterKey = rest.dropFirst(key.count).drop { $0 == " " || $0 == "\t" }
            if !key.isEmpty, afterKey.first == "=" {
                afterKey = afterKey.dropFirst().drop { $0 == " " || $0 == "\t" }
                let (value, remainder) = readValue(afterKey)
                token.attributes[String(key)] = value
                rest = remainder
            } else {
                let (value, remainder) = readValue(rest)
                if !value.isEmpty { token.positional.append(value) }
                rest = remainder.count == rest.count ? rest.dropFirst() : remainder
            }
        }
    }

    /// Whether a quote followed by `rest` ends a value: only the end of the tag, a comma or
    /// the next `key=` may follow, so inner quotes (`summary="Clear "New" flags"`) stay inside.
    private static func closesValue(_ rest: Substring) -> Bool {
        let next = rest.drop { $0 == " " || $0 == "\t" || $0 == "\r" }
        guard let first = next.first else { return true }
        if first == "-" || first == "%" { return true }
        if first == "," { return closesValue(next.dropFirst().drop { $0 == " " }.isEmpty ? "" : " " + next.dropFirst().drop { $0 == " " }) }
        guard next.count < rest.count else { return false }
        let key = next.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." }
        return !key.isEmpty && next.dropFirst(key.count).drop { $0 == " " }.first == "="
    }

    /// A quoted or bare value and what follows it.
    private static func readValue(_ text: Substring) -> (String, Substring) {
        guard let quote = text.first, quote == "\"" || quote == "'" else {
            let bare = text.prefix { !($0 == " " || $0 == "\t" || $0 == ",") }
            return (String(bare), text.dropFirst(bare.count))
        }
        var index = text.index(after: text.startIndex)
        while index < text.endIndex {
            if text[index] == quote {
                let after = text.index(after: index)
                if closesValue(text[after...]) {
                    return (String(text[text.index(after: text.startIndex)..<index]), text[after...])
                }
            }
            index = text.index(after: index)
        }
        return (String(text.dropFirst()), text[text.endIndex...])
    }
}
