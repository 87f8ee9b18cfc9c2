import Foundation
import Testing
import GRDB
import Synchronization
import ScribblesText
@testable import ScribblesSearch
@testable import ScribblesVault

/// A throwaway collection and cache folder.
final class Fixture {
    let root: URL
    let cache: URL

    init(_ files: [String: String]) throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("scribbles-search-\(UUID().uuidString)")
        root = base.appendingPathComponent("notes")
        cache = base.appendingPathComponent("cache")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for (path, text) in files { try write(path, text) }
    }

    deinit { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }

    func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: false, encoding: .utf8)
    }

    func vault() throws -> Vault { try Vault(opening: root.path) }
    func index(_ vault: Vault, memory: Bool = false) -> SearchIndex {
        SearchIndex(for: vault, cacheFolder: memory ? nil : cache.path)
    }
}

@Suite("Search")
struct SearchTests {
    static let notes = [
        "flywheel.md": "# Flywheels\n\nSmall loops keep a group moving.",
        "groups.md": "# Groups\n\n## Growing\n\nA flywheel appears once here, among communities and their cafés.",
        "talks.md": "# Talks\n\nGiving a keynote to developer communities takes practice.",
        "docs.md": "# Docs\n\nDocumentation as a product. Exact phrase here.",
    ]

    func paths(_ hits: [SearchHit]) -> [String] { hits.map(\.path) }

    @Test func titleMatchOutranksBodyMatch() throws {
        let f = try Fixture(Self.notes)
        let vault = try f.vault()
        let index = f.index(vault, memory: true)
        index.refresh(vault)
        #expect(paths(index.search("flywheel ")).first == "flywheel.md")
        #expect(Set(paths(index.search("flywheel "))) == ["flywheel.md", "groups.md"])
    }

    @Test func aliasesWeighLikeTitlesTagsAreIndexedAndFileNamesTitleHits() throws {
        let f = try Fixture([
            "Soil Notes.md": "---\naliases: [Mulching guide]\ntags: [garden/beds]\n---\nWe spread bark in May. #compost",
            "other.md": "# Other\n\nMulching is mentioned here, and guide too, in passing: mulching guide.",
        ])
        let vault = try f.vault()
        let index = f.index(vault, memory: true)
        index.refresh(vault)
        let hits = index.search("mulching guide")
        #expect(paths(hits).first == "Soil Notes.md", "an alias counts as much as a title")
        #expect(hits.first?.title == "Soil Notes", "a note without an H1 is titled by its file name")
        #expect(paths(index.search("beds")) == ["Soil Notes.md"], "front-matter tags, nested parts too")
        #expect(paths(index.search("compost")) == ["Soil Notes.md"], "inline tags")
    }

    @Test func stemmingDiacriticsPrefixPhrasesExclusionAndTitle() throws {
        let f = try Fixture(Self.notes)
        let vault = try f.vault()
        let index = f.index(vault, memory: true)
        index.refresh(vault)
        #expect(Set(paths(index.search("community "))) == ["groups.md", "talks.md"])
        #expect(paths(index.search("cafe ")) == ["groups.md"])
        #expect(paths(index.search("keyn")) == ["talks.md"])
        #expect(paths(index.search("\"exact phrase\"")) == ["docs.md"])
        #expect(paths(index.search("\"phrase exact\"")) == [])
        #expect(paths(index.search("communities -keynote")) == ["groups.md"])
        #expect(paths(index.search("title:talks")) == ["talks.md"])
        #expect(Set(paths(index.search("keynote OR documentation"))) == ["talks.md", "docs.md"])
    }

    @Test func snippetsMarkTheMatchedWordsAndKnowTheHeading() throws {
        let f = try Fixture(Self.notes)
        let vault = try f.vault()
        let index = f.index(vault, memory: true)
        index.refresh(vault)
        guard let hit = index.search("among", vault: vault).first else {
            Issue.record("no hit")
            return
        }
        #expect(hit.snippet.spans.contains { $0.style.role == .match && $0.text.lowercased() == "among" })
        #expect(hit.heading == "Growing")
        #expect(hit.line == 5)
        #expect(hit.title == "Groups")
    }

