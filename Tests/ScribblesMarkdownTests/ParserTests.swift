import Testing
@testable import ScribblesMarkdown
import ScribblesText

@Suite("Front matter")
struct FrontMatterTests {
    @Test func foldedDescriptionAndFlags() {
        let doc = parse("""
        ---
        description: >-
          One long
          summary line
        title: Fallback
        hidden: true
        layout:
          description:
            visible: false
        ---

        # Real title
        """)
        #expect(doc.frontMatter.description == "One long summary line")
        #expect(doc.frontMatter.isHidden)
        #expect(!doc.frontMatter.isDescriptionVisible)
        #expect(doc.title == "Real title")
    }

    @Test func yamlEscapesAreDecoded() {
        let doc = parse("---\ndescription: \"a\\_b\"\n---\ntext")
        #expect(doc.frontMatter.description == "a\u{A0}b")
    }

    /// Yams force-unwraps mapping keys as strings; a list or mapping as a key (in a nested
    /// mapping too) crashed the process before (cost fuzzer, Tests/Fixtures/crashers/cost/).
    @Test(arguments: ["aliases:\n ? - Start here\ntags: [a]", "? [a, b]\n: c", "outer:\n  inner:\n    ? {k: v}\n    : x",
                      "s: !!set\n  ? [a]\n"])
    func keysThatAreNotTextMakeTheFrontMatterMalformed(_ yaml: String) {
        let doc = parse("---\n\(yaml)\n---\n\n# Title\n\nBody text")
        #expect(doc.frontMatter.isMalformed)
        #expect(doc.title == "Title")
        #expect(allText(doc).contains("Body text"))
    }

    @Test func malformedYamlIsHiddenAndTheBodyKept() {
        let doc = parse("---\ndescription: [unclosed\n---\n\n# Title\n\nBody text")
        #expect(doc.frontMatter.isMalformed)
        #expect(doc.frontMatter.description == nil)
        #expect(doc.title == "Title")
        #expect(allText(doc).contains("Body text"))
    }

    @Test func titleFallsBackToFrontMatter() {
        #expect(parse("---\ntitle: From YAML\n---\nno heading").title == "From YAML")
    }
}

@Suite("Headings and anchors")
struct AnchorTests {
    func anchors(_ text: String) -> [String] {
        allBlocks(parse(text).blocks).compactMap { if case .heading(let h) = $0 { h.anchor } else { nil } }
    }

    @Test func explicitAnchorsInEveryEra() {
        let result = anchors("""
        ## Legacy <a id="legacy-id"></a>

        ## Middle <a href="mid" id="mid"></a>

        ## New <a href="#new-id" id="new-id"></a>

        ## Braced {#braced-id}
        """)
        #expect(result == ["legacy-id", "mid", "new-id", "braced-id"])
    }

    @Test func slugsAreGitBookStyleAndUnique() {
        #expect(anchors("## Hello, World!\n\n## Setup\n\n## Setup\n\n## 🎤 Giving talks") ==
                ["hello-world", "setup", "setup-1", "giving-talks"])
    }

    @Test func anchorMarkupLeavesTheHeadingText() {
        guard case .heading(let h)? = parse("## Title&#x20; <a id=\"x\"></a>").blocks.first else {
            Issue.record("no heading")
            return
        }
        #expect(h.content.plainText == "Title")
    }

    @Test func zeroWidthArtifactsAreRemoved() {
        let doc = parse("## Str\u{200B}uc\u{200C}ture\u{FEFF}\n\n\u{200C}\n\ntext")
        #expect(anchors("## Str\u{200B}uc\u{200C}ture") == ["structure"])
        #expect(!allText(doc).unicodeScalars.contains { [0x200B, 0x200C, 0xFEFF].contains($0.value) })
    }
}

@Suite("GitBook tags")
struct TagTests {
    @Test func hintPairsAndTakesItsStyle() {
        let doc = parse("{% hint style=\"warning\" %}\nCareful **now**.\n{% endhint %}\n\nAfter.")
        guard case .hint(let hint)? = doc.blocks.first else {
            Issue.record("expected a hint, got \(doc.blocks)")
            return
        }
        #expect(hint.kind == .warning)
        #expect(hint.blocks.count == 1)
        #expect(doc.blocks.count == 2)
    }

