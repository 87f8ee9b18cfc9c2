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
        var notes = 0, links = 0
        for folder in ["content", "Tests/Fixtures/constructs", "Tests/Fixtures/obsidian-vault"] {
            let walker = FileManager.default.enumerator(at: root.appendingPathComponent(folder), includingPropertiesForKeys: nil)
            while let url = walker?.nextObject() as? URL {
                guard url.pathExtension == "md" else { continue }
                let document = MarkdownParser.parse(try [UInt8](Data(contentsOf: url)))
                let whole = NoteLinks.extract(document, run: .max)
                #expect(NoteLinks.extract(document, run: 1) == whole, "\(url.lastPathComponent)")
                #expect(NoteLinks.extract(document, run: 3) == whole, "\(url.lastPathComponent)")
                notes += 1
                links += whole.count
            }
        }
        #expect(notes > 20)
        #expect(links > 100)
    }
}