    @Test func theLineAndHeadingOfAHitAreFoundByBytes() {
        func line(_ word: String, _ text: String) -> Int? {
            SearchIndex.sourceLine(of: word, in: "n.md", read: { _ in Array(text.utf8) })
        }
        #expect(line("flywheel", "Intro\nThe FlyWheel turns\nflywheel") == 2, "any case, the first line")
        #expect(line("flywheel", "a\r\nb\r\nFLYWHEEL\r\n") == 3, "CRLF lines are counted")
        #expect(line("über", "x\nÜBER alles\nüber") == 2, "a word that is not ASCII")
        #expect(line("café", "cafe\ncafé") == 2)
        #expect(line("flywheel", "no such word\n") == nil)
        #expect(line("a", "") == nil)
        #expect(line("end", "start\nthe end") == 2, "the last line, without a newline")
        let outline = "1\tTop\n2\tGrowing\n2\tLater"
        let body = "Top\nintro text\nGrowing\nsome words among cafés here\nLater\nmore"
        #expect(SearchIndex.heading(snippet: "…some words \u{1}among\u{2} cafés here…", body: body, outline: "1\tTop\n3\tGrowing\n5\tLater") == "Growing")
        #expect(SearchIndex.heading(snippet: "\u{1}more\u{2}", body: body, outline: "1\tTop\n3\tGrowing\n5\tLater") == "Later")
        #expect(SearchIndex.heading(snippet: "not in the body", body: body, outline: outline) == nil)
        #expect(SearchIndex.heading(snippet: "\u{1}intro\u{2}", body: body, outline: "") == nil, "no outline")
    }

    @Test(arguments: ["\"", "*", "NEAR(", "((a", "a)) OR", "'; DROP TABLE notes; --", "-", "OR", "AND NOT",
                      "title:", "\"unbalanced", "🎤🧑🏽‍💻", "", "   ", "^a", "a:b:c", "{}[]", String(repeating: "word ", count: 2000)])
    func badQueriesNeverFail(_ query: String) throws {
        let f = try Fixture(Self.notes)
        let vault = try f.vault()
        let index = f.index(vault, memory: true)
        index.refresh(vault)
        _ = index.search(query)
        #expect(SearchQuery(query).matchExpression == nil || index.count == 4)
    }

    @Test func incrementalRefreshAddsUpdatesAndRemoves() throws {
        let f = try Fixture(Self.notes)
        let vault = try f.vault()
        let first = f.index(vault).refresh(vault)
        #expect(first.added == 4)
        #expect(f.index(vault).refresh(vault).unchanged == 4)
        try f.write("talks.md", "# Talks\n\nNow about zeppelins, and longer than before.")
        try f.write("new.md", "# New\n\nzeppelins too")
        try FileManager.default.removeItem(at: f.root.appendingPathComponent("docs.md"))
        let vault2 = try f.vault()
        let index = f.index(vault2)
        let stats = index.refresh(vault2)
        #expect((stats.added, stats.updated, stats.removed, stats.unchanged) == (1, 1, 1, 2))
        #expect(Set(paths(index.search("zeppelins"))) == ["talks.md", "new.md"])
        #expect(paths(index.search("documentation")) == [])
        #expect(index.cachePath?.hasPrefix(f.cache.path) == true)
    }

    @Test func aFreshIndexIsFoundWithoutOpeningTheCollectionAndAnyChangeMakesItStale() throws {
        let f = try Fixture(Self.notes)
        let location = try VaultLocator.locate(f.root.path)
        #expect(SearchIndex.ifFresh(location: location, cacheFolder: f.cache.path).index == nil, "no refresh yet")
        let vault = try f.vault()
        f.index(vault).refresh(vault)
        let fresh = try #require(SearchIndex.ifFresh(location: location, cacheFolder: f.cache.path).index)
        #expect(paths(fresh.search("keynote")) == ["talks.md"])
        #expect(f.index(vault).refresh(vault).unchanged == 4, "an unchanged collection is not read again")
        for change in ["edit", "add", "remove"] {
            switch change {
            case "edit": try f.write("talks.md", "# Talks\n\nNow about zeppelins.")
            case "add": try f.write("new.md", "# New\n\nzeppelins too")
            default: try FileManager.default.removeItem(at: f.root.appendingPathComponent("docs.md"))
            }
            #expect(SearchIndex.ifFresh(location: location, cacheFolder: f.cache.path).index == nil, "\(change): stale")
            let changed = try f.vault()
            f.index(changed).refresh(changed)
            #expect(SearchIndex.ifFresh(location: location, cacheFolder: f.cache.path).index != nil, "\(change): fresh again")
        }
        let index = try #require(SearchIndex.ifFresh(location: location, cacheFolder: f.cache.path).index)
        #expect(Set(paths(index.search("zeppelins"))) == ["talks.md", "new.md"])
    }

