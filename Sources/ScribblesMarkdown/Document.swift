import ScribblesText

/// One parsed note: front matter, blocks and footnotes. A value; parsing never fails.
public struct Document: Hashable, Sendable {
    public var frontMatter: FrontMatter
    public var blocks: [Block]
    public var footnotes: [Footnote]

    public init(frontMatter: FrontMatter = FrontMatter(), blocks: [Block] = [], footnotes: [Footnote] = []) {
        self.frontMatter = frontMatter
        self.blocks = blocks
        self.footnotes = footnotes
    }

    /// The page title: the first level-1 heading, else front matter `title`.
    public var title: String? {
        for case .heading(let heading) in blocks where heading.level == 1 {
            return heading.content.plainText
        }
        return frontMatter.title
    }
}

/// A block of a note.
public indirect enum Block: Hashable, Sendable {
    case heading(Heading)
    case paragraph([Inline])
    case quote([Block])
    case list(ListBlock)
    case code(CodeBlock)
    case table(Table)
    case rule
    /// An HTML block reduced to its text lines.
    case htmlText([[Inline]])
    case figure(Figure)
    case details(Details)
    case hint(Hint)
    case tabs([Tab])
    case embed(Embed)
    case pageRef(PageRef)
    case file(FileRef)
    case include(IncludeRef)
    case raw(String)
    case api(APIBlock)
    /// A GitBook container tag without a dedicated rendering (stepper, columns, updates, if, …).
    case container(Container)
}

public struct Heading: Hashable, Sendable {
    public var level: Int
    public var content: [Inline]
    /// The anchor id: explicit (`<a id>`, `{#id}`) or the GitBook slug of the text.
    public var anchor: String
    public var hasExplicitAnchor: Bool

    public init(level: Int, content: [Inline], anchor: String, hasExplicitAnchor: Bool) {
        self.level = level
        self.content = content
        self.anchor = anchor
        self.hasExplicitAnchor = hasExplicitAnchor
    }
}

public struct ListBlock: Hashable, Sendable {
    public enum Kind: Hashable, Sendable { case bullet, ordered(start: Int) }
    public var kind: Kind
    public var isTight: Bool
    public var items: [ListItem]
}

public struct ListItem: Hashable, Sendable {
    /// `nil` for an ordinary item, else whether the task box is ticked.
    public var task: Bool?
    public var blocks: [Block]
}

public struct CodeBlock: Hashable, Sendable {
    /// The fence's info string (`swift`, `python title="x"`).
    public var info: String
    public var text: String
    /// A caption from `{% code title %}` or `data-title`.
    public var title: String?
    public var language: String { String(info.prefix { !$0.isWhitespace }) }
}

public struct Table: Hashable, Sendable {
    public enum Alignment: Hashable, Sendable { case none, left, center, right }
    public var alignments: [Alignment]
    public var header: [[Inline]]
    public var rows: [[[Inline]]]
}

public struct Figure: Hashable, Sendable {
    public var source: String
    public var alt: String
    public var caption: String
    public var line = 0
}

public struct Details: Hashable, Sendable {
    public var summary: [Inline]
    public var isOpen: Bool
    public var blocks: [Block]
}

public struct Hint: Hashable, Sendable {
    public var kind: HintKind
    public var blocks: [Block]
}

public struct Tab: Hashable, Sendable {
    public var title: String
    public var blocks: [Block]
}

public struct Embed: Hashable, Sendable {
    public var url: String
    public var caption: String
    public var title: String
    public var description: String
}

/// A `page-ref` or `content-ref` card pointing at another page.
public struct PageRef: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable { case pageRef = "page-ref", contentRef = "content-ref" }
    public var kind: Kind
    public var target: String
    /// The inner link text of a content-ref (used only for external targets).
    public var label: String
    public var line = 0
}

public struct FileRef: Hashable, Sendable {
    public var source: String
    public var caption: String
    public var line = 0
}

/// An `{% include %}` of reusable content, until the vault inlines it.
public struct IncludeRef: Hashable, Sendable {
    public var path: String
    public var line = 0
}

/// A manual API description (`swagger`, `api-method`) or an OpenAPI reference.
public struct APIBlock: Hashable, Sendable {
    public struct Parameter: Hashable, Sendable {
        public var location: String
        public var name: String
        public var type: String
        public var isRequired: Bool
        public var description: [Block]
    }
    public struct Response: Hashable, Sendable {
        public var status: String
        public var description: String
        public var blocks: [Block]
    }
    public var method: String
    public var path: String
    public var baseURL: String
    public var summary: String
    /// `spec "name"` or `from <src>` for OpenAPI references.
    public var source: String
    public var description: [Block]
    public var parameters: [Parameter]
    public var responses: [Response]
}

public struct Container: Hashable, Sendable {
    public var name: String
    /// A short label derived from the tag's attributes (`if <expr>`, a date, a width).
    public var label: String
    public var blocks: [Block]
}

public struct Footnote: Hashable, Sendable {
    public var label: String
    public var blocks: [Block]
}
