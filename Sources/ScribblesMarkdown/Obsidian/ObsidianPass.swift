/// Obsidian's syntax as one pass over the block model, after cmark-gfm and GitBook's tags.
///
/// It works in every collection: the syntax is recognised by its shape, not by a `.obsidian/`
/// marker, and none of it means anything else in CommonMark, so GitBook notes are unchanged.
/// Per container (the document, a quote, a list item, a callout…), innermost first:
/// `%%comments%%` are dropped (within a paragraph, or from one paragraph to a later one),
/// quotes that start with `[!type]` become callouts, embeds alone on their line become
/// transclusion blocks, and `^id` block ids become markers before the block they name. In
/// every run of inlines: `==highlights==`, inline footnotes `^[…]`, embeds inside text and
/// `#tags` (never in headings, code or links). Wikilinks themselves are found earlier, where
/// cmark's text nodes still know their positions (`WikiLinks`).
struct ObsidianPass {
    /// Footnotes of the note; inline footnotes are added here.
    var footnotes: [Footnote]
    private var usedLabels: Set<String>
    private var nextInlineFootnote = 1
    /// What the note's text can hold; the rest is not looked for.
    private let features: ObsidianFeatures

    init(footnotes: [Footnote], features: ObsidianFeatures) {
        self.footnotes = footnotes
        self.features = features
        usedLabels = Set(footnotes.map(\.label))
    }

    /// The document's blocks with Obsidian's syntax read; footnotes end up in `footnotes`.
    mutating func apply(_ blocks: [Block]) -> [Block] {
        guard !features.isEmpty else { return blocks }
        let body = rewrite(blocks)
        var notes = footnotes
        for index in notes.indices { notes[index].blocks = rewrite(notes[index].blocks) }
        // Footnotes made while reading the footnotes themselves are read as they are.
        footnotes = notes + footnotes[notes.count...]
        return body
    }

    private mutating func rewrite(_ blocks: [Block]) -> [Block] {
        var pass = self
        let result = blocks.rewritingContainers { pass.container($0) }
        self = pass
        return result
    }

    /// One container's blocks, its children already read.
    private mutating func container(_ blocks: [Block]) -> [Block] {
        var out: [Block] = []
        let readsInlines = !features.isDisjoint(with: ObsidianFeatures.inline)
        for block in features.contains(.comments) ? Comments.removing(from: blocks) : blocks {
            if case .paragraph(let run) = block, readsInlines {
                // Embeds alone on a line become blocks before the rest of the text is read.
                for piece in Embeds.splitting(Comments.removing(fromInlines: run)) {
                    let read = piece.mappingInlines { run, isHeading in self.inlines(run, isHeading: isHeading) }
                    // A paragraph that was all comment is gone.
                    if case .paragraph(let inlines) = read, !inlines.contains(where: { !$0.isBlank }) { continue }
                    out.append(read)
                }
                continue
            }
            // The quote's first paragraph, title line included, was read with its container.
            if features.contains(.callouts), case .quote(let children) = block, let callout = Callouts.callout(children) {
                out.append(.callout(callout))
                continue
            }
            out.append(readsInlines ? block.mappingInlines { run, isHeading in self.inlines(run, isHeading: isHeading) } : block)
        }
        return features.contains(.blockIDs) ? BlockIDs.marking(out) : out
    }

    /// One run of inlines: comments, highlights, inline footnotes, embeds in text, tags;
    /// inside emphasis, strikethrough and highlights too (not in links, code or headings' tags).
    private mutating func inlines(_ run: [Inline], isHeading: Bool) -> [Inline] {
        guard run.contains(where: Self.mayHoldSyntax) else { return run }
        return read(run, readsTags: features.contains(.tags) && !isHeading)
    }

    private mutating func read(_ run: [Inline], readsTags: Bool) -> [Inline] {
        var result = features.contains(.comments) ? Comments.removing(fromInlines: run) : run
        if features.contains(.highlights) {
            result = Delimited.wrapping(result, open: "==", close: "==") { [.mark(.highlight, $0)] }
        }
        if features.contains(.inlineFootnotes) {
            result = Delimited.wrapping(result, open: "^[", close: "]") { content in
                [.footnoteReference(self.addFootnote(content))]
            }
        }
        var out: [Inline] = []
        out.reserveCapacity(result.count)
        for inline in result {
            switch inline {
            case .text(let text): out.append(contentsOf: readsTags ? Tags.split(text) : [inline])
            case .link(let link) where link.isEmbed: out.append(Embeds.inline(link))
            case .emphasis(let c) where c.contains(where: Self.mayHoldSyntax): out.append(.emphasis(read(c, readsTags: readsTags)))
            case .strong(let c) where c.contains(where: Self.mayHoldSyntax): out.append(.strong(read(c, readsTags: readsTags)))
            case .strike(let c) where c.contains(where: Self.mayHoldSyntax): out.append(.strike(read(c, readsTags: readsTags)))
            case .mark(let color, let c) where c.contains(where: Self.mayHoldSyntax): out.append(.mark(color, read(c, readsTags: readsTags)))
            default: out.append(inline)
            }
        }
        return out
    }

    private mutating func addFootnote(_ content: [Inline]) -> String {
        var label = String(footnotes.count + nextInlineFootnote)
        while usedLabels.contains(label) {
            nextInlineFootnote += 1
            label = String(footnotes.count + nextInlineFootnote)
        }
        usedLabels.insert(label)
        footnotes.append(Footnote(label: label, blocks: [.paragraph(CmarkConverter.trimmed(content))]))
        return label
    }

    /// A cheap test: could this inline hold any of the syntax read here?
    private static func mayHoldSyntax(_ inline: Inline) -> Bool {
        switch inline {
        case .text(let s):
            return s.utf8.contains { $0 == UInt8(ascii: "#") || $0 == UInt8(ascii: "=") || $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "^") }
        case .link(let link): return link.isEmbed
        case .emphasis(let c), .strong(let c), .strike(let c), .mark(_, let c): return c.contains(where: mayHoldSyntax)
        default: return false
        }
    }
}
