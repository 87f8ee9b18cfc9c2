import ScribblesMarkdown
import ScribblesText

/// A piece of inline text in one style, possibly part of a link, ready to wrap.
struct Fragment {
    var text: String
    var style: Style
    /// Index into the paragraph's link targets.
    var link: Int?
    /// A forced line break (from a hard break) rather than text.
    var isBreak = false
}

/// Flattens inlines into fragments with semantic styles.
struct InlineFlattener {
    var fragments: [Fragment] = []
    var links: [LinkTarget] = []
    /// Titles of mention links' targets, when the vault knows them.
    var mentionTitle: (String) -> String? = { _ in nil }

    mutating func add(_ inlines: [Inline], _ style: Style, link: Int? = nil) {
        for inline in inlines { add(inline, style, link: link) }
    }

    private mutating func text(_ s: String, _ style: Style, _ link: Int?) {
        guard !s.isEmpty else { return }
        fragments.append(Fragment(text: TerminalText.visible(s), style: style, link: link))
    }

    private mutating func add(_ inline: Inline, _ style: Style, link: Int?) {
        switch inline {
        case .text(let s): text(s, style, link)
        case .softBreak: text(" ", style, link)
        case .lineBreak: fragments.append(Fragment(text: "", style: style, link: nil, isBreak: true))
        case .emphasis(let c): add(c, style.with(.italic), link: link)
        case .strong(let c): add(c, style.with(.bold), link: link)
        case .strike(let c): add(c, style.with(.strike), link: link)
        case .code(let s): text(s, Style(.code, style.emphasis), link)
        case .keyboard(let s): text("⟨\(s)⟩", Style(.keyboard, style.emphasis), link)
        case .math(let s): text(s, Style(.math, style.emphasis), link)
        case .unknownTag(let s): text(s, Style(.unknownTag), link)
        case .tag(let name): text("#" + name, Style(.tag, style.emphasis), link)
        case .mark(let color, let c): add(c, Style(.mark(color), style.emphasis), link: link)
        case .footnoteReference(let label):
            links.append(LinkTarget(.footnote, label))
            text("[\(label)]", Style(.footnote), links.count - 1)
        case .image(let image):
            links.append(LinkTarget(image.isWiki ? .wikiEmbed : .image, image.source))
            let alt = image.alt.trimmingWhitespace()
            let kind = image.isWiki ? Transclusion.media(of: image.source).rawValue : "image"
            text(alt.isEmpty ? "[\(kind)]" : "[\(kind): \(alt)]", Style(.image), links.count - 1)
        case .link(let l):
            let target = LinkTarget(l.isEmbed ? .wikiEmbed : l.isWiki ? .wiki : .link, l.destination)
            links.append(target)
            let index = links.count - 1
            let linkStyle = Style(.link, style.emphasis)
            if l.isMention, let title = mentionTitle(l.destination) {
                text(title, linkStyle, index)
            } else if l.content.isEmpty {
                text(l.destination, linkStyle, index)
            } else {
                add(l.content, linkStyle, link: index)
            }
        }
    }
}

extension Style {
    func with(_ extra: Emphasis) -> Style {
        var copy = self
        copy.emphasis.insert(extra)
        return copy
    }
}
