import Testing
@testable import ScribblesVault

@Suite("Link resolution (GITBOOK.md §6)")
struct ResolverTests {
    let vault: TempVault
    let resolver: LinkResolver

    init() throws {
        vault = try TempVault([
            "README.md": "# Home",
            "SUMMARY.md": "* [Home](README.md)",
            "guide/README.md": "# Guide\n\n## Setup steps\n\n## Hardware <a id=\"id-1\"></a>",
            "guide/install.md": "# Install",
            "guide/Mixed Case.md": "# Mixed",
            "guide/non\u{A0}breaking.md": "# NBSP",
            "guide/deep/leaf.md": "# Leaf\n\nLeaf text.",
            "guide/snake_case.md": "# Snake",
            ".gitbook/assets/image (9).png": "png",
            ".gitbook/assets/Recording #3.gif": "gif",
            ".gitbook/includes/snippet.md": "---\ntitle: Snippet\n---\nReusable",
        ])
        var index = try vault.open().index
        index.anchors["guide/README.md"] = ["guide", "setup-steps", "id-1", "hardware"]
        index.anchors["guide/install.md"] = ["install"]
        resolver = LinkResolver(index: index)
    }

    /// The plain-path shortcut takes leading `../` inside the collection, and gives what the
    /// general steps give; above the top, or with `..` inside, it leaves the link to them.
    @Test func thePlainPathShortcutTakesLeadingParentSegments() {
        for (link, from, note) in [("../README.md", "guide/install.md", "README.md"),
                                   ("../../guide/install.md", "guide/deep/leaf.md", "guide/install.md"),
                                   ("../install.md", "guide/deep/leaf.md", "guide/install.md"),
                                   ("../guide/deep/leaf.md", "guide/install.md", "guide/deep/leaf.md")] {
            #expect(resolver.plainNote(link, from: from) == note, "\(link)")
            #expect(resolver.resolveGitBookSteps(link, from: from) == .note(note, anchor: nil), "\(link)")
        }
        for (link, from) in [("../README.md", "README.md"), ("../../README.md", "guide/install.md"), ("../missing.md", "guide/install.md"),
                             ("../guide/../README.md", "guide/install.md")] {
            #expect(resolver.plainNote(link, from: from) == nil, "\(link)")
        }
        #expect(resolver.resolve("../../README.md", from: "guide/install.md") != .note("README.md", anchor: nil))
    }

    @Test(arguments: [
        ("install.md", "guide/README.md", "guide/install.md"),
        ("./install.md", "guide/README.md", "guide/install.md"),
        ("../README.md", "guide/install.md", "README.md"),
        ("/guide/install.md", "guide/deep/leaf.md", "guide/install.md"),
        ("install", "guide/README.md", "guide/install.md"),
        ("../guide/", "guide/install.md", "guide/README.md"),
        ("../guide", "guide/install.md", "guide/README.md"),
        ("./", "guide/install.md", "guide/README.md"),
        (".", "guide/install.md", "guide/README.md"),
        ("mixed case.md", "guide/README.md", "guide/Mixed Case.md"),
        ("INSTALL.MD", "guide/README.md", "guide/install.md"),
        ("non breaking.md", "guide/README.md", "guide/non\u{A0}breaking.md"),
        ("non%20breaking.md", "guide/README.md", "guide/non\u{A0}breaking.md"),
        ("<deep/leaf.md>", "guide/README.md", "guide/deep/leaf.md"),
        ("deep/le\\_af.md", "guide/README.md", nil),
        ("snake\\_case.md", "guide/README.md", "guide/snake_case.md"),
        ("inst&#x61;ll.md", "guide/README.md", "guide/install.md"),
        ("ins\u{200B}tall.md", "guide/README.md", "guide/install.md"),
    ] as [(String, String, String?)])
    func notes(_ destination: String, _ from: String, _ expected: String?) {
        let result = resolver.resolve(destination, from: from)
        if let expected {
            #expect(result == .note(expected, anchor: nil), "\(destination) from \(from)")
        } else if case .broken = result {
        } else {
            Issue.record("\(destination) should be broken, got \(result)")
        }
    }

