import ScribblesText

/// Parses a note's bytes into a `Document`. Never fails: any bytes give a document.
///
/// The steps: decode UTF-8 (invalid bytes become U+FFFD), drop GitBook's zero-width
/// artifacts, split the front matter (Yams), replace template tags and TeX math with markers,
/// parse with cmark-gfm (finding wikilinks where text nodes know their positions), then the
/// dialects' passes over the blocks — GitBook's pairs the tags, Obsidian's reads callouts,
/// embeds, block ids, comments, highlights and tags — and last every heading gets its anchor.
public enum MarkdownParser {
    /// The most of a note that is parsed: 4 MiB, far beyond any note written by hand. Past it
    /// a note is cut at a line end and opens with a warning saying so, which keeps time and
    /// memory bounded for the 50 MB logs and dumps that end up in notes folders.
    public static let sizeLimit = 4 << 20

    /// Marks of Markdown a note may hold (a line end counts two): 131,072. Memory grows with
    /// the nodes a note makes, not with its bytes: a 1 MB note of `a` lines or `[[a]]` costs
    /// over 250 MB where 1 MB of prose costs 25, so a note dense with markup is cut sooner, at
    /// the same kind of line end and with its own warning. Hand-written notes stay far below
    /// (the densest in the corpora has 20,000); the 1 MB benchmark note has 105,000.
    public static let markupLimit = 1 << 17

    /// - Parameter lap: called after each step with its name (for `SCRIBBLES_TIMING`).
    public static func parse(_ bytes: [UInt8], lap: (String) -> Void = { _ in }) -> Document {
        let dense = markupEnd(bytes)
        guard bytes.count > sizeLimit || dense != nil else { return parse(String(decoding: bytes, as: UTF8.self), lap: lap) }
        let end = min(dense ?? sizeLimit, sizeLimit)
        let cut = cutPoint(bytes, before: end)
        var document = parse(String(decoding: bytes[..<cut], as: UTF8.self), lap: lap)
        let notice = end < sizeLimit
            ? "This note holds more Markdown than Scribbles reads in one note: only its first \(megabytes(cut)) are shown."
            : "This note is larger than \(megabytes(sizeLimit)): only its first \(megabytes(cut)) are shown."
        document.blocks.insert(.hint(Hint(kind: .warning, blocks: [.paragraph([.text(notice)])])), at: 0)
        return document
    }

    /// What a note costs to hold, in bytes of plain text: its size, or, when it is dense with
    /// markup, its marks counted as `sizeLimit / markupLimit` (32) bytes each, so that both
    /// limits are reached at the same cost. Embeds are charged this.
    public static func cost(_ bytes: [UInt8]) -> Int {
        max(bytes.count, markup(bytes, upTo: bytes.count).units * (sizeLimit / markupLimit))
    }

    /// Where a note's markup passes `markupLimit`, or nil when it never does.
    static func markupEnd(_ bytes: [UInt8]) -> Int? {
        // Every mark counts at most two: a note this short cannot pass the limit.
        guard bytes.count * 2 > markupLimit else { return nil }
        return markup(bytes, upTo: min(bytes.count, sizeLimit)).end
    }

    /// Marks in `bytes[..<limit]`, and the index at which they pass `markupLimit` if they do.
    private static func markup(_ bytes: [UInt8], upTo limit: Int) -> (units: Int, end: Int?) {
        bytes.withUnsafeBufferPointer { buffer in
            markWeights.withUnsafeBufferPointer { weights in
                var units = 0
                var index = 0
                while index < limit {
                    // Bytes that weigh nothing (most) go by as a run.
                    while index < limit, weights[Int(buffer[index])] == 0 { index += 1 }
                    guard index < limit else { break }
                    defer { index += 1 }
                    var weight = Int(weights[Int(buffer[index])])
                    if weight == lookAhead {
                        // `.` before a letter or digit, `:` before `/`: a URL or an address; a
                        // CR not before LF ends a line on its own.
                        let next = index + 1 < buffer.count ? buffer[index + 1] : 0
                        switch buffer[index] {
                        case 0x2E: weight = isAlphanumeric(next) ? 1 : 0
                        case 0x3A: weight = next == 0x2F ? 1 : 0
                        default: weight = next == 0x0A ? 0 : 2
                        }
                    }
                    units &+= weight
                    if units > markupLimit { return (units, index) }
                }
                return (units, nil)
            }
        }
    }

