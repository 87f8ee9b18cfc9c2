/// Parses a note's bytes into a `Document`. Never fails: any bytes give a document.
///
/// The steps: decode UTF-8 (invalid bytes become U+FFFD), drop GitBook's zero-width
/// artifacts, split the front matter (Yams), replace template tags with markers, parse with
/// cmark-gfm, pair the tags into blocks, then give every heading its anchor.
public enum MarkdownParser {
    /// - Parameter lap: called after each step with its name (for `SCRIBBLES_TIMING`).
    public static func parse(_ bytes: [UInt8], lap: (String) -> Void = { _ in }) -> Document {
        parse(String(decoding: bytes, as: UTF8.self), lap: lap)
    }

    public static func parse(_ text: String, lap: (String) -> Void = { _ in }) -> Document {
        let clean = Cleanup.removingArtifacts(text)
        let (yaml, body, bodyLine) = FrontMatter.split(Substring(clean))
        var document = Document()
        if let yaml { document.frontMatter = FrontMatter.parse(yaml) }

        var scanner = TagScanner()
        scanner.lineOffset = bodyLine
        let source = scanner.substitute(Array(body.utf8))
        lap("scan")
        var converter = CmarkConverter(tokens: scanner.tokens)
        converter.lineOffset = bodyLine
        let blocks = converter.convert(source, lap: lap)
        let builder = TagTreeBuilder(tokens: converter.tokens)
        var anchors = AnchorAssigner()
        // Without any tag the pairing pass has nothing to do.
        let hasTags = !converter.tokens.isEmpty
        document.blocks = anchors.assign(hasTags ? builder.build(blocks) : blocks)
        lap("tags")
        document.footnotes = converter.footnotes.map { Footnote(label: $0.label, blocks: hasTags ? builder.build($0.blocks) : $0.blocks) }
        return document
    }
}