    @Test(arguments: [("tip", HintKind.success), ("working", .warning), ("danger", .danger), ("nope", .info)])
    func legacyHintStyles(_ style: String, _ kind: HintKind) {
        guard case .hint(let hint)? = parse("{% hint style='\(style)' %}\nx\n{% endhint %}").blocks.first else {
            Issue.record("no hint")
            return
        }
        #expect(hint.kind == kind)
    }

    @Test func tagsInsideCodeStayLiteral() {
        let doc = parse("```\n{% hint style=\"info\" %}\ninside\n{% endhint %}\n```\n\nUse `{% page-ref page=\"x\" %}` here.")
        guard case .code(let code)? = doc.blocks.first else {
            Issue.record("no code block")
            return
        }
        #expect(code.text == "{% hint style=\"info\" %}\ninside\n{% endhint %}\n")
        guard case .paragraph(let inlines)? = doc.blocks.last else { return }
        #expect(inlines.contains(.code("{% page-ref page=\"x\" %}")))
    }

    @Test func tagLineAfterAListItemIsNotSwallowed() {
        let doc = parse("{% hint style=\"info\" %}\n* one\n* two\n{% endhint %}\n\nOutside")
        guard case .hint(let hint)? = doc.blocks.first else {
            Issue.record("no hint: \(doc.blocks)")
            return
        }
        #expect(hint.blocks.count == 1)
        #expect(doc.blocks.count == 2)
    }

    @Test func tabsWithTitlesAndAnUntitledTab() {
        let doc = parse("{% tabs %}\n{% tab title=\"Mac\" %}\nm\n{% endtab %}\n{% tab %}\nx\n{% endtab %}\n{% endtabs %}")
        guard case .tabs(let tabs)? = doc.blocks.first else {
            Issue.record("no tabs")
            return
        }
        #expect(tabs.map(\.title) == ["Mac", "Tab 2"])
    }

    @Test func embedsInAllThreeShapes() {
        let doc = parse("""
        {% embed url="https://youtu.be/a\\_b" %}

        {% embed url="https://github.com/x" caption="Repo" %}

        {% embed url="https://example.org" %}
        Body caption
        {% endembed %}

        {% embed data="{\\"url\\":\\"https://example.com/j\\",\\"title\\":\\"JSON title\\"}" %}
        """)
        let embeds = doc.blocks.compactMap { if case .embed(let e) = $0 { e } else { nil } }
        #expect(embeds.map(\.url) == ["https://youtu.be/a_b", "https://github.com/x", "https://example.org", "https://example.com/j"])
        #expect(embeds.map(\.caption) == ["", "Repo", "Body caption", ""])
        #expect(embeds[3].title == "JSON title")
    }

    @Test func embedFollowedByEndTabIsVoid() {
        let doc = parse("{% tabs %}\n{% tab title=\"A\" %}\n{% embed url=\"https://e.com\" %}\n{% endtab %}\n{% endtabs %}")
        guard case .tabs(let tabs)? = doc.blocks.first, case .embed? = tabs.first?.blocks.first else {
            Issue.record("expected an embed in a tab: \(doc.blocks)")
            return
        }
    }

    @Test func refsFilesIncludesAndRaw() {
        let doc = parse("""
        {% page-ref page="other.md" %}

        {% content-ref url="folder/" %}
        [folder](folder/)
        {% endcontent-ref %}

        {% file src="a.pdf" %}New caption{% endfile %}

        {% include "../.gitbook/includes/x.md" %}

        {% raw %}{{ var }} {% fake %}{% endraw %}
        """)
        #expect(doc.blocks.contains(.pageRef(PageRef(kind: .pageRef, target: "other.md", label: "", line: 1, column: 1))))
        #expect(doc.blocks.contains(.pageRef(PageRef(kind: .contentRef, target: "folder/", label: "folder", line: 3, column: 1))))
        #expect(doc.blocks.contains(.file(FileRef(source: "a.pdf", caption: "New caption", line: 7, column: 1))))
        #expect(doc.blocks.contains(.include(IncludeRef(path: "../.gitbook/includes/x.md", line: 9, column: 1))))
        #expect(allText(doc).contains("{{ var }} {% fake %}"))
    }

