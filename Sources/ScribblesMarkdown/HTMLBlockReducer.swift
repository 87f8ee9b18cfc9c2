/// Reduces a raw HTML block to Scribbles blocks (GITBOOK.md §7): figures, images, tables,
/// `<pre>` code, text lines; `<details>`/`<summary>` become synthetic tags for the tag pass,
/// because GitBook spreads one `<details>` over several HTML blocks. Never prints a raw tag.
enum HTMLBlockReducer {
    enum Piece {
        case block(Block)
        /// Tag markers that `TagScanner` wrapped in a comment.
        case markers(String)
        case tag(TagToken)
    }

    private static let lineBreakers: Set<String> = [
        "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "section",
        "center", "dl", "dt", "dd", "article", "header", "footer", "nav", "aside", "main", "hr",
    ]

    static func reduce(_ html: String, line: Int = 0) -> [Piece] {
        var state = State()
        state.blockLine = line
        state.line.line = line
        let tokens = HTMLTokenizer.tokenize(html)
        var index = 0
        while index < tokens.count {
            index = state.consume(tokens, at: index)
        }
        state.flushLine()
        state.flushText()
        return state.pieces
    }

    private struct State {
        var pieces: [Piece] = []
        var lines: [[Inline]] = []
        var line = InlineAssembler()
        /// The HTML block's first line in the note file.
        var blockLine = 0

        mutating func flushLine() {
            let content = CmarkConverter.trimmed(line.finish())
            line.line = blockLine
            if content.contains(where: { !$0.isBlank }) { lines.append(Self.collapsed(content)) }
        }

        mutating func flushText() {
            if !lines.isEmpty { pieces.append(.block(.htmlText(lines))) }
            lines = []
        }

        mutating func emit(_ piece: Piece) {
            flushLine()
            flushText()
            pieces.append(piece)
        }

        /// Handles the token at `index` and returns the index of the next unhandled one.
        mutating func consume(_ tokens: [HTMLTokenizer.Token], at index: Int) -> Int {
            switch tokens[index] {
            case .comment(let text):
                if TagSentinel.hasMarker(text) { emit(.markers(text)) }
            case .text(let text):
                line.append(.text(Entities.decode(text)))
            case .end(let name):
                if name == "details" {
                    emit(.tag(TagToken(name: "enddetails", attributes: [:], positional: [], source: "</details>")))
                } else if lineBreakers.contains(name) || name == "tr" || name == "table" {
                    flushLine()
                } else {
                    line.html("</\(name)>")
                }
            case .start(let name, let attributes, let selfClosing):
                return start(name, attributes, selfClosing, tokens, index)
            }
            return index + 1
        }

