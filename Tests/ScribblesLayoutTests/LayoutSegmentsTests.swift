import Foundation
import Testing
@testable import ScribblesLayout
import ScribblesMarkdown
import ScribblesText
import ScribblesVault

/// A long note's top-level blocks laid out in segments, on several cores, give exactly the
/// note one pass gives: lines, links and their ids, anchors, outline, wide regions (issue 16).
/// Segments of two blocks are forced on every note we have, so each way a segment can start
/// (after a list, a callout, a block id, the title) is met many times.
@Suite("Layout in segments")
struct LayoutSegmentsTests {
    static func cards(_ target: String) -> CardInfo? { CardInfo(title: "Card " + target, description: "About " + target) }
    static func mentions(_ target: String) -> String? { "Mention " + target }
    /// A stand-in highlighter: one keyword token on the first cell of every line.
    static func highlight(_ language: String, _ code: String) -> [[SyntaxToken]]? {
        code.split(separator: "\n", omittingEmptySubsequences: false).map { _ in [SyntaxToken(start: 0, length: 1, kind: .keyword)] }
    }

    /// Where the two layouts of `document` differ, recorded under `name`.
    func compare(_ document: Document, _ name: String, width: Int, options: LayoutOptions, every size: Int = 2) {
        let cuts = LayoutSegments.cuts(document.blocks, titleIndex: document.titleHeadingIndex, every: size)
        let whole = layout(document, width: width, cardInfo: Self.cards, mentionTitle: Self.mentions, highlight: Self.highlight,
                           options: options, segments: [])
        let parts = layout(document, width: width, cardInfo: Self.cards, mentionTitle: Self.mentions, highlight: Self.highlight,
                           options: options, segments: cuts)
        guard whole != parts else { return }
        if let line = whole.lines.indices.first(where: { $0 >= parts.lines.count || whole.lines[$0] != parts.lines[$0] }) {
            Issue.record("\(name): line \(line) differs:\n  one pass: \(whole.lines[line].plainText)\n  segments: \(line < parts.lines.count ? parts.lines[line].plainText : "(none)")")
        } else if whole.lines != parts.lines {
            Issue.record("\(name): segments make \(parts.lines.count) lines, one pass \(whole.lines.count)")
        } else {
            if let link = whole.links.indices.first(where: { $0 >= parts.links.count || whole.links[$0] != parts.links[$0] }) {
                Issue.record("\(name): link \(link) differs:\n  one pass: \(whole.links[link])\n  segments: \(link < parts.links.count ? "\(parts.links[link])" : "(none)")")
            }
            #expect(whole.links.count == parts.links.count, "\(name): links differ")
            #expect(whole.anchors == parts.anchors, "\(name): anchors differ")
            #expect(whole.outline == parts.outline, "\(name): outline differs")
            #expect(whole.wide == parts.wide, "\(name): wide regions differ")
        }
    }

    func compareAll(under folder: URL, vault: Vault? = nil) throws -> Int {
        var count = 0
        for file in markdownFiles(under: folder) {
            let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent(file)))
            let document = (try? vault?.document(file)) ?? MarkdownParser.parse(bytes)
            compare(document, file, width: 60, options: LayoutOptions(title: "Title"))
            compare(document, file, width: 24, options: LayoutOptions(foldsCallouts: true, toggledCallouts: [0, 2, 5], scrollsWide: true))
            count += 1
        }
        return count
    }

    @Test func ourNotesAndFixtures() throws {
        #expect(try compareAll(under: packageRoot.appendingPathComponent("content")) > 5)
        #expect(try compareAll(under: packageRoot.appendingPathComponent("Tests/Fixtures/constructs")) > 5)
        // The vault's notes with their embeds filled in: callouts inside embedded notes count.
        let vaultRoot = packageRoot.appendingPathComponent("Tests/Fixtures/obsidian-vault")
        #expect(try compareAll(under: vaultRoot, vault: try Vault(opening: vaultRoot.path)) > 5)
    }

    @Test func theCorpora() throws {
        let corpora = CorporaTests.root
        guard FileManager.default.fileExists(atPath: corpora.path) else {
            print("SKIPPED: corpora not found at \(corpora.path); this test needs ../shared beside the clone")
            return
        }
        #expect(try compareAll(under: corpora) > 500)
    }

    /// A long note is cut; one whose code may pass the colouring budget is not (the budget is
    /// spent in the note's order), nor a short one.
    @Test func whichNotesAreCut() {
        let paragraphs = Document(blocks: Array(repeating: .paragraph([.text("Some text.")]), count: 1000))
        #expect(LayoutSegments.cuts(paragraphs, highlights: true).count > 4)
        #expect(LayoutSegments.cuts(Document(blocks: Array(paragraphs.blocks.prefix(100))), highlights: false).isEmpty)
        // 300 blocks of 10 KB of code: 3 MB, past the 256 KB budget.
        let heavy = MarkdownParser.parse(String(repeating: "```swift\n" + String(repeating: "let a = 1\n", count: 1000) + "```\n\n", count: 300))
        #expect(heavy.blocks.count == 300)
        #expect(LayoutSegments.cuts(heavy, highlights: true).isEmpty)
        #expect(!LayoutSegments.cuts(heavy, highlights: false).isEmpty)
    }

    /// No cut falls after a block id (it waits for the next block) or after the title.
    @Test func cutsAvoidBlockIDsAndTheTitle() {
        let blocks: [Block] = [.heading(Heading(level: 1, content: [.text("T")], anchor: "t", hasExplicitAnchor: false)),
                               .paragraph([.text("a")]), .blockID("x"), .paragraph([.text("b")]), .blockID("y"), .blockID("z"),
                               .paragraph([.text("c")]), .paragraph([.text("d")])]
        let cuts = LayoutSegments.cuts(blocks, titleIndex: 0, every: 1)
        #expect(cuts == [2, 4, 7])
    }
}
