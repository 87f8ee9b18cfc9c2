import Testing
import ScribblesLayout
import ScribblesMarkdown
import ScribblesText

/// Layout rules of Obsidian's blocks beyond the snapshots.
@Suite("Obsidian layout")
struct ObsidianLayoutTests {
    static let nested = "> [!note]- A\n> > [!tip]- B\n> > inner B\n\n> [!warning]- C\n> body C\n"

    func text(_ toggled: Set<Int>) -> String {
        layout(MarkdownParser.parse(Self.nested), width: 60,
               options: LayoutOptions(foldsCallouts: true, toggledCallouts: toggled)).plainText
    }

    @Test func calloutNumbersDoNotDependOnWhatIsFolded() {
        // A is 0, B (inside A) 1, C 2, whether A is open or not.
        #expect(text([2]).contains("body C") && !text([2]).contains("inner B"))
        #expect(text([0, 2]).contains("body C") && text([0, 2]).contains("▸ ✦ B") && !text([0, 2]).contains("inner B"))
        #expect(text([0, 1]).contains("inner B") && !text([0, 1]).contains("body C"))
    }

    @Test func renderShowsFoldedCalloutsOpenWithoutMarkers() {
        let open = layout(MarkdownParser.parse(Self.nested), width: 60).plainText
        #expect(open.contains("inner B") && open.contains("body C") && !open.contains("▸") && !open.contains("▾"))
    }

    @Test func aNoteWithoutAnOpeningH1IsTitledByItsName() {
        let note = layout(MarkdownParser.parse("Intro.\n\n# A section\n\nText."), width: 40, options: LayoutOptions(title: "My note"))
        #expect(note.lines.first?.plainText == "My note")
        #expect(note.outline.map(\.title) == ["A section"])
        let titled = layout(MarkdownParser.parse("# Real title\n\nText."), width: 40, options: LayoutOptions(title: "My note"))
        #expect(titled.lines.first?.plainText == "Real title")
    }

    @Test func blockIdsAndHeadingsByTextAreFound() {
        let note = layout(MarkdownParser.parse("# T\n\n## Setup: step 1\n\n### Details\n\nA paragraph. ^para\n"), width: 40)
        let details = note.outline.first { $0.title == "Details" }?.line
        #expect(note.line(forFragment: "Setup step 1#details") == details)
        #expect(note.line(forFragment: "^PARA").map { note.lines[$0].plainText } == "A paragraph.")
        #expect(note.line(forFragment: "nowhere") == nil)
    }
}
