import Testing
import ScribblesLayout
import ScribblesMarkdown
import ScribblesText

@Suite("Layout rules")
struct LayoutRuleTests {
    @Test func descriptionSitsUnderTheTitleAsASummary() {
        let note = render("---\ndescription: A short lead.\n---\n\n# Title\n\nBody.", width: 40)
        #expect(rows(note) == ["Title", "─────", "", "▌ A short lead.", "", "Body."])
        #expect(note.lines[3].spans.allSatisfy { $0.style.role == .summary })
    }

    @Test func bulletsNestWithAMarkerPerLevelAndHangingIndents() {
        let note = render("- one\n  - two\n    - three\n      - four words that wrap here", width: 20)
        #expect(rows(note) == ["● one", "  ○ two", "    ▪ three", "      ▫ four words", "        that wrap", "        here"])
    }

    @Test func quotesCarryABarPerLevelOnEveryWrappedLine() {
        let note = render("> outer **bold** words\n>\n> > inner *italic* words that wrap", width: 16)
        #expect(rows(note) == ["┃ outer bold", "┃ words", "┃", "┃ ┃ inner italic", "┃ ┃ words that", "┃ ┃ wrap"])
        let bold = note.lines[0].spans.first { $0.text == "bold" }
        #expect(bold?.style.emphasis.contains(.bold) == true)
        #expect(bold?.style.role == .quote)
    }

    @Test func pageRefCardShowsTheTargetWhenKnown() {
        let markdown = "{% page-ref page=\"a.md\" %}"
        let plain = render(markdown, width: 30)
        #expect(rows(plain)[0].contains("→ a.md"))
        let known = render(markdown, width: 30) { _ in CardInfo(title: "Alpha", description: "About alpha") }
        #expect(rows(known).count == 3)
        #expect(rows(known)[0].hasPrefix("┌─ → Alpha ──"))
        #expect(rows(known)[1] == "│ About alpha                │")
        #expect(rows(known)[2].hasSuffix("─ a.md ─┘"))
        #expect(known.lines.allSatisfy { $0.width == 30 })
        #expect(known.links.count == 3)
        #expect(known.links.allSatisfy { $0.target == LinkTarget(.pageRef, "a.md") })
    }

