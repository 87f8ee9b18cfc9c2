import Foundation
import Glibc
import Testing
import ScribblesLayout
import ScribblesMarkdown
import ScribblesSearch
import ScribblesVault

/// Each stage that reads note text costs time proportional to its input (issue 13): every
/// hostile shape is run at n and 8n, and a cost that grows much more than 8 times fails.
///
/// The cost is the test thread's own CPU time (not the wall clock: other tests and processes
/// do not count), the least of a few runs, at a size found to take at least 10 ms. Linear
/// work gives a ratio near 8; quadratic near 64; the test fails above 24, a margin no noise
/// on a busy machine reaches.
@Suite(.serialized) struct GrowthTests {
    static let limit = 24.0

    /// Seconds of this thread's CPU time that `work` takes.
    static func cpuTime(_ work: () -> Void) -> Double {
        var start = timespec(), end = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &start)
        work()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &end)
        return Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
    }

    /// The ratio of the cost at 8n to the cost at n, with n grown until a run takes 10 ms.
    static func growth(_ make: (Int) -> String, _ stage: (String) -> Void) -> (ratio: Double, n: Int, seconds: Double) {
        var n = 250
        var text = make(n)
        while cpuTime({ stage(text) }) < 0.01 && n < 64_000 {
            n *= 2
            text = make(n)
        }
        let small = (0..<3).map { _ in cpuTime { stage(text) } }.min()!
        let big = make(8 * n)
        let large = (0..<2).map { _ in cpuTime { stage(big) } }.min()!
        return (large / max(small, 1e-6), n, large)
    }

    /// Hostile shapes, one per class of input that once cost superlinear time somewhere.
    static let shapes: [(String, @Sendable (Int) -> String)] = [
        ("emphasis and links", { String(repeating: "*[a](b)", count: $0) }),
        ("image openers and links", { String(repeating: "![[]()", count: $0) }),
        ("unclosed HTML and autolinks", { String(repeating: "<?a<!A <![CDATA[<http://a", count: $0) }),
        ("a row of many cells", { "|" + String(repeating: "a|", count: $0) + "\n|" + String(repeating: "-|", count: $0) + "\n" }),
        ("a tall table", { "|a|b|\n|-|-|\n" + String(repeating: "|x|[y](z)|\n", count: $0) }),
        ("tag openers without a closer", { String(repeating: "{%", count: $0) }),
        ("raw tags without an end", { String(repeating: "{% raw %}", count: $0) }),
        ("tags never closed", { String(repeating: "{% hint %}\n{% tabs %}{% tab title=\"a\" %}\n", count: $0) }),
        ("wikilinks and embeds on one line", { String(repeating: "![[t]] [[t#h|x]] [[a [[b]] ", count: $0) }),
        ("[[ that never closes", { String(repeating: "[[", count: 10 * $0) }),
        ("unclosed == %% ^[ $", { String(repeating: "==a %%b ^[c $d ", count: $0) }),
        ("comments over paragraphs", { String(repeating: "%% a\n\nb %%\n\n", count: $0) }),
        ("block ids", { String(repeating: "text ^id\n\n^alone\n\n", count: $0) }),
        ("callouts nested", { n in (1...max(1, n / 20)).map { String(repeating: "> ", count: $0 % 60) + "[!tip]- t\n" }.joined() }),
        ("math openers", { String(repeating: "$$a\n$5 `x` ", count: $0) }),
        ("a run of backticks", { "x" + String(repeating: "`", count: 10 * $0) }),
        ("inline HTML never closed", { String(repeating: "<b>", count: $0) + String(repeating: "</i>", count: $0) }),
        ("HTML blocks", { "<div>\n" + String(repeating: "<p>a <a href=\"x\">b</a></p><br><img src=\"y\">", count: $0) + "\n</div>" }),
        ("zero-width characters and links", { String(repeating: "\u{200B}[a](b)\u{200B}", count: $0) }),
        ("headings and heading links", { String(repeating: "# A\n[[n#A#A#B]] [[n#Z]]\n", count: $0) }),
        ("tags", { String(repeating: "#tag #a/b/c ", count: $0) }),
    ]

    @Test(arguments: shapes.map(\.0))
    func everyStageStaysLinear(_ name: String) {
        let make = Self.shapes.first { $0.0 == name }!.1
        // The model, layout, plain text for search and the links with their columns.
        let (ratio, n, seconds) = Self.growth(make) { text in
            let bytes = Array(text.utf8)
            let document = MarkdownParser.parse(bytes)
            let note = layout(document, width: 80)
            let plain = PlainText.of(document)
            let links = NoteLinks.extract(document, source: bytes)
            withExtendedLifetime((note, plain, links)) {}
        }
        print("growth: \(name): 8× the input (n = \(n)) costs \(String(format: "%.1f", ratio))×")
        #expect(ratio < Self.limit, "\(name): 8× the input (n = \(n)) cost \(String(format: "%.1f", ratio))× (\(String(format: "%.2f", seconds)) s)")
    }

    @Test func frontMatterAliasesAreCountedNotExpanded() {
        // "Billion laughs": each level refers to the one before nine times.
        var yaml = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        var previous = "a"
        for level in "bcdefghi" {
            yaml += "\(level): &\(level) [" + Array(repeating: "*" + previous, count: 9).joined(separator: ",") + "]\n"
            previous = String(level)
        }
        let seconds = Self.cpuTime {
            let document = MarkdownParser.parse("---\n\(yaml)---\n# Bomb\n\nThe body still shows.")
            #expect(document.frontMatter.isMalformed)
            #expect(document.title == "Bomb")
        }
        #expect(seconds < 5, "the budget stops the expansion early (took \(seconds) s)")
        // Within the budget, aliases still work.
        let fine = MarkdownParser.parse("---\nbase: &b [x, y]\ntags: *b\n---\nBody")
        #expect(fine.frontMatter.tags == ["x", "y"])
        // Past 64 KB front matter is not read; the body is.
        let big = MarkdownParser.parse("---\nk: \"" + String(repeating: "v", count: 70_000) + "\"\n---\nBody")
        #expect(big.frontMatter.isMalformed && big.blocks == [.paragraph([.text("Body")])])
    }

    @Test func snippetsStayLinearInMatches() throws {
        let folder = NSTemporaryDirectory() + "scribbles-growth-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (ratio, n, seconds) = Self.growth({ String(repeating: "word other ", count: 8 * $0) }) { text in
            try? FileManager.default.removeItem(atPath: folder)
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            FileManager.default.createFile(atPath: folder + "/n.md", contents: Data(text.utf8))
            guard let vault = try? Vault(opening: folder) else { return }
            let index = SearchIndex(for: vault, cacheFolder: nil)
            index.refresh(vault)
            _ = index.search("word", vault: vault)
        }
        #expect(ratio < Self.limit, "search: 8× the matches (n = \(n)) cost \(String(format: "%.1f", ratio))× (\(String(format: "%.2f", seconds)) s)")
    }
}
