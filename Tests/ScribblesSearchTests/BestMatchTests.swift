import Foundation
import Testing
@testable import ScribblesSearch
@testable import ScribblesVault

/// Best match, typos and filters: the rules of issue 12, one test each.
@Suite("Best match, typos and filters")
struct BestMatchTests {
    func index(_ files: [String: String]) throws -> (Fixture, SearchIndex) {
        let f = try Fixture(files)
        let vault = try f.vault()
        let index = f.index(vault, memory: true)
        index.refresh(vault)
        return (f, index)
    }

    func paths(_ hits: [SearchHit]) -> [String] { hits.map(\.path) }

    static let concurrency = [
        "aba.md": "# ABA problem\n\nA compare-and-exchange loop can miss a value that changed and changed back.",
        "cas.md": "# Lock-free code\n\nCompare and swap is the primitive most lock-free code is built on.",
        "queue.md": "# Queues\n\nA problem shared by many queues: swap the head, compare the tail, and retry.",
        "misc.md": "# Misc\n\nNothing about it here.",
    ]

    @Test func notesHoldingEveryWordComeFirstThenTheMostWords() throws {
        let (_, index) = try index(Self.concurrency)
        // Only queue.md holds problem, compare and swap; aba.md holds ABA, problem and compare
        // in its title and text; cas.md holds compare and swap.
        let every = paths(index.search("problem compare swap"))
        #expect(every.first == "queue.md", "every word: the note that holds them all first, then the fill: \(every)")
        #expect(paths(index.search("problem compare swap", limit: 1)) == ["queue.md"], "no fill when every word fills the limit")
        let hits = paths(index.search("ABA problem compare and swap"))
        #expect(hits.first == "aba.md", "four of five words, two in the title, outrank three: \(hits)")
        #expect(Set(hits) == ["aba.md", "cas.md", "queue.md"], "never empty while some words exist; misc.md holds none")
        #expect(hits.firstIndex(of: "queue.md")! < hits.firstIndex(of: "cas.md")!, "four words (problem, compare, swap) before two")
    }

    @Test func aTitleHoldingTheRarerWordsOutranksBodyText() throws {
        let (_, index) = try index([
            "webhooks.md": "# Webhook signatures\n\nCheck the callback before trusting a payload.",
            "body.md": "# Integrations\n\nA webhook signature is mentioned here once, among many other integration words.",
        ])
        #expect(paths(index.search("webhook signature")).first == "webhooks.md")
        #expect(paths(index.search("verify webhook callback url")).first == "webhooks.md", "fills with most words (webhook, callback)")
    }

    @Test func stopWordsNeverExcludeANote() throws {
        let (_, index) = try index([
            "tokens.md": "# Tokens\n\nRotate API tokens every month.",
            "other.md": "# Other\n\nThe how and the why of it all.",
        ])
        #expect(paths(index.search("how do i rotate the tokens")).first == "tokens.md")
        #expect(paths(index.search("the how ")).contains("other.md"), "a query of stop words alone still searches them")
    }

    static let psychology = [
        "barnum.md": "# Barnum effect\n\nVague statements feel personal: the effect behind horoscopes.",
        "halo.md": "# Halo effect\n\nOne good trait colours the rest.",
        "docs.md": "# Writing\n\nGood documentation answers questions before they are asked.",
        "receive.md": "# Mail\n\nHow we receive letters.",
    ]

    @Test func aMistypedWordMatchesWordsOneEditAwayAndSaysSo() throws {
        let (_, index) = try index(Self.psychology)
        let results = index.find("barnum efect")
        #expect(paths(results.hits).first == "barnum.md")
        #expect(results.corrections == ["effect"])
        #expect(paths(index.search("barnum efefct ")).first == "barnum.md", "two letters swapped")
        #expect(paths(index.search("recieve")) == ["receive.md"], "two letters swapped")
        #expect(paths(index.search("documnetaton")) == ["docs.md"], "two edits from 9 letters")
        #expect(paths(index.search("efct")) == [], "four letters: no correction")
        #expect(paths(index.search("barnum eff")).first == "barnum.md", "the last word still matches as a prefix")
        #expect(index.find("barnum effect").corrections == [], "nothing corrected when every word is there")
    }

    @Test func aTypoInTheFirstLetterIsCorrectedByOneEdit() throws {
        let (_, index) = try index(Self.psychology)
        let replaced = index.find("barnum rffect")
        #expect(paths(replaced.hits).first == "barnum.md")
        #expect(replaced.corrections == ["effect"], "the first letter replaced")
        #expect(index.find("barnum ffect").corrections == ["effect"], "the first letter left out")
        #expect(paths(index.search("qocumentation")) == ["docs.md"])
        #expect(paths(index.search("xqcumentation")) == [], "two edits with the first letter: not looked up")
    }

    @Test func exactMatchesOutrankCorrectedOnes() throws {
        let (_, index) = try index(Self.psychology.merging(["typo.md": "# Notes\n\nThe barnum efect, spelt wrong."]) { a, _ in a })
        let hits = paths(index.search("barnum efect"))
        #expect(hits.first == "typo.md", "the note that holds the word as typed")
        #expect(hits.contains("barnum.md"), "the corrected match follows")
    }

