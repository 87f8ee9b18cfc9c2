import GRDB
import ScribblesMarkdown
import ScribblesText
import ScribblesVault

extension SearchIndex {
    /// The best hits for what someone typed, best first. Never throws: a query that SQLite
    /// still refuses gives no hits.
    public func search(_ text: String, limit: Int = 20, vault: Vault? = nil) -> [SearchHit] {
        let query = SearchQuery(text)
        guard let match = query.matchExpression else { return [] }
        // Aliases weigh as much as the title, tags as much as headings. Rank first (bm25 only), then build snippets for the few best: computing snippets
        // and reading bodies for every matching note would cost as much as the ranking.
        let rows: [(GRDB.Row, Double)] = (try? writer.read { db in
            let best = try GRDB.Row.fetchAll(db, sql: """
                SELECT rowid AS id, bm25(notes_fts, 10.0, 4.0, 2.0, 1.0, 10.0, 4.0) AS score
                FROM notes_fts WHERE notes_fts MATCH ? ORDER BY score LIMIT ?
                """, arguments: [match, max(1, min(limit, 1000))])
            let details = try db.makeStatement(sql: """
                SELECT notes.path AS path, notes_fts.title AS title, notes.outline AS outline,
                       CASE WHEN length(notes_fts.body) <= \(Self.snippetBodyLimit)
                            THEN snippet(notes_fts, 3, char(1), char(2), '…', 14) END AS snippet,
                       CASE WHEN length(notes_fts.body) > \(Self.snippetBodyLimit)
                            THEN highlight(notes_fts, 3, char(1), char(2)) END AS highlighted,
                       notes_fts.body AS body
                FROM notes_fts JOIN notes ON notes.id = notes_fts.rowid
                WHERE notes_fts MATCH ? AND notes_fts.rowid = ?
                """)
            return try best.compactMap { row -> (GRDB.Row, Double)? in
                let id: Int64 = row["id"]
                guard let detail = try GRDB.Row.fetchOne(details, arguments: [match, id]) else { return nil }
                return (detail, row["score"] ?? 0)
            }
        }) ?? []
        return rows.map { row, score in
            let snippet: String = row["snippet"] ?? Self.window(row["highlighted"] ?? "")
            let styled = Self.styledSnippet(snippet)
            let matched = Self.firstMatch(snippet)
            let outline: String = row["outline"] ?? ""
            let path: String = row["path"]
            let sourceLine = vault.flatMap { Self.sourceLine(of: matched, in: path, vault: $0) } ?? 1
            return SearchHit(path: path, title: row["title"] ?? path, score: -score,
                             heading: Self.heading(snippet: snippet, body: row["body"] ?? "", outline: outline),
                             line: sourceLine, snippet: styled)
        }
    }

    /// FTS5's snippet() scores every window around every match: quadratic in the matches of
    /// one note, minutes for a 4 MB note of one repeated word. Bodies longer than this get a
    /// window cut around the first match of highlight() instead, which is linear.
    static let snippetBodyLimit = 65_536

    /// About 14 words around the first match of a highlighted body, marked like snippet().
    static func window(_ highlighted: String) -> String {
        let scalars = Array(highlighted.unicodeScalars)
        guard let first = scalars.firstIndex(of: "\u{1}") else { return "" }
        func isSpace(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\n" || s == "\t" }
        var start = first, words = 0
        while start > 0, first - start < 200 {
            if isSpace(scalars[start - 1]) && start < first && !isSpace(scalars[start]) {
                words += 1
                if words == 6 { break }
            }
            start -= 1
        }
        var end = first, inMatch = false
        words = 0
        while end < scalars.count, end - first < 300 {
            let scalar = scalars[end]
            if scalar == "\u{1}" { inMatch = true } else if scalar == "\u{2}" { inMatch = false }
            if !inMatch && isSpace(scalar) && end > 0 && !isSpace(scalars[end - 1]) {
                words += 1
                if words == 9 { break }
            }
            end += 1
        }
        if inMatch { end = scalars[end...].firstIndex(of: "\u{2}").map { $0 + 1 } ?? scalars.count }
        var view = String.UnicodeScalarView(scalars[start..<end])
        if start > 0 { view.insert(contentsOf: "…".unicodeScalars, at: view.startIndex) }
        if end < scalars.count { view.append(contentsOf: "…".unicodeScalars) }
        return String(view)
    }

    /// Number of notes in the index.
    public var count: Int {
        (try? writer.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM notes") }) ?? 0
    }

    /// Splits SQLite's snippet (matches between U+0001 and U+0002) into styled spans.
    static func styledSnippet(_ snippet: String) -> StyledLine {
        var line = StyledLine()
        var current = ""
        var inMatch = false
        for scalar in snippet.unicodeScalars {
            if scalar.value == 1 || scalar.value == 2 {
                line.append(TerminalText.visible(current), Style(inMatch ? .match : .text))
                current = ""
                inMatch = scalar.value == 1
            } else {
                current.unicodeScalars.append(scalar.value == 0x0A ? " " : scalar)
            }
        }
        line.append(TerminalText.visible(current), Style(inMatch ? .match : .text))
        return line
    }

    static func firstMatch(_ snippet: String) -> String? {
        guard let open = snippet.firstIndex(of: "\u{1}") else { return nil }
        let rest = snippet[snippet.index(after: open)...]
        return String(rest.prefix { $0 != "\u{2}" })
    }

    /// The heading whose section holds the snippet: the snippet's text is found in the body,
    /// and the last heading at or above that line is it.
    static func heading(snippet: String, body: String, outline: String) -> String? {
        let entries = outline.split(separator: "\n").compactMap { line -> (Int, String)? in
            let parts = line.split(separator: "\t", maxSplits: 1)
            guard parts.count == 2, let n = Int(parts[0]) else { return nil }
            return (n, String(parts[1]))
        }
        guard !entries.isEmpty else { return nil }
        var plain = String(snippet.unicodeScalars.filter { $0.value > 2 }.map(Character.init))
        // How far into the snippet the first match starts, so the match's own line counts.
        var beforeMatch = String(snippet.prefix { $0 != "\u{1}" }.unicodeScalars.filter { $0.value > 2 }.map(Character.init))
        if plain.hasPrefix("…") {
            plain.removeFirst()
            if beforeMatch.hasPrefix("…") { beforeMatch.removeFirst() }
        }
        let probe = String(plain.prefix(24))
        guard !probe.isEmpty, let range = body.firstRange(of: probe) else { return nil }
        let matchStart = body.index(range.lowerBound, offsetBy: beforeMatch.count, limitedBy: body.endIndex) ?? body.endIndex
        let line = body[..<matchStart].reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
        return entries.last { $0.0 <= line }?.1
    }

    /// The first line of the note file holding `word` (case-insensitive), for editors.
    static func sourceLine(of word: String?, in path: String, vault: Vault) -> Int? {
        guard let word, !word.isEmpty, let bytes = try? vault.read(path) else { return nil }
        let needle = word.lowercased()
        var number = 0
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            if line.lowercased().contains(needle) { return number }
        }
        return nil
    }
}
