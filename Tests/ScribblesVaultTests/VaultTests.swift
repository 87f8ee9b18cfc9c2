import Foundation
import Testing
@testable import ScribblesVault

@Suite("Table of contents")
struct TOCTests {
    func describe(_ toc: TableOfContents) -> [String] {
        toc.entries.map { e in
            let pad = String(repeating: " ", count: e.depth * 2)
            switch e.kind {
            case .group: return "## \(e.title)"
            case .separator: return "---"
            case .page(let p): return pad + "\(e.title) -> \(p)" + (e.anchor.map { "#\($0)" } ?? "")
            case .external(let u): return pad + "\(e.title) => \(u)"
            case .unlinked: return pad + "\(e.title)"
            case .missing: return pad + "\(e.title) !missing"
            }
        }
    }

    @Test func everySummaryForm() throws {
        let vault = try TempVault([
            "SUMMARY.md": """
            \u{FEFF}# Table of contents

            * [Home](README.md)

            ## Getting started <a href="#start" id="start"></a>

            * [A11y pal\\(ly\\)](a.md)
              * [Child](sub/child.md "Nav label")
                * [Grandchild](sub/grand%20child.md)
            * Overview
                * [Four-space child](b.md)
            * [Dup](a.md)
            * [Anchored](a.md#part-two)
            * [External](https://example.com/docs)
            * [Gone](missing.md)
            * [Folder](sub/)

            ---

            ### Legacy part

            - [Dash bullet](c.md)
            """,
            "README.md": "# Home", "a.md": "# A\n\n## Part two", "b.md": "# B", "c.md": "# C",
            "sub/README.md": "# Sub", "sub/child.md": "# Child", "sub/grand child.md": "# G",
            "stray.md": "# Stray", "notes/other.md": "# Other",
        ])
        let toc = try vault.open().toc
        #expect(toc.isFromSummary)
        #expect(describe(toc) == [
            "Home -> README.md",
            "## Getting started",
            "A11y pal(ly) -> a.md",
            "  Nav label -> sub/child.md",
            "    Grandchild -> sub/grand child.md",
            "Overview",
            "  Four-space child -> b.md",
            "Dup -> a.md",
            "Anchored -> a.md#part-two",
            "External => https://example.com/docs",
            "Gone !missing",
            "Folder -> sub/README.md",
            "---",
            "## Legacy part",
            "Dash bullet -> c.md",
            "## Unlisted",
            "notes/other.md -> notes/other.md",
            "stray.md -> stray.md",
        ])
    }

    @Test func folderTreeWithoutSummary() throws {
        let vault = try TempVault([
            "README.md": "# Start here", "note10.md": "# Ten", "note2.md": "# Two", "zeta.md": "no title",
            "b/README.md": "# Folder B", "b/x.md": "# X", "a/y.md": "# Y",
            ".obsidian/cache.md": "# hidden", "node_modules/pkg/README.md": "# dep", ".hidden/z.md": "# z",
        ])
        let toc = try vault.open().tableOfContents()
        #expect(!toc.isFromSummary)
        #expect(describe(toc) == [
            "Start here -> README.md", "Two -> note2.md", "Ten -> note10.md", "zeta -> zeta.md",
            "a", "  Y -> a/y.md", "Folder B -> b/README.md", "  X -> b/x.md",
        ])
    }

    @Test func malformedAndRepetitiveSummariesStillLoad() throws {
        var summary = "* [Home](README.md)\n* [\n  ](\n## \n---\n* [x](<unclosed\n"
        for _ in 0..<2000 { summary += "* [Home again](README.md)\n" }
        let vault = try TempVault(["SUMMARY.md": summary, "README.md": "# Home"])
        let toc = try vault.open().toc
        #expect(toc.entries.filter { $0.note == "README.md" }.count == 2001)
        #expect(toc.listedNotes == ["README.md"])
    }
}

