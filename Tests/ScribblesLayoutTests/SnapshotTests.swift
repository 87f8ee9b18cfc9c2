import Foundation
import Testing
import ScribblesLayout
import ScribblesMarkdown
import ScribblesVault

/// Golden snapshots of every `content/` note and construct fixture at widths 40, 80 and 120.
/// A missing or different snapshot fails; `RECORD_SNAPSHOTS=1 swift test` writes them.
@Suite("Layout snapshots")
struct SnapshotTests {
    static let sources: [String] =
        markdownFiles(under: packageRoot.appendingPathComponent("content")).map { "content/" + $0 }
        + markdownFiles(under: packageRoot.appendingPathComponent("Tests/Fixtures/constructs")).map { "Tests/Fixtures/constructs/" + $0 }

    @Test func thereAreNotesToSnapshot() {
        #expect(Self.sources.filter { $0.hasPrefix("content/") }.count >= 14)
        #expect(Self.sources.count >= 25)
    }

    @Test(arguments: sources)
    func note(_ path: String) throws {
        let bytes = try [UInt8](Data(contentsOf: packageRoot.appendingPathComponent(path)))
        let document = MarkdownParser.parse(bytes)
        for width in [40, 80, 120] {
            try compare(snapshot(layout(document, width: width)), named: path.replacingOccurrences(of: "/", with: "__") + ".w\(width).txt")
        }
    }

    static let vaultRoot = packageRoot.appendingPathComponent("Tests/Fixtures/obsidian-vault")
    static let vaultNotes = markdownFiles(under: vaultRoot)

    @Test func theVaultHasNotesToSnapshot() {
        #expect(Self.vaultNotes.count >= 12)
    }

    /// Every note of the Obsidian fixture vault as `render` shows it: embeds filled in from the
    /// vault, titled by its file name when it has no H1, callouts open.
    @Test(arguments: vaultNotes)
    func vaultNote(_ path: String) throws {
        let vault = try Vault(opening: Self.vaultRoot.path)
        let document = try vault.document(path)
        let options = LayoutOptions(title: vault.title(of: path))
        for width in [40, 80, 120] {
            try compare(snapshot(layout(document, width: width, options: options)),
                        named: "obsidian-vault__" + path.replacingOccurrences(of: "/", with: "__") + ".w\(width).txt")
        }
    }

    /// The reader's form: foldable callouts marked, the folded ones closed, one opened.
    @Test func vaultNoteWithFoldedCallouts() throws {
        let vault = try Vault(opening: Self.vaultRoot.path)
        let document = try vault.document("Herb Spiral.md")
        let options = LayoutOptions(title: "Herb Spiral", foldsCallouts: true)
        try compare(snapshot(layout(document, width: 80, options: options)), named: "obsidian-vault__Herb Spiral.md.reader.w80.txt")
        var opened = options
        opened.toggledCallouts = [6]
        let open = layout(document, width: 80, options: opened)
        #expect(open.plainText.contains("It packs four small climates"))
        #expect(!layout(document, width: 80, options: options).plainText.contains("It packs four small climates"))
    }

    private func compare(_ actual: String, named name: String) throws {
        let folder = packageRoot.appendingPathComponent("Tests/ScribblesLayoutTests/__Snapshots__")
        do {
            let file = folder.appendingPathComponent(name)
            if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                try actual.write(to: file, atomically: true, encoding: .utf8)
                return
            }
            guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
                Issue.record("Missing snapshot \(name); record it with RECORD_SNAPSHOTS=1 swift test")
                return
            }
            if actual != expected {
                let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
                let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
                let first = Array(zip(a, e)).firstIndex { $0.0 != $0.1 } ?? min(a.count, e.count)
                Issue.record("Snapshot \(name) differs at line \(first + 1):\n  expected: \(first < e.count ? e[first] : "<end>")\n  actual:   \(first < a.count ? a[first] : "<end>")")
            }
        }
    }
}
