/// A search as people type it, turned into FTS5 MATCH expressions that cannot fail.
///
/// Each word (or `"exact phrase"`, or `a OR b`) is a group; the best hits hold every group, and
/// when they are too few the index fills with the notes that hold the most (see
/// `SearchIndex.find`). Common English words never exclude a note. The last word matches as a
/// prefix unless the query ends with a space. `-word` excludes; `title:word` and `tag:name`
/// are filters every hit holds; `path:folder/` keeps notes under a folder. Everything else
/// that is not a letter or digit separates words, so `NEAR(`, `*`, quotes left open and SQL
/// are just words: no input produces a syntax error, and a filter with nothing after it is
/// dropped.
public struct SearchQuery: Hashable, Sendable {
    enum Term: Hashable, Sendable {
        case word(String, prefix: Bool, column: String?)
        case phrase([String], column: String?)
    }

    /// One word of the query as typed, with the alternatives given by `OR`.
    struct Group: Hashable, Sendable {
        var terms: [Term]

        /// A single word on its own, the kind that may be corrected.
        var word: (text: String, prefix: Bool)? {
            guard terms.count == 1, case .word(let w, let prefix, nil) = terms[0] else { return nil }
            return (w, prefix)
        }

        var isStopWord: Bool {
            terms.allSatisfy { term in
                if case .word(let w, _, nil) = term { return SearchQuery.stopWords.contains(w.lowercased()) }
                return false
            }
        }
    }

    /// Every group typed, stop words included.
    var typed: [Group] = []
    /// `title:` and `tag:` terms: every hit holds them.
    var filters: [Term] = []
    /// `path:`: hits are notes whose path starts with this (lower case, no leading `/`).
    var pathPrefix: String?
    var excluded: [Term] = []

    /// The groups a hit is ranked by: stop words dropped, unless nothing else was typed.
    var groups: [Group] {
        let kept = typed.filter { !$0.isStopWord }
        return kept.isEmpty ? typed : kept
    }

    /// The words that should be highlighted in a note opened from a hit.
    public var highlightWords: [String] {
        (typed.flatMap(\.terms) + filters.filter { if case .word(_, _, "title") = $0 { true } else { false } })
            .flatMap { term -> [String] in
                switch term {
                case .word(let w, _, _): return [w]
                case .phrase(let words, _): return words
                }
            }
    }

    public var isEmpty: Bool { typed.isEmpty && filters.isEmpty && pathPrefix == nil }

    /// At most this many groups, filters and excluded terms are kept: a query of 200 words
    /// costs as much as one of 64.
    static let maxGroups = 64
    /// At most this many alternatives in one group (`a OR b OR …`) and words in one phrase.
    static let maxAlternatives = 16
    static let maxPhraseWords = 32

    public init(_ text: String) {
        // Long words are cut (see `words`), not the query: a word of 10,000 letters leaves
        // the words after it.
        let limited = String(text.prefix(20_000))
        let endsWithSpace = limited.last?.isWhitespace ?? true
        var pendingOr = false
        // The group the last word went to (an `OR` after a repeated word joins the first).
        var lastGroup: Int? = nil
        var seen: [Group: Int] = [:]
        let tokens = Self.tokens(limited)
        for (index, token) in tokens.enumerated() {
            if token.text == "OR" && !token.quoted {
                pendingOr = lastGroup != nil
                continue
            }
            defer { pendingOr = false }
            if !token.quoted, let prefix = Self.filterName(token.text) {
                if prefix == "path" {
                    if !token.excluded, let folder = Self.folder(String(token.text.dropFirst(5))) { pathPrefix = folder }
                    continue
                }
                var words = Array(Self.words(String(token.text.dropFirst(prefix.count + 1))).prefix(Self.maxPhraseWords))
                guard !words.isEmpty else { continue }
                let column = prefix == "tag" ? "tags" : "title"
                let term: Term = words.count > 1 || prefix == "tag"
                    ? .phrase(words, column: column) : .word(words.removeFirst(), prefix: false, column: column)
                if token.excluded {
                    if excluded.count < Self.maxGroups { excluded.append(term) }
                } else if filters.count < Self.maxGroups {
                    filters.append(term)
                }
                continue
            }
            let words = Array(Self.words(token.text).prefix(Self.maxPhraseWords))
            guard !words.isEmpty else { continue }
            let isLast = index == tokens.count - 1
            let term: Term
            if token.quoted || words.count > 1 {
                term = .phrase(words, column: nil)
            } else {
                term = .word(words[0], prefix: isLast && !endsWithSpace && !token.excluded, column: nil)
            }
            if token.excluded {
                if excluded.count < Self.maxGroups { excluded.append(term) }
            } else if pendingOr, let last = lastGroup {
                if typed[last].terms.count < Self.maxAlternatives, !typed[last].terms.contains(term) { typed[last].terms.append(term) }
            } else if let known = seen[Group(terms: [term])] {
                lastGroup = known
            } else if typed.count < Self.maxGroups {
                seen[Group(terms: [term])] = typed.count
                lastGroup = typed.count
                typed.append(Group(terms: [term]))
            } else {
                lastGroup = nil
            }
        }
    }

