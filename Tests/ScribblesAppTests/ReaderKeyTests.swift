@testable import ScribblesApp
import ScribblesLayout
import ScribblesSearch
@testable import ScribblesVault
import ScribblesText
import Testing

/// `update` for the reader's keys: scrolling, links, history, hints.
@Suite struct ReaderKeyTests {
    @Test func opensTheLaunchedNote() {
        let state = Fixture.state()
        #expect(state.currentPath == "README.md")
        #expect(state.reader.scroll == 0)
        #expect(state.reader.rendered.lines.count > 100)
        #expect(state.list.entries[state.list.selection].note == "README.md")
    }

    @Test func linesPagesHalvesAndEnds() {
        var state = Fixture.state()
        let page = state.pageHeight
        Fixture.keys(&state, .character("j"), .down, .character("j"))
        #expect(state.reader.scroll == 3)
        Fixture.keys(&state, .character("k"), .up)
        #expect(state.reader.scroll == 1)
        Fixture.keys(&state, .character(" "))
        #expect(state.reader.scroll == 1 + page)
        Fixture.keys(&state, .pageDown)
        #expect(state.reader.scroll == 1 + 2 * page)
        Fixture.keys(&state, .character("b"), .pageUp)
        #expect(state.reader.scroll == 1)
        Fixture.keys(&state, .character("d"))
        #expect(state.reader.scroll == 1 + page / 2)
        Fixture.keys(&state, .character("u"))
        #expect(state.reader.scroll == 1)
        Fixture.keys(&state, .character("G"))
        #expect(state.reader.scroll == state.reader.rendered.lines.count - page)
        Fixture.keys(&state, .character("j"))
        #expect(state.reader.scroll == state.reader.rendered.lines.count - page, "scrolling stops at the bottom")
        Fixture.keys(&state, .character("g"))
        #expect(state.reader.scroll == 0)
        Fixture.keys(&state, .character("k"))
        #expect(state.reader.scroll == 0, "and at the top")
    }

    @Test func tabSelectsFromTheFirstVisibleLinkAndShiftTabFromTheLast() {
        var state = Fixture.state()
        Fixture.keys(&state, .tab)
        let first = try! #require(state.reader.selectedLink)
        #expect(target(state, first).destination == "alpha.md")
        Fixture.keys(&state, .tab)
        #expect(target(state, state.reader.selectedLink!).destination == "beta.md#second")
        Fixture.keys(&state, .backTab)
        #expect(state.reader.selectedLink == first)
        // From the bottom of the note, Tab starts at the first link on screen there.
        Fixture.keys(&state, .escape, .character("G"), .tab)
        #expect(target(state, state.reader.selectedLink!).destination == "beta.md")
        Fixture.keys(&state, .escape, .character("g"), .backTab)
        #expect(target(state, state.reader.selectedLink!).destination == "https://example.org/page", "last link on the first screen")
    }

    @Test func tabBeyondTheScreenScrollsToTheLink() {
        var state = Fixture.state()
        Fixture.keys(&state, .character("g"))
        for _ in 0..<6 { Fixture.keys(&state, .tab) }
        let selected = try! #require(state.reader.selectedLink)
        #expect(target(state, selected).destination == "beta.md")
        let line = state.reader.rendered.links[state.reader.linkGroups[selected][0]].line
        #expect(line >= state.reader.scroll && line < state.reader.scroll + state.pageHeight)
    }

    @Test func enterFollowsAndBackRestoresThePosition() {
        var state = Fixture.state()
        Fixture.keys(&state, .character("j"), .character("j"), .tab)
        let effects = Fixture.keys(&state, .enter)
        #expect(state.currentPath == "alpha.md")
        #expect(effects.contains(.saveSession(path: "alpha.md", line: 0)))
        #expect(state.back == [Visit(path: "README.md", scroll: 2)])
        Fixture.keys(&state, .character("j"))
        Fixture.keys(&state, .backspace)
        #expect(state.currentPath == "README.md")
        #expect(state.reader.scroll == 2)
        #expect(state.forward == [Visit(path: "alpha.md", scroll: 1)])
        Fixture.keys(&state, .character("L"))
        #expect(state.currentPath == "alpha.md")
        #expect(state.reader.scroll == 1)
        Fixture.keys(&state, .character("H"))
        #expect(state.currentPath == "README.md")
    }

