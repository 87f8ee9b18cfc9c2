@testable import ScribblesApp
import ScribblesMarkdown
import ScribblesSearch
import ScribblesText
import ScribblesVault
import Testing

/// `update` for the quick switcher (`t`), the editor (`e`), tags (`#`) and the config file's
/// key bindings and list width; the fuzzy matcher and the editor's argument vector.
@Suite struct NavigationTests {
    // MARK: t

    @Test func tListsEveryNoteThenNarrowsAsYouType() {
        var state = Fixture.state()
        #expect(Fixture.keys(&state, .character("t")) == [])
        #expect(state.overlay == .switcher)
        let paths = { (state: AppState) in state.switcher.hits.map { state.switcher.index!.entries[$0.entry].path } }
        #expect(Set(paths(state)) == Set(Fixture.notes.keys), "an empty query lists every note")
        // Letters are the query, even those that move elsewhere (j, k, q).
        Fixture.keys(&state, .character("b"), .character("t"))
        #expect(state.switcher.query == "bt")
        #expect(paths(state) == ["beta.md"])
        Fixture.keys(&state, .backspace, .backspace, .character("a"))
        #expect(paths(state).first == "alpha.md", "a word start beats a letter inside a word")
        Fixture.keys(&state, .character("q"), .character("j"))
        #expect(state.overlay == .switcher && state.switcher.query == "aqj")
        #expect(state.switcher.hits.isEmpty)
        Fixture.keys(&state, .control("u"))
        #expect(state.switcher.query.isEmpty && state.switcher.hits.count == Fixture.notes.count)
        Fixture.keys(&state, .escape)
        #expect(state.overlay == nil && state.currentPath == "README.md")
    }

    @Test func enterOpensTheSelectedNoteAndBackReturns() {
        var state = Fixture.state()
        Fixture.keys(&state, .character("t"), .character("m"), .character("n"))
        #expect(state.switcher.index!.entries[state.switcher.hits[0].entry].path == "many.md")
        Fixture.keys(&state, .enter)
        #expect(state.overlay == nil && state.currentPath == "many.md" && state.focus == .reader)
        // The note read before comes first on the next empty query.
        Fixture.keys(&state, .character("t"))
        #expect(state.switcher.index!.entries[state.switcher.hits[0].entry].path == "README.md")
        Fixture.keys(&state, .down, .down, .up, .control("n"))
        #expect(state.switcher.selection == 2)
        Fixture.keys(&state, .escape, .backspace)
        #expect(state.currentPath == "README.md")
    }

    @Test func theSwitcherMatchesAliasesAndPaths() {
        let toc = [TOCEntry(kind: .page("guides/setup.md"), title: "Getting started", depth: 0)]
        let index = SwitcherIndex(toc: toc, notes: ["guides/setup.md", "zeta.md"], aliases: ["zeta.md": ["Omega point"]])
        let byAlias = index.rank("omp").hits
        #expect(byAlias.map { index.entries[$0.entry].path } == ["zeta.md"])
        #expect(byAlias[0].field == .alias(0))
        let byPath = index.rank("guisetup").hits
        #expect(byPath.first?.field == .path)
        #expect(index.rank("getst").hits.first?.field == .title)
        // A query that grew is matched within the notes the shorter one matched.
        #expect(index.rank("gett").matched == [0])
        // Words in any order, each in the same text.
        #expect(index.rank("start get").hits.map(\.entry) == [0])
        #expect(index.rank("point omega").hits.first?.field == .alias(0))
        #expect(index.rank("start omega").hits.isEmpty, "both words in one of the note's texts")
        #expect(index.rank("ge", within: [1]).hits.isEmpty)
    }

    @Test func fuzzyScoresWordStartsAndRuns() throws {
        var rows: [Int] = []
        let pattern = FuzzyMatch.pattern("dr")
        let words = try #require(FuzzyMatch.score(pattern, FuzzyText("Why developer relations exists"), rows: &rows))
        let inside = try #require(FuzzyMatch.score(pattern, FuzzyText("address"), rows: &rows))
        #expect(words > inside)
        #expect(FuzzyMatch.score(pattern, FuzzyText("rd"), rows: &rows) == nil, "letters out of order")
        #expect(FuzzyMatch.score(FuzzyMatch.pattern("ÉTÉ"), FuzzyText("un été"), rows: &rows) != nil, "case folds beyond ASCII")
        // The marked letters are the best alignment's: the starts of both words.
        let marks = FuzzyMatch.matchedCharacters(pattern, FuzzyText("Why developer relations exists"))
        #expect(marks == [4, 14])
        let run = FuzzyMatch.matchedCharacters(FuzzyMatch.pattern("flyw"), FuzzyText("a fly, flywheels"))
        #expect(run == [7, 8, 9, 10], "a run of letters beats scattered ones")
        #expect(FuzzyMatch.matchedCharacters(FuzzyMatch.pattern("naïve"), FuzzyText("Naïve café")) == [0, 1, 2, 3, 4])
    }