    @Test func anchorsPreferExplicitIdsThenSlugs() {
        #expect(resolver.resolve("README.md#id-1", from: "guide/install.md") == .note("guide/README.md", anchor: "id-1"))
        #expect(resolver.resolve("README.md#hardware", from: "guide/install.md") == .note("guide/README.md", anchor: "hardware"))
        #expect(resolver.resolve("README.md#Setup%20steps", from: "guide/install.md") == .note("guide/README.md", anchor: "setup-steps"))
        #expect(resolver.resolve("README.md#undefined", from: "guide/install.md") == .note("guide/README.md", anchor: nil))
        #expect(resolver.resolve("#setup-steps", from: "guide/README.md") == .samePage("setup-steps"))
        #expect(resolver.resolve("#undefined", from: "guide/README.md") == .top)
        guard case .broken(let reason) = resolver.resolve("README.md#nope", from: "guide/install.md") else {
            Issue.record("expected a missing anchor")
            return
        }
        #expect(reason.kind == .missingAnchor)
    }

    @Test func assetsGitBookMarkersAndExternals() {
        #expect(resolver.resolve("../.gitbook/assets/image%20%289%29.png", from: "guide/install.md") == .file(".gitbook/assets/image (9).png"))
        #expect(resolver.resolve("<../.gitbook/assets/image (9).png>", from: "guide/install.md") == .file(".gitbook/assets/image (9).png"))
        #expect(resolver.resolve("../.gitbook/assets/Recording #3.gif", from: "guide/install.md") == .file(".gitbook/assets/Recording #3.gif"))
        #expect(resolver.resolve("https://example.com/x", from: "README.md") == .external("https://example.com/x"))
        #expect(resolver.resolve("mailto:%20a@b.c", from: "README.md") == .external("mailto:%20a@b.c"))
        #expect(resolver.resolve("//cdn.example.com/x.js", from: "README.md") == .external("//cdn.example.com/x.js"))
        #expect(resolver.resolve("https://app.gitbook.com/s/abc123/page", from: "README.md") == .crossSpace("https://app.gitbook.com/s/abc123/page"))
        for marker in ["broken-reference", "broken-reference/", "/broken/pages/x1"] {
            guard case .broken(let reason) = resolver.resolve(marker, from: "README.md") else {
                Issue.record("\(marker) should be broken")
                continue
            }
            #expect(reason.kind == .deletedInGitBook)
        }
        guard case .broken(let id) = resolver.resolve("/pages/-Mabc", from: "README.md") else { return }
        #expect(id.kind == .internalID)
    }

    @Test(arguments: ["../../outside.md", "../../../etc/passwd", "/../x.md"])
    func nothingOutsideTheRoot(_ destination: String) {
        guard case .broken(let reason) = resolver.resolve(destination, from: "guide/install.md") else {
            Issue.record("\(destination) must not resolve")
            return
        }
        #expect(reason.kind == .outsideRoot)
    }

    @Test func missingTargetsAreBroken() {
        guard case .broken(let reason) = resolver.resolve("nope.md", from: "README.md") else {
            Issue.record("expected broken")
            return
        }
        #expect(reason.kind == .missingFile)
        guard case .broken(let empty) = resolver.resolve("", from: "README.md") else { return }
        #expect(empty.kind == .empty)
    }

    @Test func wikilinksResolveByNameAnywhere() {
        #expect(resolver.resolveWiki("leaf", from: "README.md") == .note("guide/deep/leaf.md", anchor: nil))
        #expect(resolver.resolveWiki("Install#install", from: "README.md") == .note("guide/install.md", anchor: "install"))
        #expect(resolver.resolveWiki("guide/install", from: "README.md") == .note("guide/install.md", anchor: nil))
        guard case .broken(let reason) = resolver.resolveWiki("Nowhere", from: "README.md") else { return }
        #expect(reason.kind == .notCreated)
    }
}
