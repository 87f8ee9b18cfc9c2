import Foundation
import Testing
import ScribblesMarkdown
@testable import ScribblesVault

/// The fixture vault (`Tests/Fixtures/obsidian-vault`) against its manifest
/// (`obsidian-vault-expected.md`, written by hand and checked by `Scripts/obsidian-vault-manifest.py`):
/// `check` lists exactly the planted problems at their line and column, every other link
/// resolves where the manifest says, and every note has the title it says.
@Suite("Obsidian fixture vault")
struct ObsidianVaultTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")
    static let root = fixtures.appendingPathComponent("obsidian-vault").path

    static func manifest() throws -> [Substring] {
        try String(contentsOf: fixtures.appendingPathComponent("obsidian-vault-expected.md"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// Table rows of the manifest section headed `heading`, split into trimmed cells without backticks.
    static func rows(after heading: String) throws -> [[String]] {
        let lines = try manifest()
        guard let start = lines.firstIndex(where: { $0.hasPrefix("## " + heading) }) else { return [] }
        return lines[(start + 1)...].prefix { !$0.hasPrefix("## ") }.filter { $0.hasPrefix("| ") && !$0.hasPrefix("| ---") }
            .dropFirst().map { row in
                // Cells split at `|`, but not at an escaped `\|`.
                var cells: [String] = [""]
                var escaped = false
                for character in row {
                    if character == "|" && !escaped { cells.append("") } else { cells[cells.count - 1].append(character) }
                    escaped = character == "\\"
                }
                return cells.dropFirst().dropLast().map { $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "`", with: "") }
            }
    }

    static let kinds: [String: String] = [
        "notCreated": "not-created", "missingHeading": "missing-heading", "missingBlock": "missing-block",
        "missingFile": "missing-file", "missing-asset": "missing-asset",
    ]

    @Test func checkListsExactlyThePlantedProblems() throws {
        let vault = try Vault(opening: Self.root)
        #expect(vault.location.dialect == .obsidian)
        let report = LinkChecker.check(vault)
        let found = Set(report.problems.map { "\($0.file):\($0.line):\($0.column) \(Self.kinds[$0.kind] ?? $0.kind)" })
        let planted = Set(try Self.rows(after: "Planted problems").map { "\($0[1]):\($0[2]):\($0[3]) \($0[6])" })
        #expect(planted.count == 14)
        #expect(found == planted, "only found: \(found.subtracting(planted).sorted()); missed: \(planted.subtracting(found).sorted())")
        for problem in report.problems {
            let expected: LinkProblem.Severity = problem.kind == "missing-asset" ? .warning : problem.kind == "notCreated" ? .info : .error
            #expect(problem.severity == expected, "\(problem.file):\(problem.line) \(problem.kind)")
        }
    }

    @Test func everyOtherLinkResolvesWhereTheManifestSays() throws {
        let vault = try Vault(opening: Self.root)
        let resolver = LinkChecker.resolver(for: vault)
        // "- `file:line:col` `link` → target (note)"
        let listed = try Self.manifest().filter { $0.hasPrefix("- `") && $0.contains("→") }
        #expect(listed.count == 63)
        var links: [String: [OutgoingLink]] = [:]
        for line in listed {
            let parts = line.split(separator: "`")
            let place = parts[1].split(separator: ":")
            let file = place.dropLast(2).joined(separator: ":")
            let (row, column) = (Int(place[place.count - 2])!, Int(place[place.count - 1])!)
            var target = String(line[line.range(of: "→ ")!.upperBound...])
            if let note = target.range(of: " (") { target = String(target[..<note.lowerBound]) }
            target = String(target.split(separator: "#").first ?? "")
            if links[file] == nil {
                let bytes = try vault.read(file)
                links[file] = NoteLinks.extract(MarkdownParser.parse(bytes), source: bytes)
            }
            guard let link = links[file]?.first(where: { $0.line == row && $0.column == column }) else {
                Issue.record("no link at \(file):\(row):\(column) (\(parts[3]))")
                continue
            }
            switch resolver.resolve(link, from: file) {
            case .note(let path, _), .file(let path): #expect(path == target, "\(file):\(row):\(column)")
            case .samePage: #expect(target == file, "\(file):\(row):\(column)")
            case let other: Issue.record("\(file):\(row):\(column) \(link.destination) → \(other)")
            }
        }
    }

    @Test func notesWithoutAnH1AreTitledByTheirFileName() throws {
        let vault = try Vault(opening: Self.root)
        let titles = try Self.rows(after: "Titles")
        #expect(titles.count == 13)
        for row in titles { #expect(vault.title(of: row[0]) == row[1], "\(row[0])") }
        let toc = vault.tableOfContents().entries.filter { $0.note != nil }.map(\.title)
        #expect(toc.contains("Compost Basics") && toc.contains("Pantry List") && toc.contains("Slow Tomato Sauce"))
    }

    @Test func backlinksCountEmbedsAndFrontMatterLinks() throws {
        let report = LinkChecker.check(try Vault(opening: Self.root))
        let intoGrowing = report.backlinks["Tomato Growing.md"] ?? []
        #expect(intoGrowing.contains { $0.source == "Kitchen/Tomato Sauce.md" && $0.kind == .property && $0.line == 3 })
        #expect(intoGrowing.contains { $0.source == "Home.md" && $0.kind == .wikiEmbed && $0.line == 43 })
        #expect(intoGrowing.contains { $0.source == "Glossary.md" && $0.kind == .wiki })
    }

    @Test func embedsAreFilledInWithCyclesAndSectionsShown() throws {
        let vault = try Vault(opening: Self.root)
        func embeds(_ note: String) throws -> [Transclusion] {
            var found: [Transclusion] = []
            try vault.document(note).blocks.forEachBlock { if case .transclusion(let t) = $0 { found.append(t) } }
            return found
        }
        let home = try embeds("Home.md")
        guard case .embedded(let title, let path, let blocks)? = home.first(where: { $0.media == .note })?.content else {
            Issue.record("Home embeds a section of Tomato Growing")
            return
        }
        #expect(title == "Tomato Growing › What's next?" && path == "Tomato Growing.md")
        // The section, without its heading (the frame's title names it) and without what follows it.
        guard case .paragraph(let first)? = blocks.first else { Issue.record("the section starts with its text"); return }
        #expect(first.plainText.hasPrefix("How to pinch out side shoots"))
        #expect(!blocks.contains { if case .heading = $0 { true } else { false } })
        #expect(blocks.contains { if case .list = $0 { true } else { false } })
        let glossary = try embeds("Glossary.md")
        #expect(glossary.contains { if case .stopped(let why) = $0.content { why.contains("cycle") } else { false } })
        let barrel = try embeds("Rain Barrel.md").first { $0.media == .note }
        guard case .embedded(_, _, let inner)? = barrel?.content else { Issue.record("Rain Barrel embeds Watering Schedule"); return }
        var stopped = false
        inner.forEachBlock { if case .transclusion(let t) = $0, case .stopped(let why) = t.content { stopped = why.contains("cycle") } }
        #expect(stopped, "the way back to Rain Barrel is stopped, visibly")
        let missing = try embeds("Archive/Plan.md").first { $0.target == "Harvest Log" }
        #expect(missing?.content == .stopped("no such note yet: \"Harvest Log\""))
    }
}
