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

    public init(width: Int) { self.width = width }

    /// The lines as plain text, one per row.
    public var plainText: String { lines.map(\.plainText).joined(separator: "\n") }
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

public struct OutlineEntry: Hashable, Sendable {
    public var level: Int
    public var title: String
    public var anchor: String
    public var line: Int
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
