import Foundation
import Testing
@testable import ScribblesMarkdown

/// A long note parsed in pieces gives exactly the blocks of one whole parse.
@Suite("Parsing in pieces")
struct ParseChunksTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Every Markdown file under `folder`, lines of `[…]:` definitions left out (a note with
    /// them is parsed whole), joined and repeated past `size`.
    static func source(_ folders: [URL], size: Int) -> [UInt8] {
        var text = ""
        for folder in folders {
            let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
            while let url = walker?.nextObject() as? URL {
                guard url.pathExtension == "md", let note = try? String(contentsOf: url, encoding: .utf8) else { continue }
                let kept = note.split(separator: "\n", omittingEmptySubsequences: false).filter { line in
                    let content = line.drop { $0 == " " || $0 == ">" || $0 == "\t" }
                    return !(content.hasPrefix("[") && content.contains("]:"))
                }
                text += kept.joined(separator: "\n") + "\n\n"
            }
        }
        guard !text.isEmpty else { return [] }
        var out = text
        while out.utf8.count < size { out += text }
        return Array(out.utf8)
    }

    func compare(_ bytes: [UInt8]) {
        let pieces = ParseChunks.cut(bytes)
        #expect(pieces.count > 3, "the input is cut")
        #expect(pieces.map(\.range.count).reduce(0, +) == bytes.count)
        var chunked = CmarkConverter(tokens: [])
        var whole = CmarkConverter(tokens: [])
        let a = chunked.convert(bytes)
        let b = whole.convertPiece(bytes[...])
        #expect(a.count == b.count)
        if let first = a.indices.first(where: { $0 < b.count && a[$0] != b[$0] }) {
            Issue.record("block \(first) differs:\n  pieces: \(a[first])\n  whole:  \(b[first])")
        }
    }

    @Test func ourNotesAndFixtures() {
        compare(Self.source([Self.root.appendingPathComponent("content"), Self.root.appendingPathComponent("Tests/Fixtures/constructs"),
                             Self.root.appendingPathComponent("Tests/Fixtures/obsidian-vault")], size: 1 << 20))
    }

    @Test func theCorpora() {
        let corpora = Self.root.deletingLastPathComponent().appendingPathComponent("shared/corpora")
        guard FileManager.default.fileExists(atPath: corpora.path) else {
            print("SKIPPED: corpora not found at \(corpora.path); this test needs ../shared beside the clone")
            return
        }
        compare(Self.source([corpora], size: 2 << 20))
    }

    @Test func notesWithDefinitionsAreParsedWhole() {
        let text = String(repeating: "Some text with a [ref].\n\n", count: 40_000) + "[ref]: https://example.org\n"
        #expect(ParseChunks.cut(Array(text.utf8)).count == 1)
    }
}

/// The whole parser, tags, math and both dialects' passes included, on long notes made of
/// constructs that span blank lines: pieces give the document a whole parse gives.
@Suite("Parsing in pieces, whole pipeline")
struct ParseChunksPipelineTests {
    static let unit = """
        # Heading {#custom}

        {% hint style="info" %}
        Hint text.

        More hint text with ~~strike~~ and www.example.org.
        {% endhint %}

        $$
        a + b

        c
        $$

        %% a comment

        across paragraphs %%

        > [!note] A callout
        > with text
        >
        > and more

        {% tabs %}
        {% tab title="One" %}
        First tab.

        Still first.
        {% endtab %}
        {% endtabs %}

        <details>
        <summary>More</summary>

        Inside details.

        </details>

        <!-- a comment

        in HTML -->

        ```swift
        let a = 1

        let b = 2
        ```

        - item

          continued

        Text with [[Wiki Link]] and ![[Embed]] and #tag ^block-id


        """

    @Test func constructsThatSpanBlankLines() {
        let text = String(repeating: Self.unit, count: 5_000)
        let pieces = ParseChunks.cut(Array(text.utf8))
        #expect(pieces.count > 3, "the input is cut")
        let chunked = MarkdownParser.parse(text, inPieces: true)
        let whole = MarkdownParser.parse(text, inPieces: false)
        #expect(chunked.blocks.count == whole.blocks.count)
        if let first = chunked.blocks.indices.first(where: { $0 < whole.blocks.count && chunked.blocks[$0] != whole.blocks[$0] }) {
            Issue.record("block \(first) differs:\n  pieces: \(chunked.blocks[first])\n  whole:  \(whole.blocks[first])")
        }
    }
}

/// A long note's headings get their anchors from needs found on all cores: the same anchors,
/// repeated slugs numbered in document order, as one pass gives.
@Suite("Anchors in runs")
struct AnchorRunsTests {
    @Test func runsGiveWhatOnePassGives() {
        let unit = """
            ## Intro

            Text.

            - item
              ## Intro

            > ## Intro
            >
            > quoted

            {% hint style="info" %}
            ## Intro
            {% endhint %}

            ## Other {#fixed}

            ## Intro


            """
        let document = MarkdownParser.parse(String(repeating: unit, count: 200), inPieces: false)
        #expect(document.blocks.count > 1000)
        var oneRun = AnchorAssigner(), runs = AnchorAssigner()
        let whole = oneRun.assign(document.blocks, run: .max)
        #expect(runs.assign(document.blocks, run: 7) == whole)
        // The slugs count on in order: the last `Intro` of all is numbered after every other.
        var anchors: [String] = []
        whole.forEachBlock { if case .heading(let h) = $0 { anchors.append(h.anchor) } }
        #expect(anchors.filter { $0.hasPrefix("intro") }.count == 1000)
        #expect(anchors.last == "intro-999")
    }
}
