import Foundation
import Testing
@testable import ScribblesSearch
@testable import ScribblesVault

/// Our relevance set (`Tests/Fixtures/search-relevance.tsv`): queries typed the way people
/// type them over `content/` and the corpora, each with the note a reader would pick and why.
/// `make bench` prints the same figures from whole processes.
@Suite("Search relevance set")
struct RelevanceTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let corpora = repository.deletingLastPathComponent().appendingPathComponent("shared/corpora")

    struct Case {
        var collection: String
        var query: String
        var expected: String
        var kind: String
    }

    static func cases() throws -> [Case] {
        let text = try String(contentsOf: repository.appendingPathComponent("Tests/Fixtures/search-relevance.tsv"), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().compactMap { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 4 else { return nil }
            return Case(collection: fields[0], query: fields[1], expected: fields[2], kind: fields[3])
        }
    }

    func folder(_ collection: String) -> URL {
        collection == "content" ? Self.repository.appendingPathComponent("content") : Self.corpora.appendingPathComponent(collection)
    }

    @Test func theRightNoteIsInTheTopThreeForNearlyEveryQuery() throws {
        let all = try Self.cases()
        #expect(all.count >= 40)
        #expect(Set(all.map(\.kind)).isSuperset(of: ["keyword", "question", "typo", "filter"]))
        let haveCorpora = FileManager.default.fileExists(atPath: Self.corpora.path)
        if !haveCorpora {
            print("SKIPPED: real corpora not found at \(Self.corpora.path); only the content/ rows of the relevance set run")
        }
        let cases = all.filter { $0.collection == "content" || haveCorpora }
        var ranks: [(Case, Int?)] = []
        for (collection, rows) in Dictionary(grouping: cases, by: \.collection).sorted(by: { $0.key < $1.key }) {
            let vault = try Vault(opening: folder(collection).path)
            let index = SearchIndex(for: vault, cacheFolder: nil)
            index.refresh(vault)
            for row in rows {
                #expect(vault.index.files[row.expected] != nil, "\(collection): \(row.expected) is a note")
                let hits = index.search(row.query, limit: 10).map(\.path)
                ranks.append((row, hits.firstIndex(of: row.expected).map { $0 + 1 }))
            }
        }
        guard !ranks.isEmpty else { return }
        let top1 = ranks.filter { $0.1 == 1 }.count, top3 = ranks.filter { ($0.1 ?? 99) <= 3 }.count
        let mrr = ranks.map { $0.1.map { 1.0 / Double($0) } ?? 0 }.reduce(0, +) / Double(ranks.count)
        print("relevance: \(ranks.count) queries, top-1 \(top1), top-3 \(top3), MRR \(String(format: "%.3f", mrr))")
        for (row, rank) in ranks where (rank ?? 99) > 3 {
            print("relevance: miss (\(row.kind)) \(row.collection): \"\(row.query)\" → \(row.expected) at \(rank.map(String.init) ?? "none")")
        }
        // Nearly every query: at most one in ten may miss the top three.
        #expect(Double(top3) >= 0.9 * Double(ranks.count), "top-3 \(top3) of \(ranks.count)")
        for kind in ["keyword", "question", "typo", "filter"] {
            let ofKind = ranks.filter { $0.0.kind == kind }
            guard !ofKind.isEmpty else { continue }
            #expect(Double(ofKind.filter { ($0.1 ?? 99) <= 3 }.count) >= 0.75 * Double(ofKind.count), "\(kind): \(ofKind.count) queries")
        }
    }
}
