import ScribblesMarkdown

/// One row of a collection's table of contents, flattened with its depth.
public struct TOCEntry: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// A section heading (`## Group` in SUMMARY.md, or "Unlisted").
        case group
        /// An untitled break between parts (`---` in SUMMARY.md).
        case separator
        /// A note, by root-relative path.
        case page(String)
        case external(String)
        /// A SUMMARY entry without a link: a header for its children.
        case unlinked
        /// A SUMMARY entry whose target does not exist, with the reason.
        case missing(String)
    }

    public var kind: Kind
    public var title: String
    public var depth: Int
    /// For `path.md#anchor` entries, the heading to open at.
    public var anchor: String?

    public init(kind: Kind, title: String, depth: Int, anchor: String? = nil) {
        self.kind = kind
        self.title = title
        self.depth = depth
        self.anchor = anchor
    }

    public var note: String? {
        if case .page(let path) = kind { return path }
        return nil
    }
}

public struct TableOfContents: Hashable, Sendable {
    public var entries: [TOCEntry]
    /// Whether it came from SUMMARY.md (else from the folder tree).
    public var isFromSummary: Bool

    /// The table a parsed SUMMARY.md (at root-relative `summaryPath`) gives over `index`:
    /// its entries, then the notes it does not list under "Unlisted".
    public init(summary document: Document, at summaryPath: String, index: VaultIndex) {
        var entries = SummaryReader.entries(document, summaryPath: summaryPath, index: index)
        Vault.appendUnlisted(to: &entries, index: index, skipping: [summaryPath])
        self.init(entries: entries, isFromSummary: true)
    }

    init(entries: [TOCEntry], isFromSummary: Bool) {
        self.entries = entries
        self.isFromSummary = isFromSummary
    }

    /// The notes the table lists, in order, each once.
    public var listedNotes: [String] {
        var seen: Set<String> = []
        return entries.compactMap { $0.note }.filter { seen.insert($0).inserted }
    }
}

/// Reads SUMMARY.md (GITBOOK.md §5.4) with the Markdown parser: headings are groups, rules
/// separators, list items entries nested by list structure. Notes under the root that it does
/// not list go under a final "Unlisted" group.
enum SummaryReader {
    static func entries(_ document: Document, summaryPath: String, index: VaultIndex) -> [TOCEntry] {
        let resolver = LinkResolver(index: index)
        var entries: [TOCEntry] = []
        for (position, block) in document.blocks.enumerated() {
            switch block {
            case .heading(let heading):
                if heading.level == 1 && position == 0 { continue }
                entries.append(TOCEntry(kind: .group, title: heading.content.plainText, depth: 0))
            case .rule:
                entries.append(TOCEntry(kind: .separator, title: "", depth: 0))
            case .list(let list):
                items(list, depth: 0, resolver: resolver, from: summaryPath, into: &entries)
            case .code(let code) where code.text.contains("builtin:openapi"):
                entries.append(TOCEntry(kind: .unlinked, title: "API reference (generated from a spec)", depth: 0))
            default:
                continue
            }
        }
        return entries
    }

    private static func items(_ list: ListBlock, depth: Int, resolver: LinkResolver, from: String,
                              into entries: inout [TOCEntry]) {
        for item in list.items {
            var children: [ListBlock] = []
            var entry: TOCEntry?
            for block in item.blocks {
                switch block {
                case .paragraph(let inlines) where entry == nil:
                    entry = self.entry(inlines, depth: depth, resolver: resolver, from: from)
                case .list(let nested):
                    children.append(nested)
                default:
                    continue
                }
            }
            if let entry { entries.append(entry) }
            for nested in children { items(nested, depth: depth + 1, resolver: resolver, from: from, into: &entries) }
        }
    }

    private static func entry(_ inlines: [Inline], depth: Int, resolver: LinkResolver, from: String) -> TOCEntry {
        guard let link = inlines.lazy.compactMap({ inline -> Link? in
            if case .link(let l) = inline { return l }
            return nil
        }).first else {
            return TOCEntry(kind: .unlinked, title: inlines.plainText.trimmingWhitespace(), depth: depth)
        }
        let text = link.content.plainText.trimmingWhitespace()
        let title = !link.title.isEmpty && link.title != "mention" ? link.title : text
        switch resolver.resolve(link.destination, from: from) {
        case .note(let path, let anchor):
            return TOCEntry(kind: .page(path), title: title, depth: depth, anchor: anchor)
        case .external(let url), .crossSpace(let url):
            return TOCEntry(kind: .external(url), title: title, depth: depth)
        case .broken(let reason):
            return TOCEntry(kind: .missing(reason.message), title: title, depth: depth)
        case .file(let path):
            return TOCEntry(kind: .missing("\(path) is not a note"), title: title, depth: depth)
        case .samePage, .top:
            return TOCEntry(kind: .unlinked, title: title, depth: depth)
        }
    }
}
