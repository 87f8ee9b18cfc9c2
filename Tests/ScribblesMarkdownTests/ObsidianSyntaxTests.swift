import Testing
@testable import ScribblesMarkdown

/// Obsidian's syntax, read by shape: callouts, embeds, block ids, comments, highlights, tags,
/// inline footnotes, math, properties, and the positions of what links.
@Suite("Obsidian syntax")
struct ObsidianSyntaxTests {
    func callouts(_ doc: Document) -> [Callout] {
        var found: [Callout] = []
        doc.blocks.forEachBlock { if case .callout(let c) = $0 { found.append(c) } }
        return found
    }

    func inlines(_ doc: Document) -> [Inline] {
        allBlocks(doc.blocks).flatMap { block -> [Inline] in
            if case .paragraph(let inlines) = block { return inlines }
            return []
        }
    }

    static let types: [(String, CalloutKind)] = [
        ("note", .note), ("abstract", .abstract), ("summary", .abstract), ("tldr", .abstract), ("info", .info),
        ("todo", .todo), ("tip", .tip), ("hint", .tip), ("important", .tip), ("success", .success), ("check", .success),
        ("done", .success), ("question", .question), ("help", .question), ("faq", .question), ("warning", .warning),
        ("caution", .warning), ("attention", .warning), ("failure", .failure), ("fail", .failure), ("missing", .failure),
        ("danger", .danger), ("error", .danger), ("bug", .bug), ("example", .example), ("quote", .quote), ("cite", .quote),
        ("NOTE", .note), ("Tip", .tip), ("WARNING", .warning), ("CAUTION", .warning), ("IMPORTANT", .tip), ("recipe", .note),
    ]

    @Test(arguments: types)
    func everyCalloutTypeAndAlias(_ type: String, _ kind: CalloutKind) throws {
        let callout = try #require(callouts(parse("> [!\(type)]\n> Body.")).first)
        #expect(callout.kind == kind)
        #expect(callout.type == type.lowercased())
        #expect(callout.title.isEmpty && callout.defaultTitle == type.lowercased().prefix(1).uppercased() + type.lowercased().dropFirst())
        #expect(callout.blocks == [.paragraph([.text("Body.")])])
    }

    @Test func foldMarkersTitlesAndNesting() throws {
        let doc = parse("> [!faq]- ### Why **this**?\n> Answer with [[Link]].\n> > [!tip]+ Inner\n> > Deep.\n\n> [!note] Plain")
        let found = callouts(doc)
        #expect(found.count == 3)
        #expect(found[0].fold == .folded && found[0].title.plainText == "Why this?")
        #expect(found[0].title.contains { if case .strong = $0 { true } else { false } })
        #expect(found[1].fold == .open && found[1].title.plainText == "Inner")
        #expect(found[2].fold == .none)
        #expect(inlines(doc).contains { if case .link(let l) = $0 { l.destination == "Link" && l.isWiki } else { false } })
    }

    @Test func notCallouts() {
        // A quote that does not open with [!type], a link, and code stay what they are.
        for text in ["> Just a quote [!note]", "> [!note](https://x.y) is a link", "    > [!note] in code", "```\n> [!note]\n```"] {
            #expect(callouts(parse(text)).isEmpty, "\(text)")
        }
    }

    @Test func aBlockIdInsideACalloutKeepsItACallout() throws {
        let one = try #require(callouts(parse("> [!tip] Title\n> Body text ^abc")).first)
        #expect(one.blocks.contains(.blockID("abc")))
        let two = try #require(callouts(parse("> [!tip] Title\n> Body.\n>\n> ^own")).first)
        #expect(two.title.plainText == "Title")
    }