    /// The FTS5 MATCH expression every group and filter must hold, or nil when there is none.
    public var matchExpression: String? { expression(groups.map(\.terms)) }

    /// `alternatives` ANDed (each group's terms ORed), with the filters, minus the excluded
    /// terms; nil when nothing is required (a query of `path:` alone).
    func expression(_ alternatives: [[Term]]) -> String? {
        var parts = alternatives.filter { !$0.isEmpty }.map { group in
            group.count == 1 ? Self.fts(group[0]) : "(" + group.map(Self.fts).joined(separator: " OR ") + ")"
        }
        parts += filters.map(Self.fts)
        guard !parts.isEmpty else { return nil }
        var expression = parts.joined(separator: " AND ")
        for term in excluded { expression += " NOT " + Self.fts(term) }
        return expression
    }

    /// Any of `alternatives` (all flattened), with the filters, minus the excluded terms.
    func anyExpression(_ alternatives: [[Term]]) -> String? {
        let terms = alternatives.flatMap { $0 }
        guard !terms.isEmpty else { return expression([]) }
        return expression([terms])
    }

    static func fts(_ term: Term) -> String {
        switch term {
        case .word(let w, let prefix, let column):
            return (column.map { $0 + " : " } ?? "") + quote(w) + (prefix ? " *" : "")
        case .phrase(let words, let column):
            return (column.map { $0 + " : " } ?? "") + quote(words.joined(separator: " "))
        }
    }

    private static func quote(_ s: String) -> String { "\"" + s.replacing("\"", with: "\"\"") + "\"" }

    /// `title`, `tag` or `path` when a token starts with one of them and a colon.
    private static func filterName(_ text: String) -> String? {
        let lower = text.lowercased()
        return ["title", "tag", "path"].first { lower.hasPrefix($0 + ":") }
    }

    /// A folder as `path:` names it, relative to the collection: `.`, `..` and empty parts are
    /// dropped (a filter, never a way out); nil when nothing is left. Case is compared by
    /// SQLite's `lower()` on both sides (ASCII letters), so it is kept as typed.
    private static func folder(_ text: String) -> String? {
        let parts = text.split(separator: "/").filter { $0 != "." && $0 != ".." }
        guard !parts.isEmpty else { return nil }
        return parts.joined(separator: "/") + (text.hasSuffix("/") ? "/" : "")
    }

    private struct Token {
        var text: String
        var quoted: Bool
        var excluded: Bool
    }

    /// Splits on whitespace, keeping `"…"` together (an unclosed quote runs to the end). A
    /// `-` or a filter name just before a quote applies to it: `-"a b"`, `title:"a b"`.
    private static func tokens(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var current = ""
        var inQuote = false
        var excluded = false
        func flush(quoted: Bool) {
            if !current.isEmpty {
                tokens.append(Token(text: current, quoted: quoted, excluded: excluded))
                excluded = false
            }
            current = ""
        }
        // A quote opened right after `title:`, `tag:` or `path:` gives that filter's value.
        var filterValue = false
        for c in text {
            if c == "\"" {
                if inQuote {
                    flush(quoted: !filterValue)
                    filterValue = false
                } else if current.hasSuffix(":"), filterName(current) != nil, current.count <= 6 {
                    filterValue = true
                } else {
                    flush(quoted: false)
                }
                inQuote.toggle()
            } else if c.isWhitespace && !inQuote {
                flush(quoted: false)
                excluded = false
            } else if c == "-" && current.isEmpty && !inQuote {
                excluded = true
            } else {
                current.append(c)
            }
        }
        flush(quoted: inQuote && !filterValue)
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

    /// Common English words: they never keep a note out of the hits.
    static let stopWords: Set<String> = Set("""
        a about above after again against all am an and any are as at be because been before being \
        below between both but by can could did do does doing down during each few for from further \
        had has have having he her here hers herself him himself his how i if in into is it its itself \
        just me more most my myself no nor not now of off on once only or other our ours ourselves out \
        over own same she should so some such than that the their theirs them themselves then there \
        these they this those through to too under until up very was we were what when where which \
        while who whom why will with would you your yours yourself yourselves
        """.split(separator: " ").map(String.init))
}
