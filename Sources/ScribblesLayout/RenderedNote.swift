import ScribblesMarkdown
import ScribblesText

/// A note laid out at one width: styled lines plus what the reader needs to navigate them.
public struct RenderedNote: Hashable, Sendable {
    public var width: Int
    public var lines: [StyledLine] = []
    /// Where links sit, in line order.
    public var links: [LinkRegion] = []
    /// Heading anchor → line index.
    public var anchors: [String: Int] = [:]
    /// Headings in order, for the outline overlay.
    public var outline: [OutlineEntry] = []
    /// Code blocks and tables wider than the width, kept whole (`LayoutOptions.scrollsWide`),
    /// in line order: the reader shows a window of them that `>` and `<` move.
    public var wide: [WideRegion] = []

    public init(width: Int) { self.width = width }

    /// The lines as plain text, one per row.
    public var plainText: String { lines.map(\.plainText).joined(separator: "\n") }

    /// The line a link's `#fragment` points at: an anchor as written, a block id (`^id`), or
    /// a heading named the way Obsidian names them (text ignoring case and punctuation,
    /// `A#B` for B under A); nil when nothing matches.
    public func line(forFragment fragment: String) -> Int? {
        if let line = anchors[fragment] { return line }
        if fragment.hasPrefix("^") { return anchors[fragment.lowercased()] }
        if let line = anchors[Slug.make(fragment)] { return line }
        let headings = outline.map { HeadingPath.Heading(level: $0.level, text: $0.title) }
        return HeadingPath.Table(headings).findLeniently(fragment).map { outline[$0].line }
    }
}

/// A clickable stretch of one line. Columns are terminal cells, `end` exclusive.
public struct LinkRegion: Hashable, Sendable {
    public var line: Int
    public var start: Int
    public var end: Int
    public var target: LinkTarget
    /// Regions of one written link (wrapped over lines, or a card's rows) share an id.
    public var id: Int

    public init(line: Int, start: Int, end: Int, target: LinkTarget, id: Int = 0) {
        self.line = line
        self.start = start
        self.end = end
        self.target = target
        self.id = id
    }
}

/// What a link points at, as written in the note (resolution is the vault's job).
public struct LinkTarget: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        case link, wiki, pageRef, contentRef, embed, image, file, include, footnote
        /// An Obsidian embed (`![[note]]`, `![[image.png]]`): resolved by Obsidian's rules.
        case wikiEmbed
        /// A foldable callout's title line: Enter opens or closes it (the destination is its number).
        case callout
    }
    public var kind: Kind
    public var destination: String

    public init(_ kind: Kind, _ destination: String) {
        self.kind = kind
        self.destination = destination
    }

    /// Whether the destination has a URL scheme or starts with `//`.
    public var isExternal: Bool {
        if destination.hasPrefix("//") { return true }
        guard let colon = destination.firstIndex(of: ":") else { return false }
        let scheme = destination[..<colon]
        return scheme.count >= 2 && scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+.-".contains($0)) }
    }
}

/// Lines of one code block or table laid out wider than the note: each line is the part
/// before `start` (gutter, frame), then the scrolled part, of which `visible` cells show,
/// then `trailer` (the code frame's right side) right after the window.
public struct WideRegion: Hashable, Sendable {
    public var lines: Range<Int>
    public var start: Int
    public var visible: Int
    /// The widest line's scrolled part, in cells.
    public var width: Int
    public var trailer: StyledLine

    public init(lines: Range<Int>, start: Int, visible: Int, width: Int, trailer: StyledLine = StyledLine()) {
        self.lines = lines
        self.start = start
        self.visible = visible
        self.width = width
        self.trailer = trailer
    }

    /// How far it can scroll.
    public var maxOffset: Int { max(0, width - visible) }
}

public struct OutlineEntry: Hashable, Sendable {
    public var level: Int
    public var title: String
    public var anchor: String
    public var line: Int
    /// The heading's line in the note file (1-based; 0 when unknown or from another file).
    public var sourceLine = 0
}

/// Choices a caller makes about a layout beyond its width.
public struct LayoutOptions: Hashable, Sendable {
    /// The title shown when a note has no H1 (its file name or front-matter title).
    public var title: String?
    /// Whether callouts with a fold marker can fold (the reader); `render` shows them open.
    public var foldsCallouts: Bool
    /// Callouts (by number, in document order) whose fold state differs from the one written.
    public var toggledCallouts: Set<Int>
    /// Whether front-matter tags, aliases and other properties show under the title (not in
    /// GitBook collections, whose pages never show them).
    public var showsProperties: Bool
    /// Whether code and tables wider than the width are kept whole for sideways scrolling
    /// (the reader), instead of cut with `…` and squeezed (`render`).
    public var scrollsWide: Bool

    public init(title: String? = nil, foldsCallouts: Bool = false, toggledCallouts: Set<Int> = [], showsProperties: Bool = true,
                scrollsWide: Bool = false) {
        self.title = title
        self.foldsCallouts = foldsCallouts
        self.toggledCallouts = toggledCallouts
        self.showsProperties = showsProperties
        self.scrollsWide = scrollsWide
    }

    /// Whether callout `id` with `fold` as written is shown folded.
    public func isFolded(_ id: Int, _ fold: Callout.Fold) -> Bool {
        guard foldsCallouts, fold != .none else { return false }
        return (fold == .folded) != toggledCallouts.contains(id)
    }
}

/// What a page-ref card shows about its target, when the vault knows it.
public struct CardInfo: Hashable, Sendable {
    public var title: String
    public var description: String?

    public init(title: String, description: String?) {
        self.title = title
        self.description = description
    }
}
