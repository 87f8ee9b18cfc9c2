import ScribblesText

/// Inline content of a paragraph, heading, cell or caption.
public indirect enum Inline: Hashable, Sendable {
    case text(String)
    case emphasis([Inline])
    case strong([Inline])
    case strike([Inline])
    case code(String)
    case link(Link)
    case image(Image)
    case footnoteReference(String)
    case softBreak
    case lineBreak
    case mark(MarkColor, [Inline])
    case keyboard(String)
    /// Inline TeX as written, dollars included (`$e^{i\\pi}$`).
    case math(String)
    /// A template tag Scribbles does not know, shown verbatim and dimmed.
    case unknownTag(String)
    /// An inline `#tag` (without the `#`; nested tags keep their `/`).
    case tag(String)
}

public struct Link: Hashable, Sendable {
    public var destination: String
    public var title: String
    public var content: [Inline]
    /// An Obsidian `[[wikilink]]`: the destination is a note name, not a path.
    public var isWiki = false
    /// An Obsidian embed (`![[note]]`); one inside running text is shown as a link.
    public var isEmbed = false
    /// Whether a wikilink has its own label (`[[target|label]]`).
    public var hasLabel = false
    /// Where the link starts in the note file (1-based; 0 when unknown).
    public var line = 0
    public var column = 0
    /// GitBook mention links (`"mention"` title or `data-mention`) show the target's title.
    public var isMention: Bool { title == "mention" }
}

public struct Image: Hashable, Sendable {
    public var source: String
    public var alt: String
    public var line = 0
    public var column = 0
    /// An Obsidian embed of an attachment inside running text (`![[icon.svg]]`): the source
    /// resolves by Obsidian's rules.
    public var isWiki = false
}

extension Array where Element == Inline {
    /// The text of these inlines without markup (links keep their text, images their alt).
    public var plainText: String {
        var out = ""
        for inline in self { inline.appendPlainText(to: &out) }
        return out
    }
}

extension Inline {
    func appendPlainText(to out: inout String) {
        switch self {
        case .text(let s), .code(let s), .keyboard(let s), .math(let s), .unknownTag(let s): out += s
        case .tag(let name): out += "#" + name
        case .emphasis(let c), .strong(let c), .strike(let c), .mark(_, let c): for i in c { i.appendPlainText(to: &out) }
        case .link(let link): for i in link.content { i.appendPlainText(to: &out) }
        case .image(let image): out += image.alt
        case .footnoteReference(let label): out += "[\(label)]"
        case .softBreak: out += " "
        case .lineBreak: out += "\n"
        }
    }
}
