@testable import ScribblesApp
import ScribblesSearch
import ScribblesText
import Testing

/// `update` for the list and search panes, focus, resizing and the mouse.
@Suite struct PaneKeyTests {
    @Test func focusMovesWithHAndL() {
        var state = Fixture.state()
        Fixture.keys(&state, .character("h"))
        #expect(state.focus == .list)
        Fixture.keys(&state, .character("l"))
        #expect(state.focus == .reader)
        Fixture.keys(&state, .left)
        #expect(state.focus == .list)
        Fixture.keys(&state, .right)
        #expect(state.focus == .reader)
    }

    @Test func theListMovesSkipsSeparatorsAndOpens() {
        var state = Fixture.state()
        Fixture.keys(&state, .character("h"))
        #expect(state.list.selection == 0)
        let effects = Fixture.keys(&state, .character("j"), .character("j"))
        #expect(state.list.selection == 2)
        #expect(effects == [.describe("alpha.md")], "the selected note's description is asked for")
        Fixture.send(&state, .described("alpha.md", "The first note."))
        #expect(render(state).text(row: state.height - 1).contains("The first note."))
        Fixture.keys(&state, .character("j"), .character("j"))
        #expect(state.list.entries[state.list.selection].title == "Many", "the separator is skipped")
        Fixture.keys(&state, .character("k"))
        #expect(state.list.entries[state.list.selection].title == "Beta")
        Fixture.keys(&state, .enter)
        #expect(state.currentPath == "beta.md")
        #expect(state.focus == .reader)
        Fixture.keys(&state, .character("h"), .character("G"))
        #expect(state.list.entries[state.list.selection].title == "Website")
        #expect(Fixture.keys(&state, .enter) == [.openExternal("https://example.org")])
        Fixture.keys(&state, .character("g"))
        #expect(state.list.selection == 0)
        Fixture.keys(&state, .character(" "), .character("b"), .character("d"), .character("u"))
        #expect(state.list.selection == 0)
    }

    @Test func bracketsTurnThePagesInTheContentsOrder() {
        var state = Fixture.state()
        Fixture.keys(&state, .character("]"))
        #expect(state.currentPath == "alpha.md", "the group heading is no page")
        #expect(state.list.entries[state.list.selection].title == "Alpha", "the list follows")
        Fixture.keys(&state, .character("]"), .character("]"))
        #expect(state.currentPath == "many.md", "past the separator")
        Fixture.keys(&state, .character("]"))
        #expect(state.currentPath == "many.md", "the website is no page: many.md is the last")
        #expect(state.message?.text == "This is the last page")
        Fixture.keys(&state, .character("["), .character("["), .character("["))
        #expect(state.currentPath == "README.md")
        Fixture.keys(&state, .character("["))
        #expect(state.message?.text == "This is the first page")
        Fixture.keys(&state, .character("]"), .character("H"))
        #expect(state.currentPath == "README.md", "a turned page is in the history")
        // Pressed again while the first page still loads: two pages.
        var pressed = false
        Fixture.send(&state, .key(.character("]")), answer: { path in
            if !pressed {
                pressed = true
                return .key(.character("]"))
            }
            return .noteLoaded(Fixture.loaded(path))
        })
        #expect(state.currentPath == "beta.md")
    }

    @Test func backslashTogglesTheListAndTheReaderReflows() {
        var state = Fixture.state(width: 100)
        #expect(state.isListVisible)
        let narrow = state.reader.rendered.width
        Fixture.keys(&state, .character("\\"))
        #expect(!state.isListVisible)
        #expect(state.reader.rendered.width > narrow)
        Fixture.keys(&state, .character("\\"))
        #expect(state.isListVisible)
        #expect(state.reader.rendered.width == narrow)
    }

    @Test func belowSixtyColumnsTheListIsHiddenUntilAsked() {
        var state = Fixture.state(width: 50)
        #expect(!state.isListVisible)
        #expect(state.reader.rendered.width == 48)
        Fixture.keys(&state, .character("h"))
        #expect(state.isListVisible)
        #expect(Panes(state).reader.width == 0, "the list takes the whole width")
        Fixture.keys(&state, .character("j"), .character("j"), .enter)
        #expect(!state.isListVisible)
        #expect(state.currentPath == "alpha.md")
    }

    @Test func searchAsYouTypeDropsStaleResults() {
        var state = Fixture.state()
        Fixture.keys(&state, .character("/"))
        #expect(state.focus == .searchInput)
        #expect(state.side == .search)
        let first = Fixture.keys(&state, .character("f"))
        let second = Fixture.keys(&state, .character("l"))
        #expect(first == [.search(generation: 1, query: "f")])
        #expect(second == [.search(generation: 2, query: "fl")])
        #expect(state.search.pending)
        Fixture.send(&state, .searchFinished(generation: 1, hits: [Fixture.hit("beta.md", words: ["f"])]))
        #expect(state.search.hits.isEmpty, "a stale result is never shown")
        Fixture.send(&state, .searchFinished(generation: 2, hits: [Fixture.hit("alpha.md", heading: "Part two", words: ["flywheel"]),
                                                                   Fixture.hit("README.md", words: ["fl"])]))
        #expect(state.search.hits.count == 2)
        #expect(!state.search.pending)
        Fixture.keys(&state, .down)
        #expect(state.search.selection == 1)
        Fixture.keys(&state, .up)
        Fixture.keys(&state, .backspace)
        #expect(state.search.query == "f")
        #expect(state.search.generation == 3)
        Fixture.keys(&state, .control("u"))
        #expect(state.search.query.isEmpty)
        #expect(state.search.hits.isEmpty)
    }