    @Test func swaggerBecomesAnAPICard() {
        let doc = parse("""
        {% swagger method="get" path="/v1/x" baseUrl="https://api.e.com" summary="List "New" things" %}
        {% swagger-description %}
        Lists things.
        {% endswagger-description %}
        {% swagger-parameter in="query" name="team" type="string" required="true" %}
        The team.
        {% endswagger-parameter %}
        {% swagger-response status="200: OK" description="Fine" %}
        ```json
        {}
        ```
        {% endswagger-response %}
        {% endswagger %}
        """)
        guard case .api(let api)? = doc.blocks.first else {
            Issue.record("no api card: \(doc.blocks)")
            return
        }
        #expect(api.method == "GET")
        #expect(api.baseURL + api.path == "https://api.e.com/v1/x")
        #expect(api.summary == "List \"New\" things")
        #expect(api.parameters.map(\.name) == ["team"])
        #expect(api.parameters.first?.isRequired == true)
        #expect(api.responses.map(\.status) == ["200: OK"])
    }

    @Test func unknownTagsStayVisibleAndUnclosedTagsCloseAtTheEnd() {
        let doc = parse("Say {% myplugin x=1 %} here.\n\n{% hint style=\"info\" %}\nnever closed\n\n{% endtabs %}\n\nlast words")
        #expect(doc.blocks.count == 2)
        guard case .paragraph(let inlines) = doc.blocks[0] else { return }
        #expect(inlines.contains(.unknownTag("{% myplugin x=1 %}")))
        #expect(allText(doc).contains("never closed"))
        #expect(allText(doc).contains("last words"))
    }

    @Test func brokenOpenerIsText() {
        let doc = parse("{% hint style=\"info\"}\nstill text\n{% endhint %}")
        #expect(allText(doc).contains("{% hint style=\"info\"}"))
        #expect(allText(doc).contains("still text"))
    }

    @Test func manyUnclosedTagsDoNotNestWithoutBound() {
        let doc = parse(String(repeating: "{% hint %}\nx\n", count: 2000))
        var depth = 0
        var blocks = doc.blocks
        while case .hint(let h)? = blocks.first(where: { if case .hint = $0 { true } else { false } }) {
            depth += 1
            blocks = h.blocks
        }
        #expect(depth <= TagTreeBuilder.maxTagDepth)
        #expect(allText(doc).split(separator: "x").count >= 1999)
    }
}

@Suite("HTML and artifacts")
struct HTMLTests {
    @Test func figureDetailsAndMark() {
        let doc = parse("""
        <div align="center"><figure><img src="a.png" alt="Alt"><figcaption><p>Cap</p></figcaption></figure></div>

        <details>

        <summary>More</summary>

        Inside text.

        </details>

        A <mark style="color:red;">red</mark> word and <kbd>Ctrl</kbd>.
        """)
        #expect(doc.blocks.first == .figure(Figure(source: "a.png", alt: "Alt", caption: "Cap", line: 1)))
        guard case .details(let details)? = doc.blocks.dropFirst().first else {
            Issue.record("no details: \(doc.blocks)")
            return
        }
        #expect(details.summary.plainText == "More")
        #expect(details.blocks.count == 1)
        guard case .paragraph(let inlines)? = doc.blocks.last else { return }
        #expect(inlines.contains(.mark(.red, [.text("red")])))
        #expect(inlines.contains(.keyboard("Ctrl")))
    }

