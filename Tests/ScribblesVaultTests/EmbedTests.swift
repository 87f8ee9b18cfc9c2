import Testing
import ScribblesMarkdown
@testable import ScribblesVault

/// Obsidian embeds filled in by the `Includer`: sections wherever their heading is, blocks,
/// names with dots, files, cycles, and the budget.
@Suite("Embeds")
struct EmbedTests {
    func embeds(_ vault: Vault, _ note: String) throws -> [Transclusion] {
        var found: [Transclusion] = []
        try vault.document(note).blocks.forEachBlock { if case .transclusion(let t) = $0 { found.append(t) } }
        return found
    }

    @Test func sectionsAreFoundWhereCheckFindsTheirHeading() throws {
        let v = try TempVault([
            ".obsidian/app.json": "{}",
            "a.md": "![[b#Step]]\n\n![[b#^item]]",
            "b.md": "> [!note] Inside\n> ## Step\n> Do this.\n> ## Next\n> Not this.\n\n- one\n- two ^item\n  - under two\n",
        ])
        let found = try embeds(v.open(), "a.md")
        guard case .embedded(let title, _, let blocks)? = found.first?.content else { Issue.record("\(found)"); return }
        #expect(title == "b › Step")
        #expect(blocks == [.paragraph([.text("Do this.")])])
        guard case .embedded(_, _, let item)? = found.last?.content, case .list(let list)? = item.first else {
            Issue.record("a list item's block id embeds the item")
            return
        }
        #expect(list.items.count == 1 && list.items[0].blocks.contains { if case .list = $0 { true } else { false } })
    }

    @Test func aNoteMayEmbedItsOwnSectionOnceAndACycleStopsVisibly() throws {
        let v = try TempVault([".obsidian/app.json": "{}", "a.md": "![[#Other]]\n\n## Here\n\n![[#Here]]\n\n## Other\n\nOther text."])
        let found = try embeds(v.open(), "a.md")
        guard case .embedded(_, _, let other)? = found.first?.content else { Issue.record("\(found)"); return }
        #expect(other == [.paragraph([.text("Other text.")])])
        // The Here section holds the embed of itself: shown once, and inside it the cycle stops.
        guard case .embedded(_, _, let here)? = found.last?.content, case .transclusion(let inner)? = here.first else {
            Issue.record("\(found)")
            return
        }
        #expect(inner.content == .stopped("not shown: a.md would embed itself (a cycle)"))
    }

    @Test func namesWithDotsAreNotesAndFilesArePlaceholders() throws {
        let v = try TempVault([".obsidian/app.json": "{}", "a.md": "![[Node.js]]\n\n![[script.sh]]\n\n![[Vue.js]]",
                               "Node.js.md": "Runs JavaScript.", "script.sh": "echo"])
        let found = try embeds(v.open(), "a.md")
        guard case .embedded(let title, _, _) = found[0].content else { Issue.record("\(found)"); return }
        #expect(title == "Node.js")
        #expect(found[1].media == .file && found[1].content == .pending)
        #expect(found[2].content == .stopped("no such note yet: \"Vue.js\""))
    }

    @Test func everyEmbedIsChargedItsNotesCost() throws {
        let big = String(repeating: "A line of text that fills the note up.\n", count: 30_000)
        let v = try TempVault([".obsidian/app.json": "{}", "a.md": String(repeating: "![[big]]\n", count: 10), "big.md": big])
        let found = try embeds(v.open(), "a.md")
        let shown = found.filter { if case .embedded = $0.content { true } else { false } }.count
        #expect(shown == MarkdownParser.sizeLimit / MarkdownParser.cost(Array(big.utf8)))
        #expect(shown >= 2, "prose costs little more than its size")
        #expect(found.last?.content == .stopped("not shown: the embedded notes are too large"))
    }

    @Test func anEmbedOfANoteDenseWithMarkupIsChargedItsMarks() throws {
        // 120 KB, but 120,000 marks: it costs 0.9 of the budget, so a second embed is refused.
        let dense = String(repeating: "[[b]]\n", count: 20_000)
        let v = try TempVault([".obsidian/app.json": "{}", "a.md": String(repeating: "![[dense]]\n", count: 3), "dense.md": dense, "b.md": "B\n"])
        let found = try embeds(v.open(), "a.md")
        let shown = found.filter { if case .embedded = $0.content { true } else { false } }.count
        #expect(shown == 1)
        #expect(found.last?.content == .stopped("not shown: the embedded notes are too large"))
    }
}
