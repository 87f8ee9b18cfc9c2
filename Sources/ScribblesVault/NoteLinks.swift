import ScribblesMarkdown

/// A link written in a note, where it was written.
public struct OutgoingLink: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, Codable {
        case link, mention, wiki, image, pageRef = "page-ref", contentRef = "content-ref", include, file, embed
    }
    public var kind: Kind
    public var destination: String
    public var line: Int
    public var column: Int

    /// Images and attachments: a missing one is a warning, not an error.
    public var isAsset: Bool { kind == .image || kind == .file }
}

/// Walks a document for its links and its heading anchors.
public enum NoteLinks {
    public static func extract(_ document: Document) -> [OutgoingLink] {
        var walker = Walker()
        walker.blocks(document.blocks)
        for footnote in document.footnotes { walker.blocks(footnote.blocks) }
        return walker.links
    }

    /// Every anchor a link may use: explicit ids and slugs of every heading, footnotes.
    public static func anchors(_ document: Document) -> Set<String> {
        var walker = Walker()
        walker.blocks(document.blocks)
        var anchors = walker.anchors
        for footnote in document.footnotes {
            anchors.insert("user-content-fn-\(footnote.label)")
            anchors.insert("fn-\(footnote.label)")
        }
        return anchors
    }

    private struct Walker {
        var links: [OutgoingLink] = []
        var anchors: Set<String> = []

        mutating func blocks(_ blocks: [Block]) {
            for block in blocks { self.block(block) }
        }

        mutating func block(_ block: Block) {
            switch block {
            case .heading(let h):
                anchors.insert(h.anchor)
                anchors.insert(Slug.make(h.content.plainText))
                inlines(h.content)
            case .paragraph(let content): inlines(content)
            case .quote(let children): blocks(children)
            case .list(let list): for item in list.items { blocks(item.blocks) }
            case .table(let table):
                for cell in table.header { inlines(cell) }
                for row in table.rows { for cell in row { inlines(cell) } }
            case .htmlText(let lines): for line in lines { inlines(line) }
            case .figure(let f): if !f.source.isEmpty { add(.image, f.source, f.line, 0) }
            case .details(let d): blocks(d.blocks)
            case .hint(let h): blocks(h.blocks)
            case .tabs(let tabs): for tab in tabs { blocks(tab.blocks) }
            case .embed(let e): add(.embed, e.url, 0, 0)
            case .pageRef(let r): add(r.kind == .pageRef ? .pageRef : .contentRef, r.target, r.line, 0)
            case .file(let f): add(.file, f.source, f.line, 0)
            case .include(let i): add(.include, i.path, i.line, 0)
            case .api(let api):
                blocks(api.description)
                for p in api.parameters { blocks(p.description) }
                for r in api.responses { blocks(r.blocks) }
            case .container(let c): blocks(c.blocks)
            case .code, .rule, .raw: break
            }
        }

        mutating func inlines(_ inlines: [Inline]) {
            for inline in inlines {
                switch inline {
                case .link(let link):
                    let kind: OutgoingLink.Kind = link.isWiki ? .wiki : link.isMention ? .mention : .link
                    add(kind, link.destination, link.line, link.column)
                    self.inlines(link.content)
                case .image(let image): add(.image, image.source, image.line, image.column)
                case .emphasis(let c), .strong(let c), .strike(let c), .mark(_, let c): self.inlines(c)
                default: break
                }
            }
        }

        mutating func add(_ kind: OutgoingLink.Kind, _ destination: String, _ line: Int, _ column: Int) {
            links.append(OutgoingLink(kind: kind, destination: destination, line: line, column: column))
        }
    }
}
