import Foundation
import Testing
import ScribblesLayout
import ScribblesMarkdown
import ScribblesText
import ScribblesVault

/// Renders every note of the real GitBook corpora in ../shared/corpora (skipped, with a
/// message, when that folder is absent).
@Suite("Real corpora")
struct CorporaTests {
    static let root = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpora")
    static let rawMarkers = [
        "<figure", "<a id=", "&#x20;", "\u{200C}", "{% hint", "{% endhint", "{% tabs", "{% tab ", "{% endtab",
        "{% code", "{% endcode", "{% embed", "{% endembed", "{% page-ref", "{% content-ref", "{% endcontent-ref",
        "{% file", "{% include", "{% swagger", "{% endswagger", "{% api-method", "{% openapi", "{% raw",
        "{% stepper", "{% step", "{% columns", "{% updates", "{% prompt", "{% if ", "{% code-tabs",
    ]
    /// Scribbles' own markers for tags and math (noncharacters) must never show.
    static let markers = [0xFDD0, 0xFDD1].map { String(Character(Unicode.Scalar(UInt32($0))!)) }

    @Test func everyNoteRendersWithoutRawMarkupOutsideCode() throws {
        guard FileManager.default.fileExists(atPath: Self.root.path) else {
            print("SKIPPED: real corpora not found at \(Self.root.path); the corpus test needs ../shared beside the clone")
            return
        }
        let files = markdownFiles(under: Self.root)
        #expect(files.count > 500)
        for file in files {
            let bytes = try [UInt8](Data(contentsOf: Self.root.appendingPathComponent(file)))
            let note = layout(MarkdownParser.parse(bytes), width: 80)
            #expect(!note.lines.isEmpty || bytes.isEmpty, "\(file) rendered nothing")
            for (index, line) in note.lines.enumerated() {
                #expect(line.width <= 80, "\(file):\(index) is \(line.width) cells wide")
                let outsideCode = line.spans.filter { $0.style.role != .code && $0.style.role != .codeBlock }
                    .map(\.text).joined()
                let all = line.plainText
                #expect(!Self.markers.contains { all.contains($0) }, "\(file):\(index) shows a marker: \(all)")
                #expect(!outsideCode.contains("\u{1B}"), "\(file):\(index) holds ESC")
                for marker in Self.rawMarkers where outsideCode.contains(marker) {
                    Issue.record("\(file):\(index) shows raw \(marker): \(outsideCode)")
                }
            }
        }
    }
}

/// The Obsidian vault among the corpora, read as a collection: every note titled (by its file
/// name when it has no H1), with no Obsidian syntax left raw outside code.
@Suite("Real Obsidian vault")
struct ObsidianCorpusTests {
    static let root = CorporaTests.root.appendingPathComponent("data-engineering-wiki")

    @Test func everyNoteIsTitledAndShowsNoRawObsidianSyntax() throws {
        guard FileManager.default.fileExists(atPath: Self.root.path) else {
            print("SKIPPED: the Obsidian corpus was not found at \(Self.root.path); this test needs ../shared beside the clone")
            return
        }
        let vault = try Vault(opening: Self.root.path)
        #expect(vault.index.notes.count > 150)
        var untitled = 0, callouts = 0, embeds = 0
        for note in vault.index.notes {
            let document = try vault.document(note)
            let title = vault.title(of: note)
            let rendered = layout(document, width: 80, options: LayoutOptions(title: title))
            if document.firstHeadingTitle == nil, document.frontMatter.title == nil {
                untitled += 1
                #expect(title == VaultIndex.noteName(note))
            }
            #expect(rendered.lines.first?.plainText == title || document.frontMatter.isTitleVisible == false, "\(note) shows its title first")
            document.blocks.forEachBlock { block in
                if case .callout = block { callouts += 1 }
                if case .transclusion = block { embeds += 1 }
            }
            for (index, line) in rendered.lines.enumerated() {
                let text = line.spans.filter { ![.code, .codeBlock, .codeFrame].contains($0.style.role) }.map(\.text).joined()
                for raw in ["![[", "┃ [!", "[[", "]]"] where text.contains(raw) {
                    Issue.record("\(note):\(index) shows raw \(raw): \(text)")
                }
                if text.range(of: #"\^[A-Za-z0-9-]+\s*$"#, options: .regularExpression) != nil {
                    Issue.record("\(note):\(index) shows a block id: \(text)")
                }
            }
        }
        #expect(untitled > 100, "most notes of a vault have no H1")
        #expect(callouts >= 28)
        #expect(embeds >= 50)
    }

    @Test func checkFindsNoBrokenLinkOnlyMissingAttachmentsAndNotesNotWrittenYet() throws {
        guard FileManager.default.fileExists(atPath: Self.root.path) else { return }
        let report = LinkChecker.check(try Vault(opening: Self.root.path))
        // Checked against an independent model of Obsidian's rules (see the issue's note): the
        // only problems are images left out of the corpus, two empty `href=""`, and 16 links
        // to notes nobody wrote (Obsidian's own list has 3 more: links by alias, which
        // Scribbles resolves).
        #expect(report.problems.filter { $0.severity == .error }.map { "\($0.file):\($0.line)" } == [])
        #expect(report.problems.filter { $0.severity == .info }.count == 16)
        #expect(report.problems.filter { $0.severity == .warning && $0.kind == "missing-asset" }.count == 34)
    }
}