    @Test func enterOpensAHitAtTheMatchAndNMoves() {
        var state = Fixture.state()
        Fixture.keys(&state, .character("/"), .character("f"), .character("l"), .character("y"))
        Fixture.send(&state, .searchFinished(generation: 3, hits: [Fixture.hit("alpha.md", heading: "Part two", words: ["flywheel"])]))
        Fixture.keys(&state, .enter)
        #expect(state.currentPath == "alpha.md")
        #expect(state.focus == .reader)
        #expect(state.reader.matches.count == 3, "flywheel, flywheel and flywheels")
        let current = try! #require(state.reader.currentMatch)
        let partTwo = state.reader.rendered.anchors["part-two"]!
        #expect(state.reader.matches[current].line > partTwo, "the first match under the hit's heading")
        Fixture.keys(&state, .character("n"))
        #expect(state.reader.currentMatch == current + 1)
        Fixture.keys(&state, .character("n"))
        #expect(state.reader.currentMatch == 0)
        #expect(state.message?.text == "Search wrapped to the top")
        Fixture.keys(&state, .character("N"))
        #expect(state.reader.currentMatch == 2)
        let line = state.reader.matches[2].line
        #expect(line >= state.reader.scroll && line < state.reader.scroll + state.pageHeight)
        // Esc goes back to the contents.
        Fixture.keys(&state, .escape)
        #expect(state.side == .contents)
        #expect(state.focus == .list)
    }

    @Test func tabMovesFromTheQueryToTheHits() {
        var state = Fixture.state()
        Fixture.keys(&state, .character("/"), .character("a"))
        Fixture.send(&state, .searchFinished(generation: 1, hits: [Fixture.hit("alpha.md", words: ["alpha"]), Fixture.hit("beta.md", words: ["alpha"])]))
        Fixture.keys(&state, .tab)
        #expect(state.focus == .searchHits)
        Fixture.keys(&state, .character("j"))
        #expect(state.search.selection == 1)
        Fixture.keys(&state, .character("/"))
        #expect(state.focus == .searchInput)
        Fixture.keys(&state, .escape)
        #expect(state.side == .contents)
    }

    @Test func indexingAndItsEndRerunTheSearch() {
        var state = Fixture.state()
        Fixture.send(&state, .indexProgress(done: 40, total: 100))
        #expect(render(state).text(row: state.height - 1).contains("indexing 40/100"))
        Fixture.keys(&state, .character("/"), .character("x"))
        #expect(Fixture.send(&state, .indexFinished(notes: 100)) == [.search(generation: 2, query: "x")])
        #expect(state.indexProgress == nil)
    }

    @Test func resizingReflowsAndKeepsThePlace() {
        var state = Fixture.state(width: 100, height: 30)
        Fixture.keys(&state, .character("d"), .character("d"))
        let fraction = Double(state.reader.scroll) / Double(state.reader.rendered.lines.count)
        Fixture.send(&state, .resized(width: 50, height: 30))
        #expect(state.reader.rendered.width == 48)
        #expect(state.reader.rendered.lines.allSatisfy { $0.width <= 48 })
        let after = Double(state.reader.scroll) / Double(state.reader.rendered.lines.count)
        #expect(abs(after - fraction) < 0.05)
        for (width, height) in [(20, 5), (1, 1), (3, 2), (200, 60)] {
            Fixture.send(&state, .resized(width: width, height: height))
            let screen = render(state)
            #expect(screen.width == width && screen.height == height)
            Fixture.keys(&state, .character("j"), .tab, .character("/"), .escape, .character("?"), .escape)
        }
    }

    @Test func theMouseScrollsAndClicks() {
        var state = Fixture.state()
        let panes = Panes(state)
        Fixture.send(&state, .mouse(MouseEvent(.wheelDown, x: panes.reader.x + 2, y: panes.reader.y + 2)))
        #expect(state.reader.scroll == 3)
        Fixture.send(&state, .mouse(MouseEvent(.wheelUp, x: panes.reader.x + 2, y: panes.reader.y + 2)))
        #expect(state.reader.scroll == 0)
        // Click the list's third row (Alpha).
        Fixture.send(&state, .mouse(MouseEvent(.click, x: panes.sideInner.x + 3, y: panes.sideInner.y + 2)))
        #expect(state.currentPath == "alpha.md")
        Fixture.keys(&state, .backspace)
        // Click on the first link of the README.
        let link = state.reader.rendered.links[0]
        Fixture.send(&state, .mouse(MouseEvent(.click, x: panes.reader.x + link.start, y: panes.reader.y + link.line - state.reader.scroll)))
        #expect(state.currentPath == "alpha.md")
    }
}
