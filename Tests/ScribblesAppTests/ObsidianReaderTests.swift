@testable import ScribblesApp
import ScribblesLayout
import ScribblesMarkdown
import ScribblesText
@testable import ScribblesVault
import Testing

/// `update` for Obsidian vaults: folded callouts open and close with Enter, heading and block
/// links scroll to their place, attachments are offered to `x`, notes without an H1 show
/// their file name as the title.
@Suite struct ObsidianReaderTests {
    static let filler = (1...40).map { "Filler line \($0) so that the page scrolls." }.joined(separator: "\n\n")

    static let notes: [String: String] = [
        "Start.md": """
            Intro with a [[Garden#Beds#Raised beds|raised bed link]] and a [[Garden#^compost-ratio|block link]].

            > [!faq]- Why fold?
            > Because the answer is long.
            > It has [[Garden|a link]] inside.

            > [!tip]+ Open at first
            > Visible body.

            ![[photo.png]]

            Jump to [[#Far away]] on this page.

            \(filler)

            ## Far away

            The end.
            """,
        "Garden.md": """
            # Garden

            ## Beds

            \(filler)

            ### Raised beds

            Raised beds drain well.

            Three parts brown to one part green. ^compost-ratio

            \(filler)
            """,
        "photo.png": "",
    ]

    static var collection: Collection {
        var index = VaultIndex()
        for path in notes.keys {
            index.add(.init(path: path, fsPath: Array(("/v/" + path).utf8), isNote: path.hasSuffix(".md")))
        }
        index.finish()
        index.dialect = .obsidian
        let toc = [TOCEntry(kind: .page("Start.md"), title: "Start", depth: 0), TOCEntry(kind: .page("Garden.md"), title: "Garden", depth: 0)]
        return Collection(title: "Vault", toc: toc, resolver: LinkResolver(index: index), home: "Start.md")
    }

    static func loaded(_ path: String) -> LoadedNote {
        let document = MarkdownParser.parse(notes[path] ?? "")
        return LoadedNote(path: path, document: document, title: document.title ?? VaultIndex.noteName(path), description: nil)
    }

    @discardableResult
    static func send(_ state: inout AppState, _ event: Event) -> [Effect] {
        Fixture.send(&state, event) { .noteLoaded(loaded($0)) }
    }

    static func state() -> AppState {
        var state = AppState(width: 100, height: 30)
        send(&state, .collectionOpened(collection))
        send(&state, .launched("Start.md", .top))
        return state
    }

    static func rows(_ state: AppState) -> [String] { state.reader.rendered.lines.map(\.plainText) }

    /// Tabs until the selected link's target satisfies `matches` (at most 40 presses).
    static func tab(_ state: inout AppState, until matches: (LinkTarget) -> Bool) -> LinkTarget? {
        for _ in 0..<40 {
            send(&state, .key(.tab))
            if let group = state.reader.selectedLink, let first = state.reader.linkGroups[group].first {
                let target = state.reader.rendered.links[first].target
                if matches(target) { return target }
            }
        }
        return nil
    }

    @Test func aNoteWithoutAnH1IsTitledByItsFileName() {
        let state = Self.state()
        #expect(Self.rows(state).first == "Start")
        #expect(Self.rows(state)[1].hasPrefix("─────"))
    }

    @Test func aFoldedCalloutOpensAndClosesWithEnter() throws {
        var state = Self.state()
        let folded = try #require(Self.rows(state).first { $0.contains("Why fold?") })
        #expect(folded.hasPrefix("▸ ? Why fold?"))
        #expect(!Self.rows(state).contains { $0.contains("Because the answer is long") })
        #expect(Self.rows(state).contains { $0.hasPrefix("▾ ✦ Open at first") })
        #expect(Self.rows(state).contains { $0.contains("Visible body.") })
        // Tab reaches the folded callout like a link; Enter opens it and keeps it selected.
        let toggle = try #require(Self.tab(&state) { $0.kind == .callout })
        #expect(toggle.destination == "0")
        let selected = state.reader.selectedLink
        Self.send(&state, .key(.enter))
        #expect(Self.rows(state).contains { $0.hasPrefix("▾ ? Why fold?") })
        #expect(Self.rows(state).contains { $0.contains("Because the answer is long") })
        #expect(state.reader.selectedLink == selected)
        #expect(state.currentPath == "Start.md")
        // The link inside is now reachable; Enter on the title folds it again.
        Self.send(&state, .key(.enter))
        #expect(!Self.rows(state).contains { $0.contains("Because the answer is long") })
    }

    @Test func headingPathsAndBlockIdsScrollToTheirLine() throws {
        var state = Self.state()
        #expect(Self.tab(&state) { $0.destination == "Garden#Beds#Raised beds" } != nil)
        Self.send(&state, .key(.enter))
        #expect(state.currentPath == "Garden.md")
        let raised = try #require(state.reader.rendered.outline.first { $0.title == "Raised beds" }).line
        #expect(state.reader.scroll == min(raised, state.reader.rendered.lines.count - state.pageHeight))
        Self.send(&state, .key(.backspace))
        #expect(state.currentPath == "Start.md")
        #expect(Self.tab(&state) { $0.destination == "Garden#^compost-ratio" } != nil)
        Self.send(&state, .key(.enter))
        let block = try #require(state.reader.rendered.anchors["^compost-ratio"])
        #expect(Self.rows(state)[block].hasPrefix("Three parts brown"))
        #expect(state.reader.scroll == min(block, state.reader.rendered.lines.count - state.pageHeight))
    }

    @Test func aSameNoteHeadingLinkJumps() throws {
        var state = Self.state()
        #expect(Self.tab(&state) { $0.destination == "#Far away" } != nil)
        Self.send(&state, .key(.enter))
        let far = try #require(state.reader.rendered.outline.first { $0.title == "Far away" }).line
        #expect(state.reader.scroll == min(far, state.reader.rendered.lines.count - state.pageHeight))
        #expect(state.message == nil || state.message?.isError == false)
    }

    @Test func anAttachmentEmbedIsAPlaceholderThatXOpens() throws {
        var state = Self.state()
        #expect(Self.rows(state).contains("[image: photo.png]"))
        #expect(Self.tab(&state) { $0.kind == .wikiEmbed && $0.destination == "photo.png" } != nil)
        Self.send(&state, .key(.enter))
        #expect(state.currentPath == "Start.md")
        #expect(state.message?.text.contains("x opens it") == true)
        let effects = Self.send(&state, .key(.character("x")))
        #expect(effects.contains(.openFile("photo.png")))
    }
}
