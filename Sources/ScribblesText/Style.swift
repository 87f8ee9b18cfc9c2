/// What a run of text *is*, never how it looks: only a backend maps roles to colours.
public enum Role: Hashable, Sendable {
    case text
    case title
    case heading(Int)
    case summary
    case quote
    case quoteBar
    case marker
    case code
    case codeBlock
    case codeFrame
    case link
    case brokenLink
    case image
    case embed
    case card
    case cardFrame
    case hint(HintKind)
    case tableHeader
    case tableFrame
    case rule
    case dim
    case unknownTag
    case footnote
    case math
    case keyboard
    case mark(MarkColor)
    /// An inline `#tag` or a tag in the properties line.
    case tag
    /// Keys of the properties line under a title.
    case property
    case match
    case apiMethod
    // Chrome of the interactive reader (frames, headers, status line), never note content.
    case chrome
    case accent
    case status
    case error
    /// The numbers `f` puts on links.
    case label
    /// A token of highlighted code.
    case syntax(SyntaxKind)
}

/// What a token of code is, as a highlighter classes it; `Theme` gives each its look.
public enum SyntaxKind: String, Hashable, Sendable, CaseIterable {
    case keyword, function, variable, `operator`, builtin, preprocessor, attribute, string, escape
    case type, number, constant, comment, error
    /// A diff's added and removed lines.
    case added, removed
}

/// A highlighted stretch of one line of code: bytes `start..<start + length` of the line.
public struct SyntaxToken: Hashable, Sendable {
    public var start: Int32
    public var length: Int32
    public var kind: SyntaxKind

    public init(start: Int32, length: Int32, kind: SyntaxKind) {
        self.start = start
        self.length = length
        self.kind = kind
    }
}

/// The colours of hints and callouts: GitBook's four styles (its legacy `tip` and `working`
/// map onto them), and the three more that Obsidian's callouts use (`CalloutKind.hint`).
public enum HintKind: String, Hashable, Sendable, CaseIterable {
    case info, success, warning, danger, tip, example, quote
}

/// Colours named by `<mark style="color:…">` and theme tokens.
public enum MarkColor: String, Hashable, Sendable {
    case red, orange, yellow, green, blue, purple, highlight
}

/// Inline emphasis that combines with any role.
public struct Emphasis: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let bold = Emphasis(rawValue: 1)
    public static let italic = Emphasis(rawValue: 2)
    public static let strike = Emphasis(rawValue: 4)
    public static let underline = Emphasis(rawValue: 8)
    /// Reverse video: the selection.
    public static let reverse = Emphasis(rawValue: 16)
}

/// A semantic style: a role plus emphasis.
public struct Style: Hashable, Sendable {
    public var role: Role
    public var emphasis: Emphasis

    public init(_ role: Role = .text, _ emphasis: Emphasis = []) {
        self.role = role
        self.emphasis = emphasis
    }

    public static let plain = Style()
}
