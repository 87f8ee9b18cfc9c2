/// A search as people type it, turned into an FTS5 MATCH expression that cannot fail.
///
/// Words are ANDed; the last word matches as a prefix unless the query ends with a space;
/// `"exact phrases"`, `-excluded`, `a OR b` and `title:word` work. Everything else that is
/// not a letter or digit separates words, so `NEAR(`, `*`, quotes left open and SQL are
/// just words: no input produces a syntax error.
public struct SearchQuery: Hashable, Sendable {
    enum Term: Hashable {
        case word(String, prefix: Bool, column: String?)
        case phrase([String], column: String?)
    }

    /// Groups of alternatives (`a OR b`), all required.
    var required: [[Term]] = []
    var excluded: [Term] = []

    /// The words that should be highlighted in a note opened from a hit.
    public var highlightWords: [String] {
        required.flatMap { $0 }.flatMap { term -> [String] in
            switch term {
            case .word(let w, _, _): return [w]
            case .phrase(let words, _): return words
            }
        }
    }

    public var isEmpty: Bool { required.isEmpty }

    public init(_ text: String) {
        let limited = String(text.prefix(2000))
        let endsWithSpace = limited.last?.isWhitespace ?? true
        var pendingOr = false
        let tokens = Self.tokens(limited)
        for (index, token) in tokens.enumerated() {
            if token.text == "OR" && !token.quoted {
                pendingOr = !required.isEmpty
                continue
            }
            var words = Self.words(token.text)
            var column: String? = nil
            if !token.quoted, let first = words.first, first.lowercased() == "title", token.text.lowercased().hasPrefix("title:") {
                column = "title"
                words.removeFirst()
            }
            guard !words.isEmpty else { continue }
            let isLast = index == tokens.count - 1
            let term: Term
            if token.quoted || words.count > 1 {
                term = .phrase(words, column: column)
            } else {
                term = .word(words[0], prefix: isLast && !endsWithSpace && !token.excluded, column: column)
            }
            if token.excluded {
                excluded.append(term)
            } else if pendingOr, !required.isEmpty {
                required[required.count - 1].append(term)
            } else {
                required.append([term])
            }
            pendingOr = false
        }
        if required.count > 64 { required = Array(required.prefix(64)) }
    }

    /// The FTS5 MATCH expression, or nil when nothing is required.
    public var matchExpression: String? {
        guard !required.isEmpty else { return nil }
        var parts = required.map { group in
            group.count == 1 ? Self.fts(group[0]) : "(" + group.map(Self.fts).joined(separator: " OR ") + ")"
        }
        parts = [parts.joined(separator: " AND ")]
        for term in excluded { parts.append("NOT " + Self.fts(term)) }
        return parts.joined(separator: " ")
    }

    private static func fts(_ term: Term) -> String {
        switch term {
        case .word(let w, let prefix, let column):
            return (column.map { $0 + " : " } ?? "") + quote(w) + (prefix ? " *" : "")
        case .phrase(let words, let column):
            return (column.map { $0 + " : " } ?? "") + quote(words.joined(separator: " "))
        }
    }

    private static func quote(_ s: String) -> String { "\"" + s.replacing("\"", with: "\"\"") + "\"" }

    private struct Token {
        var text: String
        var quoted: Bool
        var excluded: Bool
    }

    /// Splits on whitespace, keeping `"…"` together (an unclosed quote runs to the end).
    private static func tokens(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var current = ""
        var inQuote = false
        var excluded = false
        func flush(quoted: Bool) {
            if !current.isEmpty { tokens.append(Token(text: current, quoted: quoted, excluded: excluded)) }
            current = ""
            excluded = false
        }
        for c in text {
            if c == "\"" {
                flush(quoted: inQuote)
                inQuote.toggle()
            } else if c.isWhitespace && !inQuote {
                flush(quoted: false)
            } else if c == "-" && current.isEmpty && !inQuote {
                excluded = true
            } else {
                current.append(c)
            }
        }
        flush(quoted: inQuote)
        return tokens
    }

    /// Letters and digits runs (what the unicode61 tokenizer would index).
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        for c in text {
            if c.isLetter || c.isNumber || c == "_" || (c.unicodeScalars.first.map { $0.value > 0x7F && !c.isWhitespace && !c.isPunctuation } ?? false) {
                current.append(c)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words.map { String($0.prefix(100)) }
    }
}
