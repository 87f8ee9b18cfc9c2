import ScribblesLayout
import ScribblesText

/// Writes laid-out lines as text, with ANSI SGR colours and OSC 8 hyperlinks when a palette
/// is given. Span text never holds control characters (layout made it visible), and URLs in
/// hyperlinks are percent-encoded to printable ASCII, so no note byte becomes a sequence.
struct ANSIWriter {
    enum Palette { case basic, extended }

    /// nil means plain text.
    var colors: Palette?

    func line(_ note: RenderedNote, _ index: Int) -> String {
        let line = note.lines[index]
        guard let colors else { return TerminalText.visible(line.plainText) }
        let links = note.links.filter { $0.line == index && $0.target.isExternal }
        var out = ""
        var column = 0
        var openLink: LinkRegion? = nil
        for span in line.spans {
            let sgr = Self.sgr(span.style, colors)
            out += "\u{1B}[0;\(sgr)m"
            if links.isEmpty {
                out += TerminalText.visible(span.text)
                continue
            }
            for character in span.text {
                if let current = openLink, column >= current.end {
                    out += Self.closeLink
                    openLink = nil
                }
                if openLink == nil, let region = links.first(where: { $0.start <= column && column < $0.end }) {
                    out += Self.openLink(region.target.destination)
                    openLink = region
                }
                out += TerminalText.visible(String(character))
                column += CellWidth.of(character)
            }
        }
        if openLink != nil { out += Self.closeLink }
        return out + "\u{1B}[0m"
    }

    /// One styled line on its own (no links), coloured when a palette is set.
    func styled(_ line: StyledLine) -> String {
        guard let colors else { return TerminalText.visible(line.plainText) }
        return line.spans.map { "\u{1B}[0;\(Self.sgr($0.style, colors))m" + TerminalText.visible($0.text) }.joined() + "\u{1B}[0m"
    }

    static let closeLink = "\u{1B}]8;;\u{1B}\\"

    static func openLink(_ url: String) -> String {
        "\u{1B}]8;;\(percentEncoded(url))\u{1B}\\"
    }

    /// `url` with every byte outside printable ASCII (and `;`-free) percent-encoded.
    static func percentEncoded(_ url: String) -> String {
        var out = ""
        for byte in url.utf8 {
            if byte > 0x20 && byte < 0x7F && byte != UInt8(ascii: ";") {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = Array("0123456789ABCDEF")
                out += "%" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 15)])
            }
        }
        return out
    }

    /// SGR parameters for a style, in one of two palettes.
    static func sgr(_ style: Style, _ palette: Palette) -> String {
        var codes: [String] = []
        if style.emphasis.contains(.bold) { codes.append("1") }
        if style.emphasis.contains(.italic) { codes.append("3") }
        if style.emphasis.contains(.underline) { codes.append("4") }
        if style.emphasis.contains(.strike) { codes.append("9") }
        let (extended, basic, extra) = color(style.role)
        codes.append(contentsOf: extra)
        if let c = palette == .extended ? extended.map({ "38;5;\($0)" }) : basic.map({ "\($0)" }) { codes.append(c) }
        return codes.joined(separator: ";")
    }

    /// (256-colour index, 8-colour SGR, extra attributes) per role. One accent colour (blue).
    private static func color(_ role: Role) -> (Int?, Int?, [String]) {
        switch role {
        case .text: return (nil, nil, [])
        case .title, .heading(1), .heading(2): return (75, 34, ["1"])
        case .heading(3): return (110, 36, ["1"])
        case .heading: return (nil, nil, ["1"])
        case .summary: return (246, 37, ["3"])
        case .quote: return (252, nil, [])
        case .quoteBar, .marker: return (75, 34, [])
        case .code: return (180, 33, [])
        case .codeBlock: return (252, nil, [])
        case .codeFrame, .tableFrame, .rule, .cardFrame: return (240, 90, [])
        case .link: return (39, 34, ["4"])
        case .brokenLink: return (203, 31, ["9"])
        case .image, .dim, .unknownTag: return (244, 90, [])
        case .embed, .card: return (39, 34, [])
        case .hint(.info): return (39, 34, [])
        case .hint(.success): return (42, 32, [])
        case .hint(.warning): return (214, 33, [])
        case .hint(.danger): return (203, 31, [])
        case .tableHeader: return (nil, nil, ["1"])
        case .footnote: return (110, 36, [])
        case .math: return (180, 33, ["3"])
        case .keyboard: return (nil, nil, ["7"])
        case .mark(let color): return markColor(color)
        case .match: return (226, 33, ["1", "7"])
        case .apiMethod: return (42, 32, ["1"])
        }
    }

    private static func markColor(_ color: MarkColor) -> (Int?, Int?, [String]) {
        switch color {
        case .red: return (203, 31, [])
        case .orange: return (208, 33, [])
        case .yellow: return (220, 33, [])
        case .green: return (42, 32, [])
        case .blue: return (39, 34, [])
        case .purple: return (141, 35, [])
        case .highlight: return (nil, nil, ["7"])
        }
    }
}
