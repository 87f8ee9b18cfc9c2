import Foundation
import Synchronization
import ScribblesLayout
import ScribblesMarkdown
import ScribblesSearch
import ScribblesText
import ScribblesVault

/// The properties the fuzz targets check on one input, shared with the test that replays the
/// saved crashers (Tests/Fixtures/crashers/). Each returns nil when the input is handled, or
/// what went wrong; a crash or hang inside is the finding itself.
public enum FuzzChecks {
    /// Parse + GitBook tags + layout at a width taken from the first byte (1...256): no line
    /// wider than the width, no control character in a rendered cell.
    public static func markdown(_ bytes: [UInt8]) -> String? {
        let width = bytes.isEmpty ? 80 : Int(bytes[0]) + 1
        let document = MarkdownParser.parse(Array(bytes.dropFirst()))
        let rendered = layout(document, width: width,
                              cardInfo: { CardInfo(title: "Card " + $0, description: $0) },
                              mentionTitle: { "@" + $0 })
        for (number, line) in rendered.lines.enumerated() {
            if line.width > width { return "line \(number) is \(line.width) cells at width \(width): \(line.plainText.debugDescription)" }
            if let span = line.spans.first(where: { TerminalText.needsCleaning($0.text) }) {
                return "a control character reached line \(number): \(span.text.debugDescription)"
            }
        }
        _ = PlainText.of(document)
        return nil
    }

    /// The whole model over one large input (up to 256 KB): parse, layout, plain text for
    /// search, links with their columns. It checks nothing itself: what it hunts is cost, and
    /// libFuzzer's `-timeout` and `-rss_limit_mb` report an input that takes too long or too
    /// much memory (a quadratic stage, an expansion).
    public static func cost(_ bytes: [UInt8]) -> String? {
        let document = MarkdownParser.parse(bytes)
        let rendered = layout(document, width: 80, options: LayoutOptions(title: "Note", foldsCallouts: true, toggledCallouts: [0, 1]))
        let plain = PlainText.of(document)
        let links = NoteLinks.extract(document, source: bytes)
        let targets = NoteLinks.targets(document)
        for link in links.prefix(64) where link.kind == .wiki {
            if let fragment = link.destination.split(separator: "#", maxSplits: 1).dropFirst().first {
                _ = targets.headings.find(String(fragment))
                _ = rendered.line(forFragment: String(fragment))
            }
        }
        withExtendedLifetime((rendered, plain)) {}
        return nil
    }

    /// Link resolution (each line as a Markdown and a wiki destination, from several folders)
    /// and SUMMARY.md reading (the whole input): nothing may resolve to a file the collection
    /// does not hold.
    public static func links(_ bytes: [UInt8]) -> String? {
        let vault = LinkFixture.vault
        let resolver = vault.resolver
        let text = String(decoding: bytes, as: UTF8.self)
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).prefix(64) {
            for source in LinkFixture.sources {
                if let problem = outside(resolver.resolve(String(line), from: source), vault)
                    ?? outside(resolver.resolveWiki(String(line), from: source), vault) {
                    return "\(String(line).debugDescription) from \(source): \(problem)"
                }
            }
            if let joined = PathMath.join(base: "guide/deep", String(line)), joined.split(separator: "/").contains("..") {
                return "\(String(line).debugDescription) joined to \(joined.debugDescription), still climbing"
            }
        }
        let document = MarkdownParser.parse(bytes)
        let toc = TableOfContents(summary: document, at: "SUMMARY.md", index: vault.index)
        if let entry = toc.entries.first(where: { $0.note.map { vault.index.files[$0] == nil } ?? false }) {
            return "SUMMARY entry \(entry.title.debugDescription) names a note not in the collection"
        }
        for link in NoteLinks.extract(document) {
            if let problem = outside(vault.resolve(link, from: "guide/intro.md"), vault) { return problem }
        }
        return nil
    }

    /// Search queries against an in-memory index of a few notes: never a failure, every hit
    /// names a note, snippets carry no control characters.
    public static func search(_ bytes: [UInt8]) -> String? {
        let text = String(decoding: bytes, as: UTF8.self)
        _ = SearchQuery(text).matchExpression
        for hit in SearchFixture.index.search(text, limit: 5) {
            if hit.path.isEmpty { return "a hit without a path" }
            if let span = hit.snippet.spans.first(where: { TerminalText.needsCleaning($0.text) }) {
                return "a control character in a snippet: \(span.text.debugDescription)"
            }
        }
        return nil
    }

    private static func outside(_ resolution: Resolution, _ vault: Vault) -> String? {
        switch resolution {
        case .note(let path, _), .file(let path):
            return vault.index.files[path] == nil ? "resolved to \(path.debugDescription), not in the collection" : nil
        default:
            return nil
        }
    }
}

/// The folders written, removed at exit by one handler registered with the first.
private let temporaryRoots: Mutex<[String]> = {
    atexit {
        for root in temporaryRoots.withLock({ $0 }) { try? FileManager.default.removeItem(atPath: root) }
    }
    return Mutex([])
}()

/// A small collection written once to a temporary folder (removed at exit).
private func writeCollection(_ name: String, _ files: [String: String]) -> String {
    let root = NSTemporaryDirectory() + "scribbles-\(name)-\(getpid())"
    for (file, text) in files {
        let path = root + "/" + file
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                 withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    }
    temporaryRoots.withLock { $0.append(root) }
    return root
}

private enum LinkFixture {
    static let sources = ["README.md", "guide/deep/page.md", "a/b/c/d.md", "SUMMARY.md"]
    static let vault: Vault = {
        let names = ["README.md", "guide/intro.md", "guide/deep/page.md", "Page With Spaces.md", "assets/image.png",
                     ".gitbook/includes/snippet.md", "ÜBER/naïve.md", "a/b/c/d.md"]
        let root = writeCollection("fuzz-links", Dictionary(uniqueKeysWithValues: names.map { ($0, "# \($0)\n\n## Part one\n") }))
        return try! Vault(opening: root)
    }()
}

private enum SearchFixture {
    static let index: SearchIndex = {
        let root = writeCollection("fuzz-search", [
            "README.md": "# Welcome\n\nThe flywheel of notes: read, search, jump.\n",
            "guide/search.md": "---\ndescription: Finding words\n---\n# Search\n\nPhrases \"like this\", OR, NOT, prefix* and title:words.\n",
            "guide/naïve café.md": "# Café\n\nRésumé naïve façade — ünïcödé, 漢字, emoji 🎉.\n",
            "code.md": "# Code\n\n```sql\nSELECT * FROM notes_fts WHERE notes_fts MATCH 'x';\n```\n",
        ])
        let vault = try! Vault(opening: root)
        let index = SearchIndex(for: vault, cacheFolder: nil)
        _ = index.refresh(vault)
        return index
    }()
}
