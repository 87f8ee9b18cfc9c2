import Foundation
import Testing
import ScribblesMarkdown
@testable import ScribblesVault

/// A long note's links are gathered on several cores, a run of top-level blocks each: the
/// links, in order, are those of one walk (issue 16). Runs of one block are forced here.
@Suite("Links gathered in runs")
struct NoteLinksRunsTests {
    @Test func runsGiveWhatOneWalkGives() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var notes = 0, links = 0, showing = 0
        for folder in ["content", "Tests/Fixtures/constructs", "Tests/Fixtures/obsidian-vault"] {
            let walker = FileManager.default.enumerator(at: root.appendingPathComponent(folder), includingPropertiesForKeys: nil)
            while let url = walker?.nextObject() as? URL {
                guard url.pathExtension == "md" else { continue }
                let document = MarkdownParser.parse(try [UInt8](Data(contentsOf: url)))
                let whole = NoteLinks.extract(document, run: .max)
                #expect(NoteLinks.extract(document, run: 1) == whole, "\(url.lastPathComponent)")
                #expect(NoteLinks.extract(document, run: 3) == whole, "\(url.lastPathComponent)")
                // Testing links without making them finds what the made links hold.
                for kind in [OutgoingLink.Kind.link, .wiki, .wikiEmbed, .image, .pageRef, .include, .mention, .embed] {
                    for run in [1, 3, Int.max] {
                        #expect(NoteLinks.containsLink(document, run: run) { found, _ in found == kind } == whole.contains { $0.kind == kind },
                                "\(url.lastPathComponent) \(kind) \(run)")
                    }
                }
                let shows = whole.contains { link in
                    [.pageRef, .contentRef, .include, .mention].contains(link.kind)
                        || (link.kind == .wikiEmbed && Transclusion.media(of: link.destination) == .note)
                }
                #expect(NoteLinks.showsFromCollection(document) == shows, "\(url.lastPathComponent)")
                showing += shows ? 1 : 0
                notes += 1
                links += whole.count
            }
        }
        #expect(notes > 20)
        #expect(links > 100)
        #expect(showing > 3, "some notes show page-ref cards, includes or embedded notes")
    }
}