    @Test func htmlTablesBecomeTables() {
        let doc = parse("<table><thead><tr><th>A</th><th data-hidden>H</th><th>B</th></tr></thead><tbody><tr><td>1</td><td>x</td><td><strong>2</strong></td></tr></tbody></table>")
        guard case .table(let table)? = doc.blocks.first else {
            Issue.record("no table")
            return
        }
        #expect(table.header.map(\.plainText) == ["A", "B"])
        #expect(table.rows.first?.map(\.plainText) == ["1", "2"])
    }

    @Test func entitiesAndEmptyEmphasis() {
        let doc = parse("Tip:&#x20;a &#x26; b &lt;c&gt; ****and **[HubSpot](https://h.com)** **is 2 ** 3.")
        #expect(allText(doc) == "Tip: a & b <c> and HubSpot is 2 ** 3.")
    }
}

@Suite("Source positions and wikilinks")
struct PositionTests {
    func links(_ doc: Document) -> [Link] {
        allBlocks(doc.blocks).flatMap { block -> [Inline] in
            if case .paragraph(let inlines) = block { return inlines }
            return []
        }.compactMap { if case .link(let l) = $0 { l } else { nil } }
    }

    @Test func linksKnowTheirFileLineAfterFrontMatter() {
        let doc = parse("---\ndescription: x\n---\n\n# T\n\nSee [a](a.md) and\nthen [b](b.md).\n\n{% page-ref page=\"c.md\" %}")
        #expect(links(doc).map(\.line) == [7, 8])
        #expect(links(doc).first?.column == 5)
        #expect(doc.blocks.contains(.pageRef(PageRef(kind: .pageRef, target: "c.md", label: "", line: 10, column: 1))))
    }

    @Test func wikilinksInAllThreeForms() {
        let found = links(parse("Go to [[Flywheels]], [[docs/Setup|the setup]] or [[Talks#Slides]]; not `[[code]]`."))
        #expect(found.map(\.destination) == ["Flywheels", "docs/Setup", "Talks#Slides"])
        // A heading link without a label shows as Obsidian shows it: note › heading.
        #expect(found.map { $0.content.plainText } == ["Flywheels", "the setup", "Talks › Slides"])
        #expect(found.allSatisfy { $0.isWiki })
    }
}

@Suite("Bad input")
struct BadInputTests {
    @Test func invalidUTF8BecomesReplacementCharacters() {
        let doc = MarkdownParser.parse([0x61, 0xFF, 0xFE, 0x62, 0xC3])
        #expect(allText(doc) == "a\u{FFFD}\u{FFFD}b\u{FFFD}")
    }

    @Test func nulAndSentinelCharactersAreReplaced() {
        let doc = MarkdownParser.parse(Array("a\u{0}b".utf8) + [0xEF, 0xB7, 0x90] + Array("1".utf8) + [0xEF, 0xB7, 0x91])
        #expect(allText(doc) == "a\u{FFFD}b\u{FFFD}1\u{FFFD}")
    }

    @Test(arguments: [">", "- ", "1. ", "> - "])
    func deepNestingKeepsTextWithoutOverflow(_ marker: String) {
        var text = ""
        for level in 0..<1000 {
            text += String(repeating: marker, count: level + 1) + "level\(level)\n"
        }
        let doc = parse(text)
        let shown = allText(doc)
        #expect(shown.contains("level0"))
        #expect(shown.contains("level999"))
    }

    @Test func emphasisBombIsBounded() {
        let doc = parse(String(repeating: "*a **b ", count: 5000) + String(repeating: "** c*", count: 5000))
        #expect(allText(doc).contains("a"))
    }

    @Test func aMegabyteLine() {
        let line = String(repeating: "word ", count: 200_000)
        #expect(allText(parse(line)).count >= 999_000)
    }
}

@Suite("Hostile input in the parser")
struct HostileParserTests {
    @Test func aParagraphOverTheInlineBudgetIsSplitAtASpace() {
        let hostile = Array(String(repeating: "*b* [l](x.md) ", count: 400).utf8)
        let guarded = InlineBudget.apply(hostile)
        #expect(guarded.count > hostile.count, "blank lines were inserted")
        #expect(guarded.filter { $0 != 0x0A } == hostile.filter { $0 != 0x0A }, "nothing else changed")
        let paragraphs = MarkdownParser.parse(guarded).blocks.filter { if case .paragraph = $0 { true } else { false } }
        #expect(paragraphs.count > 1)
    }

