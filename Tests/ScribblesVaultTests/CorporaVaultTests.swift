import Foundation
import Testing
import ScribblesMarkdown
@testable import ScribblesVault

/// The real GitBook doc sets in ../shared/corpora (skipped, with a message, when absent).
@Suite("Real corpora as collections")
struct CorporaVaultTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/corpora")

    static func available() -> Bool {
        if FileManager.default.fileExists(atPath: root.path) { return true }
        print("SKIPPED: real corpora not found at \(root.path); these tests need ../shared beside the clone")
        return false
    }

    /// List items in a SUMMARY.md, counted from its lines: the oracle for "one entry per entry".
    static func summaryItems(_ url: URL) throws -> Int {
        let text = try String(contentsOf: url, encoding: .utf8)
        var inFence = false
        return text.split(separator: "\n").filter { line in
            if line.hasPrefix("```") { inFence.toggle() }
            let trimmed = line.drop { $0 == " " }
            return !inFence && (trimmed.hasPrefix("* ") || trimmed.hasPrefix("- ") || trimmed.hasPrefix("+ "))
        }.count
    }

    @Test(arguments: ["rudderstack-docs-2021", "oceanprotocol-docs", "audacity-support"])
    func tableOfContentsHasOneEntryPerSummaryEntry(_ name: String) throws {
        guard Self.available() else { return }
        let folder = Self.root.appendingPathComponent(name)
        let vault = try Vault(opening: folder.path)
        #expect(vault.toc.isFromSummary)
        let unlisted = vault.toc.entries.firstIndex { $0.kind == .group && $0.title == "Unlisted" } ?? vault.toc.entries.count
        let entries = vault.toc.entries[..<unlisted].filter {
            switch $0.kind {
            case .group, .separator: return false
            default: return true
            }
        }
        let summary = vault.location.summary
        #expect(entries.count == (try Self.summaryItems(folder.appendingPathComponent(summary))))
        #expect(entries.allSatisfy { if case .missing = $0.kind { false } else { true } } || name == "rudderstack-docs-2021",
                "\(entries.filter { if case .missing = $0.kind { true } else { false } })")
    }

    /// The plain-path shortcut gives what GitBook's general steps give, for every link of
    /// every corpus (and the SUMMARY.md entries), and it takes most of them.
    @Test(arguments: ["rudderstack-docs-2021", "oceanprotocol-docs", "audacity-support", "data-engineering-wiki"])
    func thePlainPathShortcutAgreesWithTheGeneralSteps(_ name: String) throws {
        guard Self.available() else { return }
        let vault = try Vault(opening: Self.root.appendingPathComponent(name).path)
        var taken = 0, links = 0
        for note in vault.index.notes {
            guard let bytes = try? vault.read(note) else { continue }
            for link in NoteLinks.extract(MarkdownParser.parse(bytes)) where !link.isWiki {
                links += 1
                guard let shortcut = vault.resolver.plainNote(link.destination, from: note) else { continue }
                taken += 1
                #expect(vault.resolver.resolveGitBookSteps(link.destination, from: note) == .note(shortcut, anchor: nil),
                        "\(note): \(link.destination)")
            }
        }
        #expect(taken > 0 || name == "data-engineering-wiki", "its Markdown links are percent-encoded or spaced: none is plain")
        for odd in ["./a.md", "a/../b.md", "a//b.md", " a.md", "a.md ", "%41.md", "a.md#x", "a.md?y", "broken-reference", "/a.md", "a/", "..",
                    "é.md", "../", "../../../a.md", ".././a.md", "../ a.md"] {
            #expect(vault.resolver.plainNote(odd, from: "x/y.md") == nil, "\(odd)")
        }
    }

    @Test func everyRudderstackRefResolvesButItsOneBrokenReference() throws {
        guard Self.available() else { return }
        let vault = try Vault(opening: Self.root.appendingPathComponent("rudderstack-docs-2021").path)
        var refs = 0
        var broken: [String] = []
        for note in vault.index.notes {
            let document = MarkdownParser.parse(try vault.read(note))
            for link in NoteLinks.extract(document) where link.kind == .pageRef || link.kind == .contentRef {
                refs += 1
                if case .broken(let reason) = vault.resolve(link, from: note) {
                    broken.append("\(note):\(link.line) \(link.destination) \(reason.kind)")
                }
            }
        }
        #expect(refs == 98 + 23)
        #expect(broken == ["user-guides/administrators-guide/README.md:11 broken-reference deletedInGitBook"])
    }

    @Test func checkReportsOnlyGenuinelyBrokenLinks() throws {
        guard Self.available() else { return }
        let vault = try Vault(opening: Self.root.appendingPathComponent("rudderstack-docs-2021").path)
        let errors = LinkChecker.check(vault).problems.filter { $0.severity == .error }
            .map { "\($0.file):\($0.line) \($0.kind)" }.sorted()
        // Each one checked by hand against the files: see the issue note.
        #expect(errors == [
            "README.md:36 missingFile",
            "destinations/analytics/google-analytics-360.md:54 deletedInGitBook",
            "destinations/marketing/clevertap.md:275 missingAnchor",
            "destinations/marketing/clevertap.md:276 missingAnchor",
            "doc_template.md:47 outsideRoot",
            "doc_template.md:7 empty",
            "user-guides/administrators-guide/README.md:11 deletedInGitBook",
        ])
    }
}