    @Test func embedIsOneLineWithCaptionOrHost() {
        #expect(rows(render("{% embed url=\"https://www.youtube.com/watch?v=x\" %}", width: 80)) ==
                ["▶ youtube.com — https://www.youtube.com/watch?v=x"])
        #expect(rows(render("{% embed url=\"https://e.org/a\" caption=\"Talk\" %}", width: 80)) == ["↗ Talk — https://e.org/a"])
    }

    @Test func hintIsALabelledBoxByStyle() {
        let note = render("{% hint style=\"danger\" %}\nStop.\n{% endhint %}", width: 20)
        #expect(rows(note) == ["✖ Danger ───────────", "│ Stop."])
        #expect(note.lines[0].spans[0].style.role == .hint(.danger))
    }

    @Test func tabsBecomeTitledSections() {
        let note = render("{% tabs %}\n{% tab title=\"A\" %}\nalpha\n{% endtab %}\n{% tab title=\"B\" %}\nbeta\n{% endtab %}\n{% endtabs %}", width: 30)
        #expect(rows(note) == ["▸ A │ B", "", "▸ A", "  alpha", "", "▸ B", "  beta"])
    }

    @Test func imagesShowAltAndPath() {
        #expect(rows(render("![A chart](img/c.png)", width: 40)) == ["[image: A chart]"])
        #expect(rows(render("<figure><img src=\"f.png\" alt=\"Fig\"><figcaption><p>Cap</p></figcaption></figure>", width: 40)) ==
                ["[image: Fig] f.png", "Cap"])
    }

    /// HTML's white space collapses inside links too: the line ends around a badge's image
    /// in `<a>` showed as `␊` (the README of the Obsidian corpus).
    @Test func whiteSpaceInHTMLLinksCollapses() {
        let html = "<p align=\"center\">\n  <a href=\"https://x.org\">\n    <img src=\"a.svg\">\n  </a>\n  <a href=\"https://y.org\">\n  <img alt=\"Badge\" src=\"b.svg\">\n  </a>\n</p>"
        #expect(rows(render(html, width: 40)) == ["[image] [image: Badge]"])
        #expect(rows(render("<p><a href=\"https://x.org\">\n  Some <b>bold</b>\n  text\n</a></p>", width: 40)) == ["Some bold text"])
    }

    @Test func tablesFitTheWidth() {
        let markdown = """
        | Name | Description | Count |
        | :--- | :---: | ---: |
        | Alpha | A long description that must wrap inside its column | 12 |
        """
        for width in [20, 30, 40, 80] {
            let note = render(markdown, width: width)
            #expect(note.lines.allSatisfy { $0.width <= width }, "width \(width): \(rows(note))")
            #expect(note.plainText.contains("Alpha"))
        }
        let note = render(markdown, width: 40)
        #expect(rows(note)[0] == "Name  │       Description        │ Count")
    }

    @Test func codeIsNeverReflowed() {
        let long = String(repeating: "x", count: 100)
        let note = render("```sh\n\(long)\nshort\n```", width: 30)
        #expect(rows(note) == ["┌─ sh ───────────────────────┐", "│ xxxxxxxxxxxxxxxxxxxxxxxxx… │",
                               "│ short                      │", "└────────────────────────────┘"])
    }

    @Test func wideCharactersWrapByCells() {
        let note = render("開発者関係は大切です。開発者関係は大切です。", width: 10)
        #expect(note.lines.allSatisfy { $0.width <= 10 })
        #expect(rows(note)[0] == "開発者関係")
    }

    @Test func linkRegionsCoverTheLinkText() {
        let note = render("See [the docs](https://e.org) now.", width: 80)
        #expect(note.links == [LinkRegion(line: 0, start: 4, end: 12, target: LinkTarget(.link, "https://e.org"))])
        #expect(note.links[0].target.isExternal)
    }

    @Test func anchorsAndOutlineFollowHeadings() {
        let note = render("# T\n\n## One\n\ntext\n\n### Two <a id=\"x2\"></a>", width: 40)
        #expect(note.outline.map(\.anchor) == ["t", "one", "x2"])
        #expect(note.anchors["x2"].map { rows(note)[$0] } == "Two")
    }

    @Test func escapeSequencesInNotesAreShownNotSent() {
        let note = render("# Evil \u{1B}]52;c;aGk=\u{07}\n\nText \u{1B}[2J and \u{9B}31m and `\u{1B}[31m`", width: 80)
        for line in note.lines {
            #expect(!line.plainText.unicodeScalars.contains { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) })
        }
        #expect(note.plainText.contains("␛[2J"))
    }

    @Test(arguments: [1, 2, 5, 13, 40])
    func everyLineFitsAtAnyWidth(_ width: Int) {
        let markdown = "# Title\n\n> quote with words\n\n- a\n  - b\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\ncode\n```\n\n{% hint %}\nx\n{% endhint %}\n\n{% page-ref page=\"p.md\" %}"
        let note = render(markdown, width: width)
        #expect(note.lines.allSatisfy { $0.width <= max(width, LayoutRuleTests.floor(width)) }, "\(rows(note))")
        #expect(note.plainText.filter { $0 != "\n" && $0 != " " && $0 != "┃" }.contains("quote"))
    }

    /// Below the minimum content width nesting stops indenting, so only gutters can overflow.
    static func floor(_ width: Int) -> Int { width < 12 ? 12 : width }

    @Test func deepNestingStopsIndenting() {
        let markdown = (0..<1000).map { String(repeating: "> ", count: $0 + 1) + "level\($0)" }.joined(separator: "\n")
        let note = render(markdown, width: 40)
        #expect(note.lines.allSatisfy { $0.width <= 40 })
        #expect(note.plainText.contains("level999"))
    }

    @Test func aMegabyteLineWraps() {
        let note = render(String(repeating: "word ", count: 200_000), width: 100)
        #expect(note.lines.count > 9_000)
        #expect(note.lines.allSatisfy { $0.width <= 100 })
    }
}