@Suite("Opening a collection")
struct OpeningTests {
    @Test func gitbookYamlRootAndStructureWithZeroWidthCharacters() throws {
        let vault = try TempVault([
            ".gitbook.yaml": "root: ./docs/\n\u{200B}structure:\n  readme: INTRODUCTION.md\u{200B}\n  summary: TOC.md\n",
            "docs/INTRODUCTION.md": "# Intro", "docs/TOC.md": "* [Intro](INTRODUCTION.md)\n* [Page](page.md)",
            "docs/page.md": "# Page", "outside.md": "# Not in the docs root",
        ])
        try FileManager.default.createDirectory(atPath: vault.path + "/.git", withIntermediateDirectories: true)
        let opened = try vault.open()
        #expect(opened.location.rootDisplay.hasSuffix("/docs"))
        #expect(opened.location.readme == "INTRODUCTION.md")
        #expect(opened.toc.listedNotes == ["INTRODUCTION.md", "page.md"])
        let fromNote = try Vault(opening: vault.path + "/docs/page.md")
        #expect(fromNote.location.openedNote == "page.md")
        #expect(fromNote.location.root == opened.location.root)
    }

    @Test func aPlainFolderOfMarkdownWorksTheSame() throws {
        let vault = try TempVault(["one.md": "# One\n\n[two](two.md) and [[two]]", "two.md": "# Two"])
        let opened = try vault.open()
        #expect(opened.index.notes == ["one.md", "two.md"])
        let report = LinkChecker.check(opened)
        #expect(report.problems.isEmpty)
        #expect(report.backlinks["two.md"]?.map(\.line) == [3, 3])
    }

    @Test func hostileTreesLoadAndReportOnce() throws {
        let vault = try TempVault(["ok.md": "# Ok\n\n[loop](loop/ok.md)", "x.md/inner.md": "# Inside a folder named x.md"])
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: vault.path + "/loop", withDestinationPath: vault.path)
        try fm.createSymbolicLink(atPath: vault.path + "/escape", withDestinationPath: "/etc")
        try fm.createSymbolicLink(atPath: vault.path + "/secret.md", withDestinationPath: "/etc/hostname")
        let badName = vault.path + "/bad-\u{FFFD}.md"
        _ = badName
        let raw = Array((vault.path + "/bad-").utf8) + [0xFF, 0xFE] + Array(".md".utf8) + [0]
        raw.withUnsafeBufferPointer { buffer in
            let fd = open(UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self), O_CREAT | O_WRONLY, 0o644)
            _ = write(fd, "# Bad name", 10)
            close(fd)
        }
        let opened = try vault.open()
        #expect(opened.index.notes.contains("ok.md"))
        #expect(opened.index.notes.contains("x.md/inner.md"))
        #expect(opened.index.folders.contains("x.md"))
        #expect(opened.index.notes.contains("bad-\u{FFFD}\u{FFFD}.md"))
        #expect(!opened.index.notes.contains { $0.hasPrefix("escape/") || $0 == "secret.md" })
        #expect(opened.warnings.filter { $0.contains("outside") }.count == 2)
        #expect(opened.head(of: "bad-\u{FFFD}\u{FFFD}.md")?.title == "Bad name")
    }

    @Test func aMissingPathIsOneClearError() {
        #expect(throws: VaultLocator.Failure.self) { try Vault(opening: "/nonexistent/scribbles/path") }
    }
}