    @Test func anchorsScrollToTheirHeading() {
        var state = Fixture.state()
        Fixture.keys(&state, .tab, .tab, .enter)
        #expect(state.currentPath == "beta.md")
        let second = try! #require(state.reader.rendered.anchors["second"])
        #expect(state.reader.scroll == min(second, state.maxScroll))
        #expect(state.message == nil)
    }

    @Test func wikilinksResolveByName() {
        var state = Fixture.state(note: "beta.md")
        Fixture.keys(&state, .tab)
        #expect(target(state, state.reader.selectedLink!).kind == .wiki)
        Fixture.keys(&state, .enter)
        #expect(state.currentPath == "alpha.md")
    }

    @Test func aBrokenLinkSaysWhyAndGoesNowhere() {
        var state = Fixture.state()
        Fixture.keys(&state, .tab, .tab, .tab, .tab)
        #expect(target(state, state.reader.selectedLink!).destination == "missing.md")
        let effects = Fixture.keys(&state, .enter)
        #expect(effects.isEmpty)
        #expect(state.currentPath == "README.md")
        #expect(state.message?.isError == true)
        #expect(state.message?.text.hasPrefix("Broken link") == true)
    }

    @Test func externalLinksAreOfferedToX() {
        var state = Fixture.state()
        Fixture.keys(&state, .tab, .tab, .tab, .tab, .tab)
        #expect(Fixture.keys(&state, .enter).isEmpty)
        #expect(state.message?.text.contains("x opens it") == true)
        #expect(Fixture.keys(&state, .character("x")) == [.openExternal("https://example.org/page")])
        // x on a note link says what to do instead.
        Fixture.keys(&state, .tab)
        #expect(Fixture.keys(&state, .character("x")).isEmpty)
        Fixture.keys(&state, .escape)
        #expect(Fixture.keys(&state, .character("x")).isEmpty)
        #expect(state.message?.text.contains("Tab") == true)
    }

    @Test func fNumbersLinksAndADigitFollows() {
        var state = Fixture.state()
        Fixture.keys(&state, .character("f"))
        #expect(state.reader.linkHint == "")
        Fixture.keys(&state, .character("1"))
        #expect(state.reader.linkHint == nil)
        #expect(state.currentPath == "alpha.md")
    }

    @Test func fWaitsForASecondDigitWhenThereAreTenOrMoreLinks() {
        var state = Fixture.state(note: "many.md")
        #expect(state.visibleLinkGroups.count == 12)
        Fixture.keys(&state, .character("f"), .character("1"))
        #expect(state.reader.linkHint == "1", "1 could still become 10, 11 or 12")
        Fixture.keys(&state, .character("2"))
        #expect(state.reader.linkHint == nil)
        #expect(state.currentPath == "alpha.md")
        Fixture.keys(&state, .backspace, .character("f"), .character("1"), .enter)
        #expect(state.currentPath == "alpha.md", "Enter takes link 1 at once")
        Fixture.keys(&state, .backspace, .character("f"), .character("1"), .character("3"))
        #expect(state.currentPath == "many.md")
        #expect(state.message?.text == "No link numbered 13")
        Fixture.keys(&state, .character("f"), .character("9"))
        #expect(state.currentPath == "alpha.md", "9 cannot grow into a number up to 12: it follows at once")
        Fixture.keys(&state, .backspace)
        Fixture.keys(&state, .character("f"), .escape)
        #expect(state.reader.linkHint == nil)
    }

    @Test func outlineJumpsToAHeading() {
        var state = Fixture.state(note: "beta.md")
        Fixture.keys(&state, .character("o"))
        #expect(state.overlay == .outline(selection: 0))
        Fixture.keys(&state, .character("G"), .enter)
        #expect(state.overlay == nil)
        #expect(state.reader.scroll == min(state.reader.rendered.anchors["second"]!, state.maxScroll))
        #expect(state.back.last?.path == "beta.md", "the jump can be undone with Backspace")
    }

