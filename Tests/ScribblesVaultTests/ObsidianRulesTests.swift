import Testing
import ScribblesMarkdown
@testable import ScribblesVault

/// Obsidian's link rules, one row per rule (see `ObsidianRules`).
@Suite("Obsidian link rules")
struct ObsidianRulesTests {
    let vault: TempVault
    let resolver: LinkResolver

    init() throws {
        vault = try TempVault([
            ".obsidian/app.json": "{}",
            "Note.md": "# Note\n\n## Setup: step 1\n\n### Details\n\n## Other\n\n### Loose\n\nA paragraph. ^para-1\n",
            "a/Note.md": "in a",
            "a/x.md": "x",
            "a/b/Deep.md": "deep",
            "z/Twin.md": "z twin",
            "q/Twin.md": "q twin",
            "z/src.md": "src",
            "ab/Long.md": "ab",
            "zzz/Long.md": "zzz",
            "Aliased.md": "---\naliases: [Other name, Nick]\n---\ntext",
            "Folder/inside.md": "inside",
            "Note Two.md": "two",
            "attachments/photo.png": "png",
            "sub/sibling.md": "sibling",
            "sub/here.md": "here",
        ])
        let opened = try vault.open()
        #expect(opened.location.dialect == .obsidian)
        resolver = LinkChecker.resolver(for: opened)
    }

    /// (target, from, expected path or nil for broken, why).
    static let notes: [(String, String, String?, String)] = [
        ("Note", "a/x.md", "Note.md", "the whole path wins over a note of the same name in the note's folder"),
        ("a/Note", "Note.md", "a/Note.md", "a folder path names that file"),
        ("b/Deep", "Note.md", "a/b/Deep.md", "else the path that ends with the link"),
        ("Deep", "Note.md", "a/b/Deep.md", "a file name anywhere in the vault"),
        ("Twin", "z/src.md", "z/Twin.md", "among several, the one in the note's own folder"),
        ("Twin", "Note.md", "q/Twin.md", "else the shortest path, then natural order"),
        ("Long", "Note.md", "ab/Long.md", "the shortest path string"),
        ("note", "a/x.md", "Note.md", "case does not matter"),
        ("NOTE.MD", "a/x.md", "Note.md", ".md may be written, in any case"),
        ("./sibling", "sub/here.md", "sub/sibling.md", "./ is relative to the note"),
        ("../Note", "sub/here.md", "Note.md", "../ climbs from the note's folder"),
        ("./Note", "sub/here.md", nil, "a relative link has no fallback"),
        ("Other name", "Note.md", "Aliased.md", "a front-matter alias"),
        ("nick", "Note.md", "Aliased.md", "aliases ignore case"),
        ("/Note", "a/x.md", "Note.md", "a leading / means the vault's root"),
        ("/Deep", "Note.md", nil, "and then only the whole path"),
        ("Note Two", "a/x.md", "Note Two.md", "spaces in names"),
    ]

    @Test(arguments: notes)
    func noteLinks(_ target: String, _ from: String, _ expected: String?, _ why: String) {
        let result = resolver.resolveWiki(target, from: from)
        if let expected {
            guard case .note(let path, _) = result else { Issue.record("\(target) from \(from): \(result) — \(why)"); return }
            #expect(path == expected, "\(why)")
        } else {
            guard case .broken(let reason) = result else { Issue.record("\(target) should not resolve — \(why)"); return }
            #expect(reason.kind == .notCreated)
        }
    }

    @Test func headingsAreNamedByTheirTextAndNesting() {
        #expect(resolver.resolveWiki("Note#setup step 1", from: "a/x.md") == .note("Note.md", anchor: "setup-step-1"))
        #expect(resolver.resolveWiki("Note#SETUP: STEP 1", from: "a/x.md") == .note("Note.md", anchor: "setup-step-1"))
        #expect(resolver.resolveWiki("Note#Setup: step 1#Details", from: "a/x.md") == .note("Note.md", anchor: "details"))
        #expect(resolver.resolveWiki("Note#Other#Loose", from: "a/x.md") == .note("Note.md", anchor: "loose"))
        // Loose is a heading, but not under "Setup: step 1".
        guard case .broken(let nested) = resolver.resolveWiki("Note#Setup: step 1#Loose", from: "a/x.md") else {
            Issue.record("a heading outside the parent's section must not match")
            return
        }
        #expect(nested.kind == .missingHeading)
        guard case .broken(let missing) = resolver.resolveWiki("Note#Nowhere", from: "a/x.md") else { return }
        #expect(missing.kind == .missingHeading)
    }

