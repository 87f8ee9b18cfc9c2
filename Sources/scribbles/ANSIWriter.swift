import ScribblesLayout
import ScribblesText
import ScribblesTerminal

/// Writes laid-out lines as text, with ANSI SGR colours and OSC 8 hyperlinks when a palette
/// is given. Span text never holds control characters (layout made it visible), and URLs in
/// hyperlinks are percent-encoded to printable ASCII, so no note byte becomes a sequence.
struct ANSIWriter {
    enum Palette { case basic, extended }

    /// nil means plain text.
    var colors: Palette?

    /// Every line of `note` in order, each with its line end, in chunks of bytes made on all
    /// cores (one by one, a long note's lines took a twentieth of `render`'s time). A note's
    /// external links are grouped by line once: looking them up per line made a 4 MiB note
    /// of links quadratic (minutes for `render --color always`).
    func text(_ note: RenderedNote) -> [[UInt8]] {
        let linksByLine = externalLinks(note)
        return Parallel.mapRuns(note.lines, run: 2048) { lines in
            var out: [UInt8] = []
            // A run keeps the note's line numbers as its indices.
            for index in lines.indices {
                let line = lines[index]
                // Plain text of clean spans goes out as it stands (their bytes joined are as clean).
                if colors == nil, !line.spans.contains(where: { TerminalText.needsCleaning($0.text) }) {
                    for span in line.spans { out.append(contentsOf: span.text.utf8) }
                } else {
                    out.append(contentsOf: self.line(line, links: linksByLine[index] ?? []).utf8)
                }
                out.append(0x0A)
            }
            return out
        }
    }

    private func externalLinks(_ note: RenderedNote) -> [Int: [LinkRegion]] {
        var linksByLine: [Int: [LinkRegion]] = [:]
        if colors != nil {
            for link in note.links where link.target.isExternal { linksByLine[link.line, default: []].append(link) }
        }
        return linksByLine
    }

    private func line(_ line: StyledLine, links: [LinkRegion]) -> String {
        guard let colors else { return TerminalText.visible(line.plainText) }
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

    /// SGR parameters for a style, in one of two palettes (the look comes from the shared theme).
    static func sgr(_ style: Style, _ palette: Palette) -> String {
        let look = Theme.look(style)
        var codes: [String] = []
        if look.bold { codes.append("1") }
        if look.dim { codes.append("2") }
        if look.italic { codes.append("3") }
        if look.underline { codes.append("4") }
        if look.reverse { codes.append("7") }
        if look.strike { codes.append("9") }
        switch palette {
        case .extended: if let c = look.color256 { codes.append("38;5;\(c)") }
        case .basic: if let c = look.color8 { codes.append("\(30 + c)") }
        }
        return codes.joined(separator: ";")
    }
}