    @Test func embedsAloneOnTheirLineAreBlocksAndAttachmentsInTextAreImages() throws {
        let doc = parse("![[Note#Part]]\n\nPress ![[icon.svg]] to start and see ![[Other]] too.\n\n![[photo.png|300]]")
        var embeds: [Transclusion] = []
        doc.blocks.forEachBlock { if case .transclusion(let t) = $0 { embeds.append(t) } }
        #expect(embeds.map(\.target) == ["Note#Part", "Other", "photo.png"])
        #expect(embeds.map(\.media) == [.note, .note, .image])
        #expect(embeds[2].label == "300")
        #expect(inlines(doc).contains { if case .image(let i) = $0 { i.isWiki && i.source == "icon.svg" } else { false } })
    }

    @Test(arguments: [
        ("Note", Transclusion.Media.note), ("Node.js", .note), ("v1.2 notes", .note), ("ASP.NET", .note), ("a.md", .note),
        ("x.png", .image), ("X.JPEG", .image), ("d.svg", .image), ("s.mp3", .audio), ("c.mp4", .video), ("m.pdf#page=3", .pdf),
        ("data.csv", .file), ("pack.zip", .file), ("board.canvas", .file),
    ])
    func mediaFromTheName(_ name: String, _ media: Transclusion.Media) {
        #expect(Transclusion.media(of: name) == media)
    }

    @Test func blockIds() {
        let doc = parse("A paragraph. ^para\n\n- item one ^item\n- item two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n^table\n\n> quote\n\n^quote")
        let ids = allBlocks(doc.blocks).compactMap { if case .blockID(let id) = $0 { id } else { nil } }
        #expect(Set(ids) == ["para", "item", "table", "quote"])
        // Each marker stands before the block it names.
        guard case .blockID("table")? = doc.blocks.firstIndex(where: { if case .table = $0 { true } else { false } }).map({ doc.blocks[$0 - 1] }) else {
            Issue.record("the table's id stands before it")
            return
        }
        #expect(!allText(doc).contains("^"))
        // Not ids: a caret inside text, or with punctuation.
        #expect(allText(parse("2^10 is 1024 and x ^ y.")).contains("2^10"))
        #expect(allText(parse("Press ^C!")).contains("^C!"))
    }

    @Test func comments() {
        #expect(allText(parse("Visible %%hidden%% text.")) == "Visible  text.")
        #expect(allText(parse("*Emph %%hidden%% end*")).contains("Emph") && !allText(parse("*Emph %%hidden%% end*")).contains("hidden"))
        let block = parse("Before.\n\n%%\nA block comment.\n\nOver two paragraphs.\n%%\n\nAfter.")
        #expect(!allText(block).contains("comment") && !allText(block).contains("paragraphs"))
        #expect(allText(block).contains("Before.") && allText(block).contains("After."))
        // One without a closer stays visible; in code it is code.
        #expect(allText(parse("A stray %% stays.")).contains("%% stays"))
        #expect(allText(parse("`%%code%%` here")).contains("%%code%%"))
    }

    @Test func highlightsAlsoInsideEmphasis() {
        let doc = parse("A ==marked== word, **==bold mark==**, a == b, and ==unclosed.")
        let marks = inlines(doc).flatMap { inline -> [Inline] in
            if case .strong(let c) = inline { return c }
            return [inline]
        }.filter { if case .mark(.highlight, _) = $0 { true } else { false } }
        #expect(marks.count == 2)
        #expect(allText(doc).contains("a == b") && allText(doc).contains("==unclosed"))
    }

    @Test func tags() {
        let doc = parse("Tagged #garden and #garden/beds and #y1984, not #1984, not issue#3, not `#code`, not https://x.y/#frag.\n\n## Heading #notatag")
        let tags = inlines(doc).compactMap { if case .tag(let t) = $0 { t } else { nil } }
        #expect(tags == ["garden", "garden/beds", "y1984"])
        #expect(doc.tags == ["garden", "garden/beds", "y1984"])
    }