    /// The scoring table, trimmed to the columns a letter can sit in, against the whole table
    /// written plainly, on random texts and queries.
    @Test func theTrimmedTableScoresAsTheWholeOne() {
        var generator = SystemRandomNumberGenerator()
        var rows: [Int] = []
        let letters = Array("abcab /-_Ab")
        for _ in 0..<3000 {
            let text = String((0..<Int.random(in: 1...24, using: &generator)).map { _ in letters.randomElement(using: &generator)! })
            let query = String((0..<Int.random(in: 1...5, using: &generator)).map { _ in "abc".randomElement(using: &generator)! })
            let fuzzy = FuzzyText(text), pattern = FuzzyMatch.pattern(query)
            #expect(FuzzyMatch.score(pattern, fuzzy, rows: &rows) == Self.wholeTable(pattern, fuzzy), "\(query) in \(text)")
        }
    }

    static func wholeTable(_ pattern: [UInt32], _ text: FuzzyText) -> Int? {
        let n = text.folded.count, m = pattern.count, none = Int.min / 4
        var table = [[Int]](repeating: [Int](repeating: none, count: n), count: m)
        for i in 0..<m {
            for j in 0..<n where text.folded[j] == pattern[i] {
                let extra = Int(text.bonus[j])
                if i == 0 { table[i][j] = FuzzyMatch.letterScore + extra * FuzzyMatch.firstLetterFactor - min(j, 12); continue }
                var best = none
                if j > 0, table[i - 1][j - 1] > none {
                    best = table[i - 1][j - 1] + FuzzyMatch.letterScore + max(extra, FuzzyMatch.consecutiveBonus)
                }
                // An earlier end k < j - 1 of the previous row, with the gap between.
                for k in 0..<max(0, j - 1) where table[i - 1][k] > none {
                    let gap = j - k - 1
                    best = max(best, table[i - 1][k] - FuzzyMatch.gapStart - FuzzyMatch.gapExtend * gap + FuzzyMatch.letterScore + extra)
                }
                // The diagonal again, as the carry sees it (a gap of none, at the gap price).
                if j > 0, table[i - 1][j - 1] > none {
                    best = max(best, table[i - 1][j - 1] - FuzzyMatch.gapStart + FuzzyMatch.letterScore + extra)
                }
                table[i][j] = best
            }
        }
        let result = table[m - 1].max() ?? none
        return result > none ? result : nil
    }

    @Test func aLongQueryIsCutAndCostsLittle() {
        var state = Fixture.state()
        Fixture.keys(&state, .character("t"))
        for _ in 0..<200 { Fixture.keys(&state, .character("x")) }
        #expect(state.switcher.query.count == FuzzyMatch.maxQuery)
        #expect(state.switcher.hits.isEmpty)
    }

    // MARK: e

