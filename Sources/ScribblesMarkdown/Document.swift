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
        firstHeadingTitle ?? frontMatter.title
    }

    /// Front-matter tags, then inline `#tags` in the order written, each once.
    public var tags: [String] {
        var seen: Set<String> = []
        var out: [String] = []
        func add(_ tag: String) { if seen.insert(tag.lowercased()).inserted { out.append(tag) } }
        frontMatter.tags.forEach(add)
        func visit(_ inlines: [Inline]) {
            for inline in inlines {
                switch inline {
                case .tag(let name): add(name)
                case .emphasis(let c), .strong(let c), .strike(let c), .mark(_, let c): visit(c)
                default: break
                }
            }
        }
        (blocks + footnotes.flatMap(\.blocks)).forEachBlock { block in block.inlineRuns.forEach(visit) }
        return out
    }

    /// The text of the H1 that opens the note (block ids aside). An H1 further down is a
    /// section heading, as vaults use it: such a note is titled by its file name.
    public var firstHeadingTitle: String? {
        titleHeadingIndex.flatMap { index in
            if case .heading(let heading) = blocks[index] { return heading.content.plainText }
            return nil
        }
    }

    /// The index of the H1 that opens the note, if one does.
    public var titleHeadingIndex: Int? {
        guard let first = blocks.firstIndex(where: { if case .blockID = $0 { false } else { true } }),
              case .heading(let heading) = blocks[first], heading.level == 1 else { return nil }
        return first
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
    /// An Obsidian callout or GitHub alert (`> [!type] Title`).
    case callout(Callout)
    /// An Obsidian embed on its own line (`![[note]]`, `![[image.png|300]]`).
    case transclusion(Transclusion)
    /// An Obsidian block id (`^id`): names the block that follows it (or, first in a list item,
    /// that item). Never shown; it only marks a place.
    case blockID(String)
    /// Display math (`$$ … $$`), kept as written.
    case math(String)
}

public struct Heading: Hashable, Sendable {
    public var level: Int
    public var content: [Inline]
    /// The anchor id: explicit (`<a id>`, `{#id}`) or the GitBook slug of the text.
    public var anchor: String
    public var hasExplicitAnchor: Bool
    /// Where it starts in the note file (1-based; 0 when unknown), for `e`'s editor line.
    public var line: Int

    public init(level: Int, content: [Inline], anchor: String, hasExplicitAnchor: Bool, line: Int = 0) {
        self.level = level
        self.content = content
        self.anchor = anchor
        self.hasExplicitAnchor = hasExplicitAnchor
        self.line = line
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

    /// The language to colour it in: the info string's, else what a `{% code title %}` file
    /// name says (`app.js` → `js`, `Dockerfile` → `dockerfile`).
    public var highlightLanguage: String {
        if !language.isEmpty { return language }
        guard let title, !title.contains(" ") else { return "" }
        let name = title.split(separator: "/").last.map(String.init) ?? title
        if let dot = name.lastIndex(of: "."), name.index(after: dot) < name.endIndex { return String(name[name.index(after: dot)...]) }
        return name
    }
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
    /// The column of the tag's `{` (1-based bytes; 0 when unknown).
    public var column = 0
}

public struct FileRef: Hashable, Sendable {
    public var source: String
    public var caption: String
    public var line = 0
    public var column = 0
}

/// An `{% include %}` of reusable content, until the vault inlines it.
public struct IncludeRef: Hashable, Sendable {
    public var path: String
    public var line = 0
    public var column = 0
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

/// An Obsidian callout. GitHub's alerts (`> [!NOTE]`) are the same syntax.
public struct Callout: Hashable, Sendable {
    public enum Fold: Hashable, Sendable {
        /// No marker: always open.
        case none
        /// `+`: foldable, open at first.
        case open
        /// `-`: foldable, folded at first.
        case folded
    }
    /// The type as written, lower-cased (`faq`, `recipe`).
    public var type: String
    /// The built-in type it is drawn as (unknown types are drawn as notes).
    public var kind: CalloutKind
    /// The title written after the type; empty for the default (the type's name).
    public var title: [Inline]
    public var fold: Fold
    public var blocks: [Block]
    public var line = 0

    public init(type: String, title: [Inline], fold: Fold, blocks: [Block], line: Int = 0) {
        self.type = type
        self.kind = CalloutKind(type: type)
        self.title = title
        self.fold = fold
        self.blocks = blocks
        self.line = line
    }

    /// The title shown when none is written: the type with a capital (`[!faq]` → "Faq").
    public var defaultTitle: String {
        type.prefix(1).uppercased() + type.dropFirst()
    }
}

/// Obsidian's built-in callout types; each alias maps onto one (`tldr` → `abstract`).
public enum CalloutKind: String, Hashable, Sendable, CaseIterable {
    case note, abstract, info, todo, tip, success, question, warning, failure, danger, bug, example, quote

