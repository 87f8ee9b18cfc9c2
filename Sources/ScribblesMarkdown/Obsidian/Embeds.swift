/// Obsidian embeds (`![[…]]`): alone on its line an embed becomes a transclusion block; among
/// words, an attachment (`![[icon.svg]]`) becomes an inline image and a note a link.
enum Embeds {
    /// A paragraph's inlines as blocks: paragraphs, with each note embed taken out as a
    /// transclusion (a note's content is a block wherever it is written) and each attachment
    /// embed that has a line to itself too.
    static func splitting(_ run: [Inline]) -> [Block] {
        guard run.contains(where: { if case .link(let link) = $0 { link.isEmbed } else { false } }) else {
            return [.paragraph(run)]
        }
        var blocks: [Block] = []
        var paragraph: [Inline] = []
        func flush() {
            let trimmed = CmarkConverter.trimmed(paragraph)
            if !trimmed.isEmpty { blocks.append(.paragraph(trimmed)) }
            paragraph = []
        }
        var start = 0
        while start < run.count {
            var end = start
            while end < run.count, !isBreak(run[end]) { end += 1 }
            let line = run[start..<end]
            let content = line.filter { !$0.isBlank }
            if content.count == 1, case .link(let link) = content[0], link.isEmbed {
                flush()
                blocks.append(.transclusion(transclusion(link)))
            } else {
                for inline in line {
                    if case .link(let link) = inline, link.isEmbed, Transclusion.media(of: link.destination) == .note {
                        flush()
                        blocks.append(.transclusion(transclusion(link)))
                    } else {
                        paragraph.append(inline)
                    }
                }
                if end < run.count { paragraph.append(run[end]) }
            }
            start = end + 1
        }
        flush()
        return blocks
    }

    /// An embed among words.
    static func inline(_ link: Link) -> Inline {
        let media = Transclusion.media(of: link.destination)
        guard media != .note else { return .link(link) }
        let label = link.hasLabel ? link.content.plainText : ""
        let name = Transclusion(target: link.destination, label: "").file
        let alt = label.isEmpty || isSize(label) ? (name.split(separator: "/").last.map(String.init) ?? name) : label
        return .image(Image(source: link.destination, alt: alt, line: link.line, column: link.column, isWiki: true))
    }

    static func transclusion(_ link: Link) -> Transclusion {
        Transclusion(target: link.destination, label: link.hasLabel ? link.content.plainText : "", line: link.line,
                     column: link.column)
    }

    /// `300` or `200x100`: an image size, not a label.
    static func isSize(_ label: String) -> Bool {
        let parts = label.split(separator: "x", omittingEmptySubsequences: false)
        return (1...2).contains(parts.count) && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
    }

    private static func isBreak(_ inline: Inline) -> Bool {
        if case .softBreak = inline { return true }
        if case .lineBreak = inline { return true }
        return false
    }
}