    @Test func backlinksAskTheRuntimeAndOpenTheChosenNote() {
        var state = Fixture.state(note: "alpha.md")
        #expect(Fixture.keys(&state, .character("B")) == [.findBacklinks("alpha.md")])
        #expect(state.overlay == .backlinks(path: "alpha.md", items: nil, selection: 0))
        Fixture.send(&state, .backlinksFound(path: "alpha.md", [Backlink(source: "beta.md", line: 5, kind: .wiki)]))
        Fixture.keys(&state, .enter)
        #expect(state.overlay == nil)
        #expect(state.currentPath == "beta.md")
    }

    @Test func helpOpensAndCloses() {
        var state = Fixture.state()
        Fixture.keys(&state, .character("?"))
        #expect(state.overlay == .help(scroll: 0))
        Fixture.keys(&state, .character("j"))
        #expect(state.overlay == .help(scroll: 1))
        #expect(state.reader.scroll == 0, "keys go to the overlay")
        Fixture.keys(&state, .escape)
        #expect(state.overlay == nil)
        Fixture.keys(&state, .character("?"), .character("?"))
        #expect(state.overlay == nil)
    }

    @Test func reloadAndQuit() {
        var state = Fixture.state()
        Fixture.keys(&state, .character("j"))
        let effects = Fixture.keys(&state, .character("r"))
        #expect(effects == [.reopenCollection, .saveSession(path: "README.md", line: 1)])
        #expect(state.reader.scroll == 1)
        #expect(Fixture.keys(&state, .character("q")) == [.saveSession(path: "README.md", line: 1), .quit])
    }

    @Test func aChangedNoteReloadsInPlace() {
        var state = Fixture.state()
        Fixture.keys(&state, .character("j"), .character("j"), .character("j"), .tab)
        let effects = Fixture.send(&state, .filesChanged(paths: ["README.md", "other.md"], structure: true))
        #expect(effects.first == .reopenCollection)
        #expect(state.reader.scroll == 3)
        #expect(state.back.isEmpty)
        #expect(Fixture.send(&state, .filesChanged(paths: ["beta.md"], structure: false)).isEmpty)
    }

    @Test func aFailedLoadShowsTheReasonAndKeepsThePage() {
        var state = Fixture.state()
        _ = update(&state, .key(.tab))
        let effects = update(&state, .key(.enter))
        #expect(effects == [.loadNote("alpha.md")])
        Fixture.send(&state, .noteFailed(path: "alpha.md", message: "alpha.md: permission denied"))
        #expect(state.currentPath == "README.md")
        #expect(state.message == StatusMessage(text: "alpha.md: permission denied", isError: true))
    }

    @Test func aStaleLoadIsDropped() {
        var state = Fixture.state()
        _ = update(&state, .key(.tab))
        _ = update(&state, .key(.enter))
        _ = update(&state, .key(.tab))
        // While alpha.md loads, the user goes to the list and opens beta.md.
        state.reader.loading = "beta.md"
        Fixture.send(&state, .noteLoaded(Fixture.loaded("alpha.md")))
        #expect(state.currentPath == "README.md")
        Fixture.send(&state, .noteLoaded(Fixture.loaded("beta.md")))
        #expect(state.currentPath == "beta.md")
    }

    @Test func linksWaitForTheCollectionToOpen() {
        var state = AppState(width: 100, height: 30)
        var placeholder = Fixture.collection
        placeholder.isComplete = false
        placeholder.toc = []
        Fixture.send(&state, .collectionOpened(placeholder))
        Fixture.send(&state, .launched("README.md", .top))
        #expect(Fixture.keys(&state, .tab, .enter).isEmpty)
        #expect(state.currentPath == "README.md")
        #expect(state.message?.text.hasPrefix("Still opening the collection") == true)
        #expect(render(state).text(row: 2).contains("Opening…"))
        // The real collection arrives, and the note is read again for its cards.
        Fixture.send(&state, .collectionOpened(Fixture.collection))
        let effects = Fixture.send(&state, .filesChanged(paths: ["README.md"], structure: false))
        #expect(effects == [.saveSession(path: "README.md", line: 0)])
        Fixture.keys(&state, .enter)
        #expect(state.currentPath == "alpha.md")
    }

    private func target(_ state: AppState, _ group: Int) -> LinkTarget {
        state.reader.rendered.links[state.reader.linkGroups[group][0]].target
    }
}
