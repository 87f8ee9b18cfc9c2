/// A small, forgiving HTML tokenizer for the HTML that GitBook writes (GITBOOK.md §7).
///
/// It never fails: text that does not look like a tag is text. Attribute values have their
/// entities decoded; text between tags is returned undecoded (callers decode it once).
struct HTMLTokenizer {
    enum Token: Equatable {
        case start(name: String, attributes: [String: String], selfClosing: Bool)
        case end(name: String)
        case text(String)
        case comment(String)
    }

    /// The tokens of `html`.
    static func tokenize(_ html: String) -> [Token] {
        var tokens: [Token] = []
        var text = ""
        var rest = Substring(html)
        while let lt = rest.firstIndex(of: "<") {
            text += rest[..<lt]
            let candidate = rest[lt...]
            if candidate.hasPrefix("<!--") {
                let body = candidate.dropFirst(4)
                let close = body.firstRange(of: "-->")
                flush(&text, into: &tokens)
                tokens.append(.comment(String(body[..<(close?.lowerBound ?? body.endIndex)])))
                rest = close.map { body[$0.upperBound...] } ?? body[body.endIndex...]
            } else if let (token, after) = parseTag(candidate) {
                flush(&text, into: &tokens)
                tokens.append(token)
                rest = after
            } else {
                text += "<"
                rest = candidate.dropFirst()
            }
        }
        text += rest
        flush(&text, into: &tokens)
        return tokens
    }

    private static func flush(_ text: inout String, into tokens: inout [Token]) {
        if !text.isEmpty { tokens.append(.text(text)) }
        text = ""
    }

    /// Parses `<name attr="v">` or `</name>` at the start of `input`.
    static func parseTag(_ input: Substring) -> (Token, Substring)? {
        var rest = input.dropFirst()
        let isEnd = rest.first == "/"
        if isEnd { rest = rest.dropFirst() }
        let name = rest.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        guard let first = name.first, first.isLetter else { return nil }
        rest = rest.dropFirst(name.count)
        guard let next = rest.first, next == ">" || next == "/" || next.isWhitespace else { return nil }
        var attributes: [String: String] = [:]
        var selfClosing = false
        while true {
            rest = rest.drop { $0.isWhitespace }
            guard let c = rest.first else { return nil }
            if c == ">" { rest = rest.dropFirst(); break }
            if c == "/" { selfClosing = true; rest = rest.dropFirst(); continue }
            let key = rest.prefix { !($0.isWhitespace || $0 == "=" || $0 == ">" || $0 == "/") }
            guard !key.isEmpty else { return nil }
            rest = rest.dropFirst(key.count).drop { $0.isWhitespace }
            var value = ""
            if rest.first == "=" {
                rest = rest.dropFirst().drop { $0.isWhitespace }
                if let q = rest.first, q == "\"" || q == "'" {
                    let body = rest.dropFirst()
                    guard let close = body.firstIndex(of: q) else { return nil }
                    value = String(body[..<close])
                    rest = body[body.index(after: close)...]
                } else {
                    let bare = rest.prefix { !($0.isWhitespace || $0 == ">") }
                    value = String(bare)
                    rest = rest.dropFirst(bare.count)
                }
            }
            attributes[key.lowercased()] = Entities.decode(value)
        }
        let lowered = name.lowercased()
        return (isEnd ? .end(name: lowered) : .start(name: lowered, attributes: attributes, selfClosing: selfClosing), rest)
    }
}