    @Test func listItemsHeadingsAndCodeAreEachTheirOwnBudget() {
        var text = "# Title with [a](b) *c*\n\n"
        for n in 0..<3000 { text += "* [Item \(n)](note-\(n).md) *em* _em_\n" }
        text += "\n```\n" + String(repeating: "*x* [y](z) ", count: 5000) + "\n```\n"
        let bytes = Array(text.utf8)
        #expect(InlineBudget.apply(bytes) == bytes, "no item, heading or code block is over the budget")
    }

    @Test func aNoteOverTheSizeLimitIsCutAtALineEndWithAWarning() {
        var text = "# Big\n\n"
        // Long lines with no markup: only the size limit applies, not the markup limit.
        let line = String(repeating: "A line of text that repeats ", count: 4) + "\n"
        while text.utf8.count <= MarkdownParser.sizeLimit { text += line }
        let document = MarkdownParser.parse(Array(text.utf8))
        guard case .hint(let hint)? = document.blocks.first else {
            Issue.record("the first block is the warning")
            return
        }
        #expect(hint.kind == .warning)
        #expect(PlainText.of(Document(blocks: hint.blocks)).body.contains("larger than 4.0 MB"))
    }

    @Test func aNoteDenseWithMarkupIsCutSoonerWithItsOwnWarning() {
        // Each line is 6 marks (4 brackets, a line end counting two): far more nodes than bytes.
        let text = String(repeating: "[[a]]\n", count: 1 << 17)
        let document = MarkdownParser.parse(Array(text.utf8))
        guard case .hint(let hint)? = document.blocks.first else {
            Issue.record("the first block is the warning")
            return
        }
        #expect(PlainText.of(Document(blocks: hint.blocks)).body.contains("holds more Markdown than Scribbles reads"))
        let links = document.blocks.dropFirst().reduce(0) { count, block in
            guard case .paragraph(let inlines) = block else { return count }
            return count + inlines.filter { if case .link = $0 { true } else { false } }.count
        }
        // Cut at a line end within 64 KiB before the limit.
        #expect(links <= MarkdownParser.markupLimit / 6)
        #expect(links >= (MarkdownParser.markupLimit - 2 * (64 << 10)) / 6)
    }

    @Test func lineEndsOfCRAloneCountLikeLineFeeds() {
        // 1 MB of CR-ended lines (old Mac files): as many soft breaks as `a` lines, so cut.
        let document = MarkdownParser.parse(Array(String(repeating: "line\r", count: 200_000).utf8))
        guard case .hint? = document.blocks.first else {
            Issue.record("the first block is the warning")
            return
        }
        // CRLF counts once, not twice: 1 MB of CRLF prose lines is read whole.
        let crlf = String(repeating: "A line of prose that ends the Windows way, as many notes do.\r\n", count: 16_000)
        #expect(MarkdownParser.parse(Array(crlf.utf8)).blocks.allSatisfy { if case .hint = $0 { false } else { true } })
    }

    @Test func proseAtTheBenchmarkNotesDensityIsReadWhole() {
        let paragraph = "Quickstart docs community meetup talk sample docs pillar developer signal support "
            + "**advocate** community, see [the guide](guide.md) for more.\n\n"
        var text = "# Prose\n\n"
        while text.utf8.count < 1_000_000 { text += paragraph }
        let whole = MarkdownParser.parse(Array(text.utf8))
        #expect(whole.blocks.allSatisfy { if case .hint = $0 { false } else { true } }, "1 MB of prose is read whole")
        #expect(MarkdownParser.cost(Array(text.utf8)) < MarkdownParser.sizeLimit, "and costs less than the budget")
        let dense = Array(String(repeating: "[[a]]\n", count: 1000).utf8)
        #expect(MarkdownParser.cost(dense) == 6000 * (MarkdownParser.sizeLimit / MarkdownParser.markupLimit))
    }
}
