import ScribblesMarkdown
import ScribblesText

/// A link written in a note, where it was written.
public struct OutgoingLink: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, Codable {
        case link, mention, wiki, image, pageRef = "page-ref", contentRef = "content-ref", include, file, embed
        /// An Obsidian embed, `![[note]]` or `![[image.png]]`.
        case wikiEmbed = "wiki-embed"
        /// A wikilink in a front-matter property (`parent: "[[note]]"`).
        case property
    }
    public var kind: Kind
    public var destination: String
    public var line: Int
    /// The 1-based byte column of the link's first character on its line (0 when unknown).
    public var column: Int

    /// Images and attachments: a missing one is a warning, not an error.
    public var isAsset: Bool {
        kind == .image || kind == .file || (kind == .wikiEmbed && Transclusion.media(of: destination) != .note)
    }

    /// Whether it resolves by Obsidian's rules (a wikilink, embed or property link).
    public var isWiki: Bool { kind == .wiki || kind == .wikiEmbed || kind == .property }
}

/// Walks a document for its links and for what links can point at in it.
public enum NoteLinks {
    /// Every link of the note, in document order: front-matter properties first.
    public static func extract(_ document: Document) -> [OutgoingLink] {
        extract(document, run: 512)
    }

    /// - Parameter run: how many top-level blocks one core walks at a time (the tests make it
    ///   small, to check runs give what one walk gives).
    static func extract(_ document: Document, run: Int) -> [OutgoingLink] {
        walk(document, run: run) { Walker() }.flatMap(\.links)
    }

    /// Walkers over the note in document order: its front-matter properties, its top-level
    /// blocks in runs of `run` (a long note's on all cores), its footnotes.
    private static func walk(_ document: Document, run: Int, _ make: () -> Walker) -> [Walker] {
        var properties = make()
        for property in document.frontMatter.properties {
            for value in property.values { properties.inlines(value, kind: .property) }
        }
        let runs = Parallel.mapRuns(document.blocks, run: run) { blocks in
            var walker = make()
            walker.blocks(Array(blocks))
            return walker
        }
        var footnotes = make()
        for footnote in document.footnotes { footnotes.blocks(footnote.blocks) }
        return [properties] + runs + [footnotes]
    }

    /// Every link of the note, with columns counted in characters of `source` (the note's
    /// bytes, which the document was parsed from): what `check` and `links` print.
    public static func extract(_ document: Document, source: [UInt8]) -> [OutgoingLink] {
        var links = extract(document)
        SourceColumns.convert(&links, in: source)
        return links
    }

    /// Every anchor a link may use: explicit ids and slugs of every heading, footnotes.
    public static func anchors(_ document: Document) -> Set<String> {
        targets(document).anchors
    }

    /// What links can name in the note: anchors, headings by text, block ids, aliases.
    public static func targets(_ document: Document) -> NoteTargets {
        var targets = NoteTargets()
        var headings: [HeadingPath.Heading] = []
        document.blocks.forEachBlock { block in
            switch block {
            case .heading(let h):
                targets.anchors.insert(h.anchor)
                let text = h.content.plainText
                targets.anchors.insert(Slug.make(text))
                headings.append(HeadingPath.Heading(level: h.level, text: text, anchor: h.anchor))
            case .blockID(let id):
                targets.blockIDs.insert(id.lowercased())
            default:
                break
            }
        }
        for footnote in document.footnotes {
            targets.anchors.insert("user-content-fn-\(footnote.label)")
            targets.anchors.insert("fn-\(footnote.label)")
            footnote.blocks.forEachBlock { if case .blockID(let id) = $0 { targets.blockIDs.insert(id.lowercased()) } }
        }
        targets.headings = HeadingPath.Table(headings)
        targets.aliases = document.frontMatter.aliases
        return targets
    }

    /// Whether the note shows something from its collection through a link: a page-ref or
    /// content-ref card, an include, a mention's title, an embedded note. (`render` opens the
    /// collection only then, and the reader reads such a note again once it is open.)
    public static func showsFromCollection(_ document: Document) -> Bool {
        containsLink(document, run: 512) { kind, destination in
            [.pageRef, .contentRef, .include, .mention].contains(kind)
                || (kind == .wikiEmbed && Transclusion.media(of: destination) == .note)
        }
    }

    /// Whether a link of the note passes `test`: `extract(document).contains`, without making
    /// the links (on all cores for a long note, like `extract`).
    static func containsLink(_ document: Document, run: Int, where test: @escaping (OutgoingLink.Kind, String) -> Bool) -> Bool {
        walk(document, run: run) { Walker(test: test) }.contains(where: \.found)
    }

    private struct Walker {
        var links: [OutgoingLink] = []
        /// With a test, links are tested rather than kept, and the walk stops at one that passes.
        var test: ((OutgoingLink.Kind, String) -> Bool)? = nil
        var found = false

        mutating func blocks(_ blocks: [Block]) {
            _ = blocks.containsBlock { block in
                self.block(block)
                return found
            }
        }

        mutating func block(_ block: Block) {
            for run in block.inlineRuns { inlines(run) }
            switch block {
            case .figure(let f): if !f.source.isEmpty { add(.image, f.source, f.line, 0) }
            case .embed(let e): add(.embed, e.url, 0, 0)
            case .pageRef(let r): add(r.kind == .pageRef ? .pageRef : .contentRef, r.target, r.line, r.column)
            case .file(let f): add(.file, f.source, f.line, f.column)
            case .include(let i): add(.include, i.path, i.line, i.column)
            case .transclusion(let t): add(.wikiEmbed, t.target, t.line, t.column)
            default: break
            }
        }

        mutating func inlines(_ inlines: [Inline], kind wikiKind: OutgoingLink.Kind = .wiki) {
            for inline in inlines {
                switch inline {
                case .link(let link):
                    let kind: OutgoingLink.Kind = link.isEmbed ? .wikiEmbed : link.isWiki ? wikiKind : link.isMention ? .mention : .link
                    add(kind, link.destination, link.line, link.column)
                    self.inlines(link.content)
                case .image(let image): add(image.isWiki ? .wikiEmbed : .image, image.source, image.line, image.column)
                case .emphasis(let c), .strong(let c), .strike(let c), .mark(_, let c): self.inlines(c)
                default: break
                }
            }
        }

        mutating func add(_ kind: OutgoingLink.Kind, _ destination: String, _ line: Int, _ column: Int) {
            if let test {
                if test(kind, destination) { found = true }
                return
            }
            links.append(OutgoingLink(kind: kind, destination: destination, line: line, column: column))
        }
    }
}
