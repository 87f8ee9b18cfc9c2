import ScribblesConfig
import ScribblesText
import Synchronization

/// How a semantic style looks: the one place roles become colours, shared by the ncurses
/// backend and the ANSI writer of `scribbles render`. One accent colour (blue); chrome is dim.
public struct Look: Hashable, Sendable {
    /// Foreground in the 256-colour palette, nil for the terminal's default.
    public var color256: Int?
    /// Foreground among the 8 basic colours (0–7), nil for the default.
    public var color8: Int?
    public var bold = false
    public var dim = false
    public var italic = false
    public var underline = false
    public var reverse = false
    public var strike = false
}

public enum Theme {
    /// What the config file's `[theme]` changes, set once at start.
    private static let overrides = Mutex<[Role: ThemeEntry]>([:])
    /// Whether there are any: `look` runs for every span `render` writes, and most people
    /// have no theme, so it takes no lock then.
    private static let isConfigured = Atomic<Bool>(false)

    /// Takes the config file's theme: its roles look as it says, the others as by default.
    public static func configure(_ theme: [Role: ThemeEntry]) {
        overrides.withLock { $0 = theme }
        isConfigured.store(!theme.isEmpty, ordering: .releasing)
    }

    /// The look of `style`: its role's colour and attributes plus its emphasis.
    public static func look(_ style: Style) -> Look {
        var look = base(style.role)
        if isConfigured.load(ordering: .acquiring), let entry = overrides.withLock({ $0[style.role] }) { apply(entry, to: &look) }
        let emphasis = style.emphasis
        if emphasis.contains(.bold) { look.bold = true }
        if emphasis.contains(.italic) { look.italic = true }
        if emphasis.contains(.underline) { look.underline = true }
        if emphasis.contains(.strike) { look.strike = true }
        if emphasis.contains(.reverse) { look.reverse.toggle() }
        return look
    }

    private static func apply(_ entry: ThemeEntry, to look: inout Look) {
        switch entry.color {
        case .terminalDefault?:
            look.color256 = nil
            look.color8 = nil
        case .palette(let index)?:
            look.color256 = index
            look.color8 = basic(index)
        case nil:
            break
        }
        if let bold = entry.bold { look.bold = bold }
        if let dim = entry.dim { look.dim = dim }
        if let italic = entry.italic { look.italic = italic }
        if let underline = entry.underline { look.underline = underline }
        if let reverse = entry.reverse { look.reverse = reverse }
    }

    /// The nearest of the 8 basic colours to a palette colour; nil (the terminal's own
    /// foreground) for black, white and greys, which could vanish on the background.
    static func basic(_ index: Int) -> Int? {
        switch index {
        case 0, 7, 8, 15, 232...: return nil
        case ..<16: return index % 8
        default:
            let cube = index - 16, red = cube / 36, green = cube / 6 % 6, blue = cube % 6
            let basic = (red >= 3 ? 1 : 0) | (green >= 3 ? 2 : 0) | (blue >= 3 ? 4 : 0)
            return basic == 0 || basic == 7 ? nil : basic
        }
    }

    private static func colour(_ c256: Int?, _ c8: Int?, bold: Bool = false, dim: Bool = false, italic: Bool = false,
                               underline: Bool = false, reverse: Bool = false, strike: Bool = false) -> Look {
        Look(color256: c256, color8: c8, bold: bold, dim: dim, italic: italic, underline: underline, reverse: reverse, strike: strike)
    }

    private static func base(_ role: Role) -> Look {
        switch role {
        case .text: return colour(nil, nil)
        case .title, .heading(1), .heading(2): return colour(75, 4, bold: true)
        case .heading(3): return colour(110, 6, bold: true)
        case .heading: return colour(nil, nil, bold: true)
        case .summary: return colour(246, nil, dim: true, italic: true)
        case .quote: return colour(252, nil)
        case .quoteBar, .marker: return colour(75, 4)
        case .code: return colour(180, 3)
        case .codeBlock: return colour(252, nil)
        case .codeFrame, .tableFrame, .rule, .cardFrame: return colour(240, nil, dim: true)
        case .link: return colour(39, 4, underline: true)
        case .brokenLink: return colour(203, 1, strike: true)
        case .image, .dim, .unknownTag: return colour(244, nil, dim: true)
        case .embed, .card: return colour(39, 4)
        case .hint(.info): return colour(39, 4)
        case .hint(.success): return colour(42, 2)
        case .hint(.warning): return colour(214, 3)
        case .hint(.danger): return colour(203, 1)
        case .hint(.tip): return colour(44, 6)
        case .hint(.example): return colour(141, 5)
        case .hint(.quote): return colour(248, nil)
        case .tag: return colour(141, 5)
        case .property: return colour(244, nil, dim: true)
        case .tableHeader: return colour(nil, nil, bold: true)
        case .footnote: return colour(110, 6)
        case .math: return colour(180, 3, italic: true)
        case .keyboard: return colour(nil, nil, reverse: true)
        case .mark(let color): return mark(color)
        case .match: return colour(226, 3, bold: true, reverse: true)
        case .apiMethod: return colour(42, 2, bold: true)
        case .chrome: return colour(244, nil, dim: true)
        case .accent: return colour(75, 4)
        case .status: return colour(250, nil)
        case .error: return colour(203, 1, bold: true)
        case .label: return colour(214, 3, bold: true)
        case .syntax(let kind): return syntax(kind)
        }
    }

    /// Code: keywords bold, comments dim, so a monochrome screen still tells them apart.
    private static func syntax(_ kind: SyntaxKind) -> Look {
        switch kind {
        case .keyword: return colour(176, 5, bold: true)
        case .preprocessor: return colour(176, 5)
        case .function: return colour(75, 4)
        case .type: return colour(180, 3)
        case .builtin: return colour(80, 6)
        case .variable: return colour(174, 1)
        case .operator: return colour(110, 6)
        case .attribute: return colour(179, 3)
        case .string: return colour(114, 2)
        case .escape: return colour(44, 6, bold: true)
        case .number, .constant: return colour(173, 3)
        case .comment: return colour(245, nil, dim: true, italic: true)
        case .error: return colour(203, 1, underline: true)
        case .added: return colour(42, 2)
        case .removed: return colour(203, 1)
        }
    }

    private static func mark(_ color: MarkColor) -> Look {
        switch color {
        case .red: return colour(203, 1)
        case .orange: return colour(208, 3)
        case .yellow: return colour(220, 3)
        case .green: return colour(42, 2)
        case .blue: return colour(39, 4)
        case .purple: return colour(141, 5)
        case .highlight: return colour(nil, nil, reverse: true)
        }
    }
}