    @Test func filtersHoldForEveryHit() throws {
        let (_, index) = try index([
            "garden/soil.md": "---\ntags: [garden/beds]\n---\n# Soil\n\nCompost and bark.",
            "garden/pests.md": "# Pests\n\nCompost attracts slugs. #pests",
            "kitchen/scraps.md": "# Scraps\n\nCompost the peelings.",
        ])
        #expect(paths(index.search("compost tag:garden")) == ["garden/soil.md"], "front-matter tags")
        #expect(paths(index.search("compost tag:garden/beds")) == ["garden/soil.md"], "nested tags")
        #expect(paths(index.search("tag:pests")) == ["garden/pests.md"], "inline tags, a filter alone")
        #expect(Set(paths(index.search("compost path:garden/"))) == ["garden/soil.md", "garden/pests.md"])
        #expect(paths(index.search("path:kitchen")) == ["kitchen/scraps.md"], "a folder alone")
        #expect(paths(index.search("compost path:garden/ -slugs")) == ["garden/soil.md"])
        #expect(paths(index.search("title:scraps compost")) == ["kitchen/scraps.md"])
        #expect(paths(index.search("\"the peelings\" compost")).first == "kitchen/scraps.md")
        #expect(Set(paths(index.search("compost tag:"))).count == 3, "a tag: with nothing after it is dropped")
        #expect(Set(paths(index.search("compost path:../../"))).count == 3, "path:../../ names no folder: no filter")
        #expect(paths(index.search("compost path:nowhere/")) == [])
    }

    @Test func aCorrectionFoundWithTheOtherWordsWins() throws {
        // Many words are one edit from "efect", each more common than "effect" (2 notes);
        // the one found with "barnum" is meant.
        var files = Self.psychology
        for (n, word) in ["efecc", "efeca", "efecb", "efecd", "efece", "efact"].enumerated() {
            for copy in 0..<3 { files["junk-\(n)-\(copy).md"] = "# Junk\n\n\(word)" }
        }
        let (_, index) = try index(files)
        let results = index.find("barnum efect")
        #expect(paths(results.hits).first == "barnum.md")
        #expect(results.corrections.first == "effect", "\(results.corrections)")
    }

    @Test func quotesKeepTheirMinusAndFilterAndFoldersMayHaveAnyName() throws {
        let (_, index) = try index([
            "My Notes/ml.md": "# Machine learning\n\nModels and data.",
            "café/menu.md": "# Menu\n\nData on the menu.",
            "other.md": "# Other\n\nMachine parts; learning to weld. Data.",
        ])
        #expect(Set(paths(index.search("data -\"machine learning\""))) == ["café/menu.md", "other.md"], "-\"…\" excludes the phrase")
        #expect(paths(index.search("data title:\"machine learning\"")) == ["My Notes/ml.md"], "title:\"…\" is a phrase in titles")
        #expect(paths(index.search("data path:\"My Notes/\"")) == ["My Notes/ml.md"], "a folder with a space, quoted")
        #expect(paths(index.search("data path:café/")) == ["café/menu.md"], "a folder with an accent")
        #expect(paths(index.search("data path:MY")) == ["My Notes/ml.md"], "ASCII letters in any case")
        #expect(SearchQuery("\"title: x\"").filters.isEmpty, "a quoted title: is text, not a filter")
    }

    @Test func orJoinsTheWordBeforeItEvenWhenThatWordCameTwice() {
        let query = SearchQuery("cat dog cat OR bird ")
        #expect(query.typed.count == 2)
        #expect(query.typed[0].terms.count == 2, "cat OR bird")
        #expect(query.typed[1].terms.count == 1, "dog alone")
    }

    @Test func hostileQueriesAreCapped() throws {
        let (_, index) = try index(Self.psychology)
        let words = (0..<200).map { "word\($0)" }.joined(separator: " ")
        _ = index.find(words)
        let typos = (0..<200).map { _ in "effcet" }.joined(separator: " ")
        #expect(paths(index.search(typos)).contains("barnum.md"))
        _ = index.find(String(repeating: "effect", count: 1700))
        _ = index.find(String(repeating: "a", count: 10_000) + " barnum")
        // 10,000 distinct words, 5,000 alternatives, a phrase of 10,000 words: all capped.
        let distinct = (0..<10_000).map { String(UnicodeScalar(0x4E00 + $0)!) }.joined(separator: " ")
        #expect(SearchQuery(distinct).typed.count == SearchQuery.maxGroups)
        _ = index.find(distinct)
        let alternatives = (0..<5_000).map { "w\($0)" }.joined(separator: " OR ")
        #expect(SearchQuery(alternatives).typed.first?.terms.count == SearchQuery.maxAlternatives)
        _ = index.find(alternatives)
        _ = index.find("\"" + words + " " + words + "\"")
        #expect(paths(index.search(String(repeating: "a", count: 10_000) + " barnum")).first == "barnum.md")
    }

    @Test func aVocabularyOfManyWordsIsReadInOneRangePerLetter() throws {
        // 300,000 distinct words: corrections read only the words that start like the typed one.
        var generator = SystemRandomNumberGenerator()
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        var files: [String: String] = [:]
        for n in 0..<6 {
            files["words-\(n).md"] = (0..<50_000).map { _ in String((0..<9).map { _ in letters.randomElement(using: &generator)! }) }
                .joined(separator: " ")
        }
        files["barnum.md"] = "# Barnum effect\n\nVague statements."
        let (_, index) = try index(files)
        #expect(paths(index.search("barnum efect")).first == "barnum.md")
    }

    @Test(arguments: [
        ("efect", "effect", 1), ("effect", "efect", 1), ("teh", "the", 1), ("recieve", "receive", 1),
        ("documnetaton", "documentation", 2), ("abcdef", "uvwxyz", nil), ("kitten", "sitting", nil),
    ] as [(String, String, Int?)])
    func editDistanceCountsSwapsAsOne(_ typed: String, _ term: String, _ expected: Int?) {
        #expect(Corrections.osa(Array(typed.unicodeScalars)[...], Array(term.unicodeScalars)[...], bound: 2) == expected)
    }
}
