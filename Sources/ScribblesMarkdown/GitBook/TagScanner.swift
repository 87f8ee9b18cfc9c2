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
    /// The clean-up's shifts, so each tag's column is the one in the file.
    var cleanupShifts = ColumnShifts()

    /// `body` with tags and math replaced by markers; `tokens` lists them by marker number.
    mutating func substitute(_ body: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        var cursor = 0
        var lineStart = 0
        var index = 0
        var found = false
        var line = 1
        // Bytes the markers so far on this line added (negative: removed), for `shifts`.
        var lineDelta = 0
        // Math is not looked for in fenced code, nor in a code span closed on its line.
        var fence: (byte: UInt8, count: Int)? = nil
        var checkedLine = -1
        var codeUntil = 0
        var lineEnd = -1
        let count = body.count
        func start() {
            if !found {
                found = true
                output.reserveCapacity(count + 64)
            }
        }
        let interesting = Self.interesting
        while index < count - 1 {
            // Most bytes start nothing: skip them with one look-up.
            if !interesting[Int(body[index])] && index != lineStart {
                index += 1
                continue
            }
            if index == lineStart && checkedLine != lineStart {
                checkedLine = lineStart
                // The line's end is found only when something on the line needs it.
                lineEnd = -1
                let first = MathSpans.prefixEnd(body, lineStart)
                let lead = first < count ? body[first] : 0
                if lead == UInt8(ascii: "`") || lead == UInt8(ascii: "~"), let mark = MathSpans.fence(body, lineStart: lineStart) {
                    if let open = fence {
                        if mark.byte == open.byte && mark.count >= open.count && mark.bare { fence = nil }
                    } else {
                        fence = (mark.byte, mark.count)
                    }
                } else if lead == UInt8(ascii: "$"), fence == nil, let block = MathSpans.block(body, lineStart: lineStart) {
                    // A math block becomes a comment block, like a tag-only line; each line it
                    // covered keeps its quote markers, so lines and containers stay as they were.
                    start()
                    output.append(contentsOf: body[cursor..<block.start])
                    output.append(contentsOf: Array("<!--".utf8))
                    let source = String(decoding: body[block.start..<block.end], as: UTF8.self)
                    var token = TagToken(name: "math-block", attributes: [:], positional: [block.tex], source: source)
                    token.line = line + lineOffset
                    token.column = cleanupShifts.original(line: token.line, column: block.start - lineStart + 1)
                    appendMarker(for: token, into: &output)
                    output.append(contentsOf: Array("-->".utf8))
                    for prefix in block.prefixes {
                        output.append(0x0A)
                        output.append(contentsOf: prefix)
                    }
                    line += block.prefixes.count
                    cursor = block.end
                    index = block.end
                    lineStart = -1
                    continue
                }
            }
            let byte = body[index]
            if byte == UInt8(ascii: "\n") {
                line += 1
                lineStart = index + 1
                lineDelta = 0
                index += 1
                continue
            }
            if (byte == UInt8(ascii: "`") || byte == UInt8(ascii: "$")) && fence == nil && index >= codeUntil {
                if lineEnd < index { lineEnd = MathSpans.lineEnd(body, index) }
                if byte == UInt8(ascii: "`"), index == 0 || body[index - 1] != UInt8(ascii: "\\") {
                    codeUntil = MathSpans.codeSpanEnd(body, at: index, lineEnd: lineEnd) ?? index + 1
                } else if byte == UInt8(ascii: "$"), let end = MathSpans.inlineEnd(body, at: index, lineEnd: lineEnd) {
                    start()
                    output.append(contentsOf: body[cursor..<index])
                    let column = index - lineStart + 1
                    var token = TagToken(name: "math", attributes: [:], positional: [MathSpans.inlineTeX(body, index, end)],
                                         source: String(decoding: body[index..<end], as: UTF8.self))
                    token.line = line + lineOffset
                    token.column = cleanupShifts.original(line: token.line, column: column)
                    let before = output.count
                    appendMarker(for: token, into: &output)
                    let marker = output.count - before
                    shifts.record(line: line + lineOffset, at: column + lineDelta + marker, delta: (end - index) - marker)
                    lineDelta += marker - (end - index)
                    cursor = end
                    index = end
                    continue
                }
            }
            guard byte == UInt8(ascii: "{"), body[index + 1] == UInt8(ascii: "%"),
                  let end = Self.tagEnd(body, from: index) else {
                index += 1
                continue
            }
            start()
            // A line made only of tags becomes a comment block; gather every tag on it.
            if let lineTags = standaloneLine(body, lineStart: lineStart, firstTag: index, firstEnd: end) {
                output.append(contentsOf: body[cursor..<index])
                output.append(contentsOf: Array("<!--".utf8))
                for (start, stop) in lineTags.ranges {
                    emitTag(body, start, stop, line: line, column: start - lineStart + 1, into: &output)
                }
                output.append(contentsOf: Array("-->".utf8))
                cursor = lineTags.lineEnd
                index = lineTags.lineEnd
                continue
            }
            output.append(contentsOf: body[cursor..<index])
            let before = output.count
            let column = index - lineStart + 1
            let next = emitTagOrRaw(body, index, end, line: line, column: column, into: &output)
            let marker = output.count - before
            shifts.record(line: line + lineOffset, at: column + lineDelta + marker, delta: (next - index) - marker)
            lineDelta += marker - (next - index)
            line += body[index..<next].reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
            cursor = next
            index = next
        }
        guard found else { return body }
        output.append(contentsOf: body[cursor...])
        return output
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
        if token.name == "raw", let close = Self.findEndRaw(body, from: end) {
            token.rawBody = String(decoding: body[end..<close.start], as: UTF8.self)
            next = close.end
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
        for (start, end) in ranges where Self.parse(body, start, end)?.name == "raw" { return nil }
        return (ranges, i)
    }

    /// The index just past the first `%}` after `start`, on the same line.
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
        while i < body.count - 1 {
            if body[i] == UInt8(ascii: "{"), body[i + 1] == UInt8(ascii: "%"), let end = tagEnd(body, from: i),
               parse(body, i, end)?.name == "endraw" {
                return (i, end)
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