    /// The digest the scan's own way gives (walk, then a stat per path).
    static func scanDigest(_ location: VaultLocation) -> String {
        let notes = Vault.notes(at: location).notes.filter { $0.path != location.summary }
        return SearchIndex.digest(notes.map(\.path), notes.map { FileSystem.stat($0.fsPath) })
    }

    @Test func theParallelWalkHashesTheNotesTheScanFinds() throws {
        // Hidden files stay and hidden folders, node_modules and .gitbook's pages do not; case
        // of the extension, nesting, a name that is not UTF-8, SUMMARY.md at the top only.
        let f = try Fixture(["SUMMARY.md": "* [A](a.md)", "a.md": "# A", "B.MD": "b", ".net.md": "dotnet",
                             "deep/er/still/c.markdown": "c", "deep/SUMMARY.md": "not the summary",
                             ".obsidian/x.md": "hidden", "node_modules/pkg/readme.md": "skipped",
                             ".gitbook/includes/inc.md": "an include", "notes.txt": "not a note",
                             "Café/crème.md": "accents"])
        let odd = f.root.path + "/caf\u{e9}-\u{1}"
        let bad = Array(f.root.path.utf8) + Array("/bad-".utf8) + [0xFF, 0xFE] + Array(".md".utf8)
        _ = bad.withCString { creat($0, 0o644) }
        try "x".write(toFile: odd + ".md", atomically: false, encoding: .utf8)
        let location = try VaultLocator.locate(f.root.path)
        let walked = try #require(NoteStatusWalk.digest(root: location.root, excluding: location.summary))
        #expect(walked.count == 8)
        #expect(SearchIndex.format(walked) == Self.scanDigest(location))
        // And the index's own digest, after a refresh, is the same.
        let vault = try f.vault()
        f.index(vault).refresh(vault)
        #expect(f.index(vault).storedDigest == SearchIndex.format(walked))
    }

    @Test func theParallelWalkLeavesSymlinksAndUnreadableFoldersToTheScan() throws {
        let f = try Fixture(["a.md": "# A", "sub/b.md": "b"])
        let location = try VaultLocator.locate(f.root.path)
        #expect(NoteStatusWalk.digest(root: location.root, excluding: location.summary) != nil)
        try FileManager.default.createSymbolicLink(atPath: f.root.path + "/again", withDestinationPath: "sub")
        #expect(NoteStatusWalk.digest(root: location.root, excluding: location.summary) == nil, "a symlink: the scan's rules")
        try FileManager.default.removeItem(atPath: f.root.path + "/again")
        if getuid() != 0 {
            chmod(f.root.path + "/sub", 0)
            defer { chmod(f.root.path + "/sub", 0o755) }
            #expect(NoteStatusWalk.digest(root: location.root, excluding: location.summary) == nil, "an unreadable folder warns")
        }
    }

    @Test func aSearchWhileCheckingFreshnessGivesHitsOnlyWhenFresh() throws {
        let f = try Fixture(Self.notes)
        let location = try VaultLocator.locate(f.root.path)
        func search() -> SearchResults? {
            SearchIndex.searchingIfFresh(location: location, cacheFolder: f.cache.path, "keynote", limit: 5, read: nil).results
        }
        #expect(search() == nil, "never refreshed")
        let vault = try f.vault()
        f.index(vault).refresh(vault)
        #expect(search()?.hits.map(\.path) == ["talks.md"])
        try f.write("talks.md", "# Talks\n\nNow about zeppelins.")
        #expect(search() == nil, "an edit since the refresh")
    }