        private mutating func start(_ name: String, _ attributes: [String: String], _ selfClosing: Bool,
                                    _ tokens: [HTMLTokenizer.Token], _ index: Int) -> Int {
            switch name {
            case "details":
                let open = attributes["open"] != nil ? ["open": "true"] : [:]
                emit(.tag(TagToken(name: "details", attributes: open, positional: [], source: "<details>")))
            case "summary":
                let (text, next) = Self.text(until: "summary", tokens, index + 1)
                emit(.tag(TagToken(name: "summary", attributes: [:], positional: [text], source: "<summary>")))
                return next
            case "figure", "picture":
                let (figure, next) = Self.figure(until: name, tokens, index + 1)
                if var figure {
                    figure.line = blockLine
                    emit(.block(.figure(figure)))
                }
                return next
            case "img":
                let image = Image(source: attributes["src"] ?? "", alt: attributes["alt"] ?? "", line: blockLine)
                if line.isEmpty {
                    emit(.block(.figure(Figure(source: image.source, alt: image.alt, caption: "", line: blockLine))))
                } else {
                    line.append(.image(image))
                }
            case "pre":
                let (text, next) = Self.rawText(until: "pre", tokens, index + 1)
                let info = (attributes["class"] ?? "").replacing("language-", with: "")
                emit(.block(.code(CodeBlock(info: info, text: text, title: attributes["data-title"]))))
                return next
            case "table":
                let (table, next) = HTMLTableReader.read(tokens, index + 1, line: blockLine)
                emit(.block(.table(table)))
                return next
            case "hr":
                emit(.block(.rule))
            case "iframe", "video", "audio", "embed", "object":
                // A frame or player shows as an embed card of its source; its fallback content goes.
                var source = attributes["src"] ?? attributes["data"] ?? ""
                var next = index + 1
                if !selfClosing && name != "embed" {
                    while next < tokens.count {
                        if case .end(let n) = tokens[next], n == name { next += 1; break }
                        if source.isEmpty, case .start("source", let inner, _) = tokens[next] { source = inner["src"] ?? "" }
                        next += 1
                    }
                }
                if !source.isEmpty {
                    emit(.block(.embed(Embed(url: source, caption: "", title: attributes["title"] ?? "", description: ""))))
                }
                return next
            case "script", "style":
                return Self.rawText(until: name, tokens, index + 1).1
            default:
                if lineBreakers.contains(name) {
                    flushLine()
                    if name == "li" { line.append(.text("• ")) }
                } else {
                    line.html(HTMLText.tag(name, attributes, selfClosing))
                }
            }
            return index + 1
        }

        /// HTML's white space collapsed in every text of a line, inside links and emphasis too
        /// (a line end in `<a>\n<img>\n</a>` showed as `␊`); a link's content loses the
        /// spaces at its edges, which would show underlined.
        static func collapsed(_ inlines: [Inline]) -> [Inline] {
            inlines.map { inline in
                switch inline {
                case .text(let s): return .text(HTMLText.collapseSpaces(s))
                case .emphasis(let c): return .emphasis(collapsed(c))
                case .strong(let c): return .strong(collapsed(c))
                case .strike(let c): return .strike(collapsed(c))
                case .mark(let color, let c): return .mark(color, collapsed(c))
                case .link(var link):
                    link.content = CmarkConverter.trimmed(collapsed(link.content))
                    return .link(link)
                default: return inline
                }
            }
        }

        /// The decoded text up to `</name>`, tags stripped, whitespace kept.
        static func rawText(until name: String, _ tokens: [HTMLTokenizer.Token], _ start: Int) -> (String, Int) {
            var text = ""
            var i = start
            while i < tokens.count {
                if case .end(let n) = tokens[i], n == name { return (text, i + 1) }
                if case .text(let t) = tokens[i] { text += Entities.decode(t) }
                if case .start("br", _, _) = tokens[i] { text += "\n" }
                i += 1
            }
            return (text, i)
        }

        /// Text up to `</name>` with whitespace collapsed.
        static func text(until name: String, _ tokens: [HTMLTokenizer.Token], _ start: Int) -> (String, Int) {
            let (raw, next) = rawText(until: name, tokens, start)
            return (HTMLText.collapseSpaces(raw).trimmingWhitespace(), next)
        }

        static func figure(until name: String, _ tokens: [HTMLTokenizer.Token], _ start: Int) -> (Figure?, Int) {
            var figure: Figure?
            var i = start
            while i < tokens.count {
                switch tokens[i] {
                case .end(let n) where n == name:
                    return (figure, i + 1)
                case .start("img", let attributes, _):
                    if figure == nil {
                        figure = Figure(source: attributes["src"] ?? "", alt: attributes["alt"] ?? "", caption: "")
                    }
                case .start("figcaption", _, _):
                    let (caption, next) = text(until: "figcaption", tokens, i + 1)
                    if figure == nil { figure = Figure(source: "", alt: "", caption: "") }
                    figure?.caption = caption
                    i = next
                    continue
                default:
                    break
                }
                i += 1
            }
            return (figure, i)
        }
    }
}