    @Test func eEditsTheNoteAtTheLineShownAtTheTop() throws {
        var state = Fixture.state(note: "alpha.md")
        let effects = Fixture.keys(&state, .character("e"))
        #expect(effects == [.edit(path: "alpha.md", near: SourceHint(from: 1))])
        // Scrolled to the second heading: its line in the file, found by its words.
        let part = try #require(state.reader.rendered.outline.first { $0.title == "Part two" })
        state.reader.scroll = part.line
        guard case .edit(let path, let hint)? = Fixture.keys(&state, .character("e")).first else {
            Issue.record("no edit effect"); return
        }
        #expect(path == "alpha.md")
        let source = Array(Fixture.notes["alpha.md"]!.utf8)
        let lines = Fixture.notes["alpha.md"]!.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[hint.line(in: source) - 1] == "## Part two")
        // In the middle of the filler: the line holding the words shown first.
        state.reader.scroll = part.line - 20
        guard case .edit(_, let middle)? = Fixture.keys(&state, .character("e")).first else { Issue.record("no edit effect"); return }
        let shown = state.reader.rendered.lines[state.reader.scroll].plainText
        let found = String(lines[middle.line(in: source) - 1])
        #expect(SourceHint.words(of: found).starts(with: SourceHint.words(of: shown).prefix(4)), "\(shown) → \(found)")
    }

    @Test func editedReloadsTheOpenNoteOnly() {
        var state = Fixture.state(note: "alpha.md")
        state.reader.scroll = 5
        #expect(update(&state, .edited(path: "beta.md")) == [])
        #expect(update(&state, .edited(path: "alpha.md")) == [.loadNote("alpha.md")])
        #expect(state.reader.target == .scroll(5), "the note comes back where it was")
    }

    @Test func sourceHintWordsAndFallbacks() {
        #expect(SourceHint.words(of: "• The **flywheel** — again, 2×!") == ["the", "flywheel", "again"])
        let text = Array("# Title\n\nalpha beta\n\n## Next\n\ngamma [delta](x.md) epsilon\n".utf8)
        #expect(SourceHint(from: 1, words: ["gamma", "delta", "epsilon"]).line(in: text) == 7)
        #expect(SourceHint(from: 1, before: 5, words: ["gamma"]).line(in: text) == 1, "outside the section: its start")
        #expect(SourceHint(from: 5, words: ["nothing", "here"]).line(in: text) == 5)
        #expect(SourceHint(from: 1, words: ["alpha", "zzz"]).line(in: text) == 3, "the first two words, then one")
    }

    @Test func theEditorCommand() {
        #expect(EditorCommand(visual: nil, editor: nil).words == ["vi"])
        #expect(EditorCommand(visual: "  ", editor: "nano").words == ["nano"])
        #expect(EditorCommand(visual: "emacsclient -t -a ''", editor: "vi").words == ["emacsclient", "-t", "-a", ""])
        #expect(EditorCommand(visual: nil, editor: #"/opt/My\ Editor/bin/ed "--x y""#).words == ["/opt/My Editor/bin/ed", "--x y"])
        let file = Array("/n/a b;rm.md".utf8)
        #expect(EditorCommand(visual: "nvim", editor: nil).arguments(file: file, line: 12)
                == [Array("nvim".utf8), Array("+12".utf8), file])
        #expect(EditorCommand(visual: "/usr/bin/code --wait", editor: nil).arguments(file: file, line: 3)
                == [Array("/usr/bin/code".utf8), Array("--wait".utf8), Array("-g".utf8), file + Array(":3".utf8)])
        #expect(EditorCommand(visual: "cursor", editor: nil).arguments(file: file, line: 3)
                == [Array("cursor".utf8), Array("--wait".utf8), Array("-g".utf8), file + Array(":3".utf8)], "blocks until closed")
        #expect(EditorCommand(visual: "subl -w", editor: nil).arguments(file: file, line: 7)
                == [Array("subl".utf8), Array("-w".utf8), file + Array(":7".utf8)])
        #expect(EditorCommand(visual: "mate -w", editor: nil).arguments(file: file, line: 7)
                == [Array("mate".utf8), Array("-w".utf8), Array("-l".utf8), Array("7".utf8), file])
    }

    // MARK: #

    @Test func tagsOverlayPutsTheTagInTheSearch() {
        var state = Fixture.state()
        #expect(Fixture.keys(&state, .character("#")) == [.findTags])
        #expect(state.overlay == .tags(items: nil, selection: 0))
        let items = TagCount.group([["project/alpha", "idea"], ["Project"], ["idea"]])
        Fixture.send(&state, .tagsFound(items))
        #expect(state.overlay == .tags(items: items, selection: 0))
        Fixture.keys(&state, .character("j"), .character("j"))
        #expect(state.overlay == .tags(items: items, selection: 2))
        // Indexing ends while it is open: the tags are gathered again, the selection kept.
        #expect(Fixture.send(&state, .indexFinished(notes: 5)) == [.findTags])
        Fixture.send(&state, .tagsFound(items))
        #expect(state.overlay == .tags(items: items, selection: 2))
        let effects = Fixture.keys(&state, .enter)
        #expect(state.overlay == nil && state.side == .search && state.focus == .searchInput)
        #expect(state.search.query == "tag:project/alpha ")
        #expect(effects == [.search(generation: state.search.generation, query: "tag:project/alpha ")])
    }

    @Test func tagsAreGroupedUnderTheirParents() {
        let items = TagCount.group([["project/alpha", "idea"], ["Project"], ["idea", "idea"], ["area/x/y"], ["Idea"]])
        #expect(items == [
            TagCount(name: "area", count: 1, depth: 0), TagCount(name: "area/x", count: 1, depth: 1),
            TagCount(name: "area/x/y", count: 1, depth: 2), TagCount(name: "idea", count: 3, depth: 0),
            TagCount(name: "project", count: 2, depth: 0), TagCount(name: "project/alpha", count: 1, depth: 1),
        ])
    }

    // MARK: > and <

    @Test func wideCodeAndTablesScrollSidewaysTogether() throws {
        var state = Fixture.state(width: 60, height: 24, note: "wide.md")
        Fixture.keys(&state, .character("\\"))
        #expect(state.reader.rendered.wide.count == 2)
        let step = state.sidewaysStep, most = state.maxSideways
        #expect(step == 29 && most > step)
        Fixture.keys(&state, .character(">"))
        #expect(state.reader.sideways == step)
        for _ in 0..<10 { Fixture.keys(&state, .character(">")) }
        #expect(state.reader.sideways == most, "no further than the widest block's end")
        Fixture.keys(&state, .character("<"))
        #expect(state.reader.sideways == most - step)
        Fixture.send(&state, .mouse(MouseEvent(.wheelLeft, x: 10, y: 5)))
        #expect(state.reader.sideways == most - step - 8, "Shift with the wheel")
        for _ in 0..<10 { Fixture.keys(&state, .character("<")) }
        #expect(state.reader.sideways == 0)
        // The window shows the end of the long line, with a marker for what is to the left.
        Fixture.keys(&state, .character("G"))
        for _ in 0..<10 { Fixture.keys(&state, .character(">")) }
        let screen = render(state)
        let rows = (0..<state.height).map { screen.text(row: $0) }
        #expect(rows.contains { $0.contains("‹") && $0.contains("END") })
        // A new note starts at the left; a note without wide blocks says there is nothing to move.
        Fixture.send(&state, .launched("alpha.md", .top))
        #expect(state.reader.sideways == 0)
        Fixture.keys(&state, .character(">"))
        #expect(state.message?.text == "Nothing in this note is wider than the pane")
    }

    @Test func aLinkInAScrolledTableIsFoundWhereItIsDrawn() throws {
        var state = Fixture.state(width: 60, height: 24, note: "wide.md")
        Fixture.keys(&state, .character("\\"))
        let link = try #require(state.reader.rendered.links.first { $0.target.destination == "beta.md" })
        let panes = Panes(state)
        Fixture.keys(&state, .character(">"))
        // The table is narrower than the code: it stops at its own end.
        let table = try #require(state.reader.rendered.wide.last)
        let shift = min(state.reader.sideways, table.maxOffset)
        #expect(shift == table.maxOffset && shift < state.reader.sideways)
        let drawn = Sideways(state.reader.rendered, offset: state.reader.sideways).screenColumn(line: link.line, link.start)
        #expect(drawn == link.start - shift)
        // Clicking where it is drawn follows it.
        Fixture.send(&state, .mouse(MouseEvent(.click, x: panes.reader.x + link.start - shift, y: panes.reader.y + link.line - state.reader.scroll)))
        #expect(state.currentPath == "beta.md")
    }

    // MARK: the config file's keys and list width

    @Test func boundKeysActAsTheActionExceptInText() {
        var state = Fixture.state()
        state.keyBindings = [.character("s"): .character("/"), .control("k"): .character("j")]
        Fixture.keys(&state, .control("k"))
        #expect(state.reader.scroll == 1)
        Fixture.keys(&state, .character("s"))
        #expect(state.focus == .searchInput)
        Fixture.keys(&state, .character("s"))
        #expect(state.search.query == "s", "in the query a bound key is a letter")
        let help = Keymap.help(bindings: state.keyBindings)
        #expect(help.suffix(3).map(\.keys) == ["", "Ctrl-K", "s"])
        #expect(help.suffix(2).map(\.action) == ["down", "search"])
    }

    @Test func theListWidthComesFromTheConfig() {
        var state = Fixture.state(width: 100, height: 30)
        #expect(Panes(state).side.width == 33)
        state.listWidth = 50
        #expect(Panes(state).side.width == 50)
        state.listWidth = 95
        #expect(Panes(state).side.width == 80, "the reader keeps 20 columns")
    }
}