    private static let lookAhead = 3

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A || byte >= 0x30 && byte <= 0x39
    }

    /// The bytes that open or close a node (delimiters, brackets, tags, pipes, markers, the
    /// `@` of addresses, and the `.` and `:` of autolinks, seen by the byte after them) weigh
    /// one, and so does `w`, where cmark-gfm's autolinks cut a text node (`w ` × 2 million held
    /// 400 MB); a line end (LF, or a CR alone), which makes a soft break or a block, two.
    private static let markWeights: [UInt8] = {
        var weights = [UInt8](repeating: 0, count: 256)
        for byte in Array("*_~[]<>!|#=$%{}`-+^&\\@w".utf8) { weights[Int(byte)] = 1 }
        weights[0x0A] = 2
        weights[0x2E] = UInt8(lookAhead)
        weights[0x3A] = UInt8(lookAhead)
        weights[0x0D] = UInt8(lookAhead)
        return weights
    }()

    /// Where to cut an oversized note whose reading must end by `end`: after the last line end
    /// in the final 64 KiB before it, else at `end` moved back to a character boundary.
    private static func cutPoint(_ bytes: [UInt8], before end: Int) -> Int {
        let floor = max(0, end - (64 << 10))
        if let newline = bytes[floor..<end].lastIndex(of: 0x0A) { return newline + 1 }
        var cut = end
        while cut > floor, bytes[cut] & 0xC0 == 0x80 { cut -= 1 }
        return cut
    }

    private static func megabytes(_ count: Int) -> String {
        let tenths = (count * 10 + (1 << 19)) >> 20
        return "\(tenths / 10).\(tenths % 10) MB"
    }

    public static func parse(_ text: String, lap: (String) -> Void = { _ in }) -> Document {
        parse(text, inPieces: true, lap: lap)
    }

    /// - Parameter inPieces: whether a long note may be parsed in pieces (`ParseChunks`), on all
    ///   cores; off only in the tests that check pieces give what one whole, sequential parse
    ///   gives.
    static func parse(_ text: String, inPieces: Bool, lap: (String) -> Void = { _ in }) -> Document {
        var cleanupShifts = ColumnShifts()
        let clean = Cleanup.removingArtifacts(text, shifts: &cleanupShifts)
        let (yaml, body, bodyLine) = FrontMatter.split(Substring(clean))
        var document = Document()
        // A long note's scans run two at a time: the front matter (Yams) beside the body's.
        let long = inPieces && body.utf8.count >= ParseChunks.threshold
        func frontMatter() -> FrontMatter? { yaml.map { FrontMatter.parse($0, firstLine: 2) } }

        // Before cmark: GitBook's tags and TeX math become markers cmark leaves alone.
        var scanner = TagScanner()
        scanner.lineOffset = bodyLine
        scanner.cleanupShifts = cleanupShifts
        // Copied in one go: `Array(body.utf8)` of a substring goes byte by byte.
        func scan() -> [UInt8] { scanner.substitute(ByteSearch.withBytes(body) { Array($0) }) }
        let (parsedFrontMatter, substituted) = long ? Parallel.both(frontMatter, scan) : (frontMatter(), scan())
        if let parsedFrontMatter { document.frontMatter = parsedFrontMatter }
        // Then the budget and where the pieces are cut, beside the look for Obsidian's syntax
        // (looked for again in the rare note the budget changed).
        func budgetAndCut() -> (source: [UInt8], pieces: [(range: Range<Int>, linesBefore: Int)]) {
            let source = InlineBudget.apply(substituted)
            return (source, inPieces ? ParseChunks.cut(source) : [(0..<source.count, 0)])
        }
        let (budgeted, scanned) = long ? Parallel.both(budgetAndCut, { ObsidianFeatures.scan(substituted) })
            : (budgetAndCut(), ObsidianFeatures.scan(substituted))
        let (source, pieces) = budgeted
        // The budget only ever adds bytes.
        let features = source.count == substituted.count ? scanned : ObsidianFeatures.scan(source)
        lap("scan")
        var converter = CmarkConverter(tokens: scanner.tokens)
        converter.lineOffset = bodyLine
        converter.tagShifts = scanner.shifts
        converter.cleanupShifts = cleanupShifts
        var blocks = converter.convert(source, pieces: pieces, lap: lap)
        var footnotes = converter.footnotes

        // GitBook's dialect: markers paired into blocks. Without any marker there is nothing to do.
        if !converter.tokens.isEmpty {
            let builder = TagTreeBuilder(tokens: converter.tokens)
            if let marks = converter.marks { blocks = builder.build(blocks, marks: marks) } else { blocks = builder.build(blocks) }
            footnotes = footnotes.map { Footnote(label: $0.label, blocks: builder.build($0.blocks)) }
        }
        lap("tags")
        // Obsidian's dialect: callouts, embeds, block ids, comments, highlights, tags.
        var obsidian = ObsidianPass(footnotes: footnotes, features: features)
        blocks = obsidian.apply(blocks)
        document.footnotes = obsidian.footnotes
        lap("obsidian")
        var anchors = AnchorAssigner()
        document.blocks = anchors.assign(blocks)
        return document
    }
}