    @Test func blocksSameNoteLinksAndAttachments() {
        #expect(resolver.resolveWiki("Note#^para-1", from: "a/x.md") == .note("Note.md", anchor: "^para-1"))
        #expect(resolver.resolveWiki("Note#^PARA-1", from: "a/x.md") == .note("Note.md", anchor: "^para-1"))
        guard case .broken(let block) = resolver.resolveWiki("Note#^nope", from: "a/x.md") else { return }
        #expect(block.kind == .missingBlock)
        #expect(resolver.resolveWiki("#Details", from: "Note.md") == .samePage("details"))
        #expect(resolver.resolveWiki("#^para-1", from: "Note.md") == .samePage("^para-1"))
        #expect(resolver.resolveWiki("photo.png", from: "sub/here.md") == .file("attachments/photo.png"))
        guard case .broken(let asset) = resolver.resolveWiki("missing.png", from: "Note.md") else { return }
        #expect(asset.kind == .missingFile)
        guard case .broken(let folder) = resolver.resolveWiki("Folder", from: "Note.md") else { return }
        #expect(folder.kind == .notCreated && folder.message.contains("folder"))
        guard case .broken(let later) = resolver.resolveWiki("Someday", from: "Note.md") else { return }
        #expect(later.kind == .notCreated && later.message == "no such note yet: \"Someday\"")
    }

    @Test func markdownLinksInAVaultFollowTheSameRules() {
        #expect(resolver.resolve("Note%20Two.md", from: "a/x.md") == .note("Note Two.md", anchor: nil))
        #expect(resolver.resolve("<Note Two.md>", from: "a/x.md") == .note("Note Two.md", anchor: nil))
        #expect(resolver.resolve("Note.md#Setup%3A%20step%201", from: "a/x.md") == .note("Note.md", anchor: "setup-step-1"))
        #expect(resolver.resolve("../Note.md", from: "sub/here.md") == .note("Note.md", anchor: nil))
        #expect(resolver.resolve("https://example.org", from: "Note.md") == .external("https://example.org"))
    }

    @Test func gitBookCollectionsKeepTheirRules() throws {
        let book = try TempVault(["SUMMARY.md": "* [A](a.md)", "a.md": "# A\n\n[x](Deep.md) [[Deep]]", "sub/Deep.md": "# Deep"])
        let opened = try book.open()
        #expect(opened.location.dialect == .gitbook)
        let resolver = LinkChecker.resolver(for: opened)
        guard case .broken(let reason) = resolver.resolve("Deep.md", from: "a.md") else {
            Issue.record("GitBook's Markdown links are relative to the note")
            return
        }
        #expect(reason.kind == .missingFile)
        // Wikilinks are Obsidian's syntax and follow its rules wherever they are written.
        #expect(resolver.resolveWiki("Deep", from: "a.md") == .note("sub/Deep.md", anchor: nil))
    }

    @Test func aPlainFolderTriesRelativeThenObsidian() throws {
        let plain = try TempVault(["a.md": "[x](Deep.md)", "sub/Deep.md": "# Deep", "b/c.md": "x"])
        let opened = try plain.open()
        #expect(opened.location.dialect == .plain)
        #expect(opened.resolver.resolve("Deep.md", from: "a.md") == .note("sub/Deep.md", anchor: nil))
        #expect(opened.resolver.resolve("../a.md", from: "b/c.md") == .note("a.md", anchor: nil))
    }

    @Test func theNearestMarkerFindsTheRoot() throws {
        let nested = try TempVault([".obsidian/app.json": "{}", "notes/SUMMARY.md": "* [A](a.md)", "notes/a.md": "# A", "top.md": "t"])
        #expect(try Vault(opening: nested.path + "/notes").location.dialect == .gitbook)
        #expect(try Vault(opening: nested.path + "/top.md").location.dialect == .obsidian)
        let opened = try Vault(opening: nested.path + "/notes/a.md")
        #expect(opened.location.rootDisplay.hasSuffix("/notes"))
    }
}