@Suite("Checking, backlinks and includes")
struct CheckTests {
    @Test func problemsAreReportedWithLinesAndSeverities() throws {
        let vault = try TempVault([
            "README.md": "# Home\n\nSee [guide](guide.md#nope) and ![pic](img.png).\n\n{% page-ref page=\"gone.md\" %}\n\n{% include \"missing.md\" %}",
            "guide.md": "# Guide\n\n## Real\n\n[home](README.md) [top](#real) [[README]]",
        ])
        let before = vault.fingerprint()
        let report = LinkChecker.check(try vault.open())
        let rows = report.problems.map { "\($0.file):\($0.line):\($0.column) \($0.severity.rawValue) \($0.kind)" }.sorted()
        #expect(rows == [
            // Columns point at each link's first character: `[`, `!`, `{`.
            "README.md:3:5 error missingAnchor",
            "README.md:3:32 warning missing-asset",
            "README.md:5:1 error missingFile",
            "README.md:7:1 error missingFile",
        ].sorted())
        #expect(report.backlinks["README.md"]?.count == 2)
        #expect(vault.fingerprint() == before)
    }

    @Test func includesAreInlinedWithACycleGuard() throws {
        let vault = try TempVault([
            "page.md": "# Page\n\n{% include \".gitbook/includes/a.md\" %}",
            ".gitbook/includes/a.md": "---\ntitle: A\n---\nFrom A.\n\n{% include \"b.md\" %}",
            ".gitbook/includes/b.md": "From B.\n\n{% include \"a.md\" %}",
        ])
        let document = try vault.open().document("page.md")
        let text = "\(document.blocks)"
        #expect(text.contains("From A."))
        #expect(text.contains("From B."))
        #expect(!text.contains("title: A"))
    }

    @Test func theSampleNotesCheckClean() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("content")
        let vault = try Vault(opening: root.path)
        let report = LinkChecker.check(vault)
        #expect(report.problems.filter { $0.severity == .error }.isEmpty, "\(report.problems)")
        #expect(vault.toc.isFromSummary)
        #expect(vault.toc.entries.filter { $0.title == "Unlisted" }.isEmpty)
        #expect(vault.title(of: "community/flywheels.md") == "Community flywheels")
        #expect(vault.head(of: "community/flywheels.md")?.description?.isEmpty == false)
    }
}

@Suite("One note cannot stall the collection")
struct IsolationTests {
    @Test func aSlowItemIsGivenUpOnAndTheRestAreDone() {
        let start = ContinuousClock.now
        let results = ParallelWork.map(40, workers: 2, patience: 0.3) { i -> Int in
            if i == 7 { Thread.sleep(forTimeInterval: 3) }
            return i * 2
        }
        #expect(ContinuousClock.now - start < .seconds(2.5), "the slow item was not waited for")
        #expect(results[7] == nil)
        #expect(results.enumerated().allSatisfy { $0.offset == 7 || $0.element == $0.offset * 2 })
    }

    @Test func twoSlowItemsDoNotHoldUpTheOthers() {
        let results = ParallelWork.map(30, workers: 2, patience: 0.3) { i -> Int in
            if i == 0 || i == 1 { Thread.sleep(forTimeInterval: 3) }
            return i
        }
        #expect(results[0] == nil && results[1] == nil)
        #expect(results[2...].allSatisfy { $0 != nil }, "a fresh worker took the notes nobody had taken")
    }
}

@Suite struct NaturalOrderTests {
    @Test func numbersAsNumbersCaseIgnoredSharedPrefixesSkipped() {
        let sorted = ["note-10.md", "note-9.md", "Note-2.md", "note-009b.md", "a/b12c3.md", "a/b12c20.md", "a/b2.md",
                      "section-012/note-0100.md", "section-012/note-099.md", "section-12/x.md", "x"]
        #expect(NaturalOrder.sorted(sorted) == ["a/b2.md", "a/b12c3.md", "a/b12c20.md", "Note-2.md", "note-9.md", "note-009b.md",
                                               "note-10.md", "section-012/note-099.md", "section-012/note-0100.md", "section-12/x.md", "x"])
        // The same as comparing pair by pair, on random paths with shared prefixes and digits.
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", "B", "0", "1", "9", "10", "-", "/", "007", "x2"]
        let paths = (0..<300).map { _ in (0..<Int.random(in: 1...6, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined() }
        let byPairs = paths.sorted(by: NaturalOrder.less)
        #expect(NaturalOrder.sorted(paths) == byPairs)
        for (a, b) in zip(byPairs, byPairs.dropFirst()) { #expect(!NaturalOrder.less(b, a), "\(a) before \(b)") }
    }
}