    @Test func aCorruptCacheIsRebuilt() throws {
        let f = try Fixture(Self.notes)
        let vault = try f.vault()
        let path = try #require(f.index(vault).cachePath)
        try Data(repeating: 0x42, count: 4096).write(to: URL(fileURLWithPath: path))
        let index = f.index(vault)
        index.refresh(vault)
        #expect(index.cachePath == path)
        #expect(paths(index.search("keynote")) == ["talks.md"])
    }

    @Test func anUnwritableCacheFallsBackToMemory() throws {
        let f = try Fixture(Self.notes)
        let vault = try f.vault()
        let index = SearchIndex(for: vault, cacheFolder: "/proc/scribbles-cannot-write-here")
        index.refresh(vault)
        #expect(index.cachePath == nil)
        #expect(paths(index.search("keynote")) == ["talks.md"])
    }

    @Test func aCacheLockedByAnotherConnectionFallsBackToMemoryAndIsKept() throws {
        let f = try Fixture(Self.notes)
        let vault = try f.vault()
        let path = try #require(f.index(vault).cachePath)
        // Another process (here another connection) holds the write lock.
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true
        let other = try DatabaseQueue(path: path, configuration: configuration)
        try other.inDatabase { try $0.execute(sql: "BEGIN EXCLUSIVE") }
        let index = f.index(vault)
        index.refresh(vault)
        #expect(index.cachePath == nil, "the locked cache is not used")
        #expect(paths(index.search("keynote")) == ["talks.md"])
        try other.inDatabase { try $0.execute(sql: "ROLLBACK") }
        #expect(FileManager.default.fileExists(atPath: path), "another process's cache is never deleted")
    }

    @Test func backgroundIndexingAnswersQueriesWithWhatIsIndexed() throws {
        var notes: [String: String] = [:]
        for n in 0..<45 { notes["note-\(n).md"] = "# Note \(n)\n\nA common word in every note, and number\(n)." }
        let f = try Fixture(notes)
        let vault = try f.vault()
        let index = f.index(vault)
        let seen = Mutex<[(Int, Int, Int)]>([])
        let done = DispatchSemaphore(value: 0)
        // Off the calling thread, as the reader's indexer runs; each progress report comes
        // after a commit, and a query then sees exactly the notes indexed so far.
        DispatchQueue.global().async {
            index.refresh(vault, batchSize: 10) { indexed, total in
                let found = index.search("common", limit: 100).count
                seen.withLock { $0.append((indexed, total, found)) }
            }
            done.signal()
        }
        done.wait()
        let reports = seen.withLock { $0 }
        #expect(reports.map(\.0) == [10, 20, 30, 40, 45])
        #expect(reports.allSatisfy { $0.1 == 45 && $0.2 == $0.0 })
        #expect(index.count == 45)
    }

    @Test func nothingIsWrittenInsideTheCollection() throws {
        let f = try Fixture(Self.notes)
        let before = try FileManager.default.contentsOfDirectory(atPath: f.root.path).sorted()
        let vault = try f.vault()
        f.index(vault).refresh(vault)
        #expect(try FileManager.default.contentsOfDirectory(atPath: f.root.path).sorted() == before)
    }
}

@Suite("Search on real corpora")
struct CorporaSearchTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/corpora")

    @Test(arguments: [
        ("audacity-support", "noise reduction", "noise-reduction"),
        ("rudderstack-docs-2021", "clevertap", "clevertap"),
        ("oceanprotocol-docs", "title:compute title:data", "compute-to-data"),
    ])
    func bestHitIsTheNoteAboutIt(_ corpus: String, _ query: String, _ expected: String) throws {
        guard FileManager.default.fileExists(atPath: Self.root.path) else {
            print("SKIPPED: real corpora not found at \(Self.root.path); these tests need ../shared beside the clone")
            return
        }
        let vault = try Vault(opening: Self.root.appendingPathComponent(corpus).path)
        let index = SearchIndex(for: vault, cacheFolder: nil)
        index.refresh(vault)
        let best = try #require(index.search(query, limit: 3).first)
        #expect(best.path.contains(expected), "best hit for \(query): \(best.path)")
    }
}