    /// The kind for a type name as written (any case); unknown names are notes.
    public init(type: String) {
        switch type.lowercased() {
        case "abstract", "summary", "tldr": self = .abstract
        case "info": self = .info
        case "todo": self = .todo
        case "tip", "hint", "important": self = .tip
        case "success", "check", "done": self = .success
        case "question", "help", "faq": self = .question
        case "warning", "caution", "attention": self = .warning
        case "failure", "fail", "missing": self = .failure
        case "danger", "error": self = .danger
        case "bug": self = .bug
        case "example": self = .example
        case "quote", "cite": self = .quote
        default: self = .note
        }
    }

    /// The hint style whose colours it shares (one theme for hints and callouts).
    public var hint: HintKind {
        switch self {
        case .note, .info, .todo: return .info
        case .abstract, .tip: return .tip
        case .success: return .success
        case .question, .warning: return .warning
        case .failure, .danger, .bug: return .danger
        case .example: return .example
        case .quote: return .quote
        }
    }

    /// A one-cell symbol for the title line.
    public var icon: String {
        switch self {
        case .note: return "✎"
        case .abstract: return "≡"
        case .info: return "ℹ"
        case .todo: return "☐"
        case .tip: return "✦"
        case .success: return "✔"
        case .question: return "?"
        case .warning: return "⚠"
        case .failure: return "✘"
        case .danger: return "✖"
        case .bug: return "✱"
        case .example: return "☰"
        case .quote: return "❝"
        }
    }
}

/// An Obsidian embed, `![[target|label]]`, as a block. The vault fills in `content` for notes.
public struct Transclusion: Hashable, Sendable {
    /// What kind of file the target names, from its extension.
    public enum Media: String, Hashable, Sendable {
        case note, image, audio, video, pdf, file
    }

    /// What the vault found for a note embed.
    public enum Content: Hashable, Sendable {
        /// Not looked up (no collection, or not a note).
        case pending
        /// The embedded blocks: a whole note, one section or one block.
        case embedded(title: String, path: String, blocks: [Block])
        /// Not shown, with the reason (a cycle, the depth limit, a missing note or heading).
        case stopped(String)
    }

    /// The target as written, before `|`: `note`, `note#Heading`, `note#^id`, `image.png`.
    public var target: String
    /// What follows `|`: a label, or an image size (`300`, `200x100`).
    public var label: String
    public var media: Media
    public var line = 0
    /// The column of `!` (1-based, bytes of the line; 0 when unknown).
    public var column = 0
    public var content: Content = .pending

    public init(target: String, label: String, line: Int = 0, column: Int = 0) {
        self.target = target
        self.label = label
        self.media = Self.media(of: target)
        self.line = line
        self.column = column
    }

    /// The file part of the target (without `#heading` or `#^block`).
    public var file: String {
        guard let hash = target.firstIndex(of: "#") else { return target }
        return String(target[..<hash])
    }

    /// The part after `#` (a heading path or `^id`), nil when there is none.
    public var fragment: String? {
        guard let hash = target.firstIndex(of: "#") else { return nil }
        return String(target[target.index(after: hash)...])
    }

    /// The kind of file a name points at: Obsidian's accepted formats, common documents and
    /// archives; any other name is a note's, dots and all (`[[Node.js]]`, `[[v1.2 notes]]`).
    public static func media(of target: String) -> Media {
        let name = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? target
        let base = name.split(separator: "/").last.map(String.init) ?? name
        guard let dot = base.lastIndex(of: "."), dot != base.startIndex else { return .note }
        let ext = base[base.index(after: dot)...].lowercased()
        if imageExtensions.contains(ext) { return .image }
        if audioExtensions.contains(ext) { return .audio }
        if videoExtensions.contains(ext) { return .video }
        if ext == "pdf" { return .pdf }
        return fileExtensions.contains(ext) ? .file : .note
    }

    static let imageExtensions: Set<String> = ["png", "jpg", "jpeg", "gif", "bmp", "svg", "webp", "avif", "tif", "tiff", "ico", "heic"]
    static let audioExtensions: Set<String> = ["mp3", "wav", "m4a", "ogg", "flac", "3gp", "aac", "opus"]
    static let videoExtensions: Set<String> = ["mp4", "webm", "ogv", "mov", "mkv", "avi"]
    static let fileExtensions: Set<String> = [
        "canvas", "base", "excalidraw", "zip", "gz", "tgz", "tar", "7z", "rar", "doc", "docx", "xls", "xlsx", "ppt", "pptx",
        "odt", "ods", "odp", "csv", "tsv", "json", "yaml", "yml", "toml", "xml", "txt", "log", "epub", "mobi", "key", "pages",
        "numbers", "rtf", "psd", "ai", "sketch", "fig", "drawio", "dmg", "exe", "apk", "ipynb", "sqlite", "db",
    ]
}