    @Test func inlineFootnotes() {
        let doc = parse("Text.[^a] And an inline one.^[Said in passing.]\n\n[^a]: A regular one.")
        #expect(doc.footnotes.map(\.label) == ["1", "2"])
        #expect(inlines(doc).contains(.footnoteReference("2")))
        #expect(doc.footnotes[1].blocks == [.paragraph([.text("Said in passing.")])])
    }

    @Test func math() {
        let doc = parse("Inline $e^{i\\pi}+1=0$ and $a_1*b_2*c$, not $5 and $10.\n\n$$\n\\frac{a}{b}\n$$\n\nAfter `$x$` code.")
        let math = inlines(doc).compactMap { if case .math(let m) = $0 { m } else { nil } }
        #expect(math == ["$e^{i\\pi}+1=0$", "$a_1*b_2*c$"])
        #expect(doc.blocks.contains(.math("\\frac{a}{b}")))
        #expect(allText(doc).contains("$5 and $10"))
        #expect(inlines(doc).contains(.code("$x$")))
        // A closed $$…$$ followed by text is inline math, not the start of a block.
        let inline = parse("$$a$$ is shown\nSome text\nAnd $$b$$ too")
        #expect(!inline.blocks.contains { if case .math = $0 { true } else { false } })
        #expect(inlines(inline).filter { if case .math = $0 { true } else { false } }.count == 2)
        // Template literals in HTML are no math.
        #expect(inlines(parse("<code>k=${key}</code> and <code>v=${value}</code>")).allSatisfy { if case .math = $0 { false } else { true } })
    }

    @Test func properties() {
        let doc = parse("---\nAliases: [Other name]\nTags: [a, b/c]\ntitle: T\nparent: \"[[Home]]\"\nrelated:\n  - \"[[One]]\"\n  - plain\nstatus: draft\n---\nBody")
        #expect(doc.frontMatter.aliases == ["Other name"])
        #expect(doc.frontMatter.tags == ["a", "b/c"])
        #expect(doc.frontMatter.properties.map(\.key) == ["parent", "related", "status"])
        guard case .link(let parent)? = doc.frontMatter.properties[0].values.first?.first else {
            Issue.record("a property's wikilink is a link")
            return
        }
        #expect(parent.destination == "Home" && parent.line == 5 && parent.column == 10)
    }

    @Test func wikilinkPositionsAreTheirFirstCharacter() {
        let doc = parse("> [!note] T\n> second [[A]]\n> third ![[B]]\n\n| x | y |\n|---|---|\n| [[C\\|c]] | [[D]] |\n\nword ** ** ** ** [[E]]")
        var links: [(String, Int, Int)] = []
        func visit(_ inlines: [Inline]) {
            for inline in inlines { if case .link(let l) = inline { links.append((l.destination, l.line, l.column)) } }
        }
        doc.blocks.forEachBlock { block in block.inlineRuns.forEach(visit) }
        var embeds: [Transclusion] = []
        doc.blocks.forEachBlock { if case .transclusion(let t) = $0 { embeds.append(t) } }
        #expect(links.map(\.0) == ["A", "C", "D", "E"])
        // (A second link in the same cell after a `\|` is a byte early here: cmark unescapes the
        // pipe first. `check` snaps it to its `[[`: see the fixture vault's table links.)
        #expect(links.map { "\($0.1):\($0.2)" } == ["2:10", "7:3", "7:14", "9:18"])
        #expect(embeds.map { "\($0.line):\($0.column)" } == ["3:9"])
    }

    @Test func wikilinksOverSeveralInlines() {
        let found = inlines(parse("See [[SQL#[Variants](http://x.y)|the variants]] and [[Note|*em* label]].")).compactMap {
            if case .link(let l) = $0, l.isWiki { return (l.destination, l.content.plainText) }
            return nil
        }
        #expect(found.map(\.0) == ["SQL#Variants", "Note"])
        #expect(found.map(\.1) == ["the variants", "em label"])
    }
}
