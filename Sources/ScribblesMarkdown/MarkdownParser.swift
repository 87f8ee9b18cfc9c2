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

    /// - Parameter lap: called after each step with its name (for `SCRIBBLES_TIMING`).
    public static func parse(_ bytes: [UInt8], lap: (String) -> Void = { _ in }) -> Document {
        guard bytes.count > sizeLimit else { return parse(String(decoding: bytes, as: UTF8.self), lap: lap) }
        let cut = cutPoint(bytes)
        var document = parse(String(decoding: bytes[..<cut], as: UTF8.self), lap: lap)
        let notice = "This note is larger than \(megabytes(sizeLimit)): only its first \(megabytes(cut)) are shown."
        document.blocks.insert(.hint(Hint(kind: .warning, blocks: [.paragraph([.text(notice)])])), at: 0)
        return document
    }

    /// Where to cut an oversized note: after the last line end in the final 64 KiB before the
    /// limit, else at the limit moved back to a character boundary.
    private static func cutPoint(_ bytes: [UInt8]) -> Int {
        let floor = sizeLimit - (64 << 10)
        if let newline = bytes[floor..<sizeLimit].lastIndex(of: 0x0A) { return newline + 1 }
        var cut = sizeLimit
        while cut > floor, bytes[cut] & 0xC0 == 0x80 { cut -= 1 }
        return cut
    }

    private static func megabytes(_ count: Int) -> String {
        let tenths = (count * 10 + (1 << 19)) >> 20
        return "\(tenths / 10).\(tenths % 10) MB"
    }

    public static func parse(_ text: String, lap: (String) -> Void = { _ in }) -> Document {
        var cleanupShifts = ColumnShifts()
        let clean = Cleanup.removingArtifacts(text, shifts: &cleanupShifts)
        let (yaml, body, bodyLine) = FrontMatter.split(Substring(clean))
        var document = Document()
        if let yaml { document.frontMatter = FrontMatter.parse(yaml, firstLine: 2) }

        // Before cmark: GitBook's tags and TeX math become markers cmark leaves alone.
        var scanner = TagScanner()
        scanner.lineOffset = bodyLine
        scanner.cleanupShifts = cleanupShifts
        let source = InlineBudget.apply(scanner.substitute(Array(body.utf8)))
        lap("scan")
        var converter = CmarkConverter(tokens: scanner.tokens)
        converter.lineOffset = bodyLine
        converter.tagShifts = scanner.shifts
        converter.cleanupShifts = cleanupShifts
        var blocks = converter.convert(source, lap: lap)
        var footnotes = converter.footnotes

        // GitBook's dialect: markers paired into blocks. Without any marker there is nothing to do.
        if !converter.tokens.isEmpty {
            let builder = TagTreeBuilder(tokens: converter.tokens)
            blocks = builder.build(blocks)
            footnotes = footnotes.map { Footnote(label: $0.label, blocks: builder.build($0.blocks)) }
        }
        lap("tags")
        // Obsidian's dialect: callouts, embeds, block ids, comments, highlights, tags.
        var obsidian = ObsidianPass(footnotes: footnotes, features: ObsidianFeatures.scan(source))
        blocks = obsidian.apply(blocks)
        document.footnotes = obsidian.footnotes
        lap("obsidian")
        var anchors = AnchorAssigner()
        document.blocks = anchors.assign(blocks)
        return document
    }
}
