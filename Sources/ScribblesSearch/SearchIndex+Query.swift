import GRDB
import ScribblesMarkdown
import ScribblesText
import ScribblesVault

/// What a search found, and the corrections it also looked for.
public struct SearchResults: Hashable, Sendable {
    public var hits: [SearchHit] = []
    /// Words the hits were also matched by, in place of mistyped ones ("also: effect").
    public var corrections: [String] = []

    public init(hits: [SearchHit] = [], corrections: [String] = []) {
        self.hits = hits
        self.corrections = corrections
    }
}

extension SearchIndex {
    /// The best hits for what someone typed, best first. Never throws: a query that SQLite
    /// still refuses gives no hits.
    public func search(_ text: String, limit: Int = 20, vault: Vault? = nil) -> [SearchHit] {
        find(text, limit: limit, vault: vault).hits
    }

    /// Notes that hold most of the words, how many are looked at when every word is too
    /// few: the candidates are the best of the notes holding any word.
    static let fillCandidates = 200
    /// Groups counted one by one when filling; past it, a query fills by bm25 alone.
    static let fillGroups = 32

    /// The best hits for what someone typed, best first, and the corrections used.
    ///
    /// In order: notes holding every word as typed (bm25: a title, alias or heading outweighs
    /// the body, rarer words outweigh common ones); then, when those are fewer than `limit`,
    /// notes holding every word with mistyped words corrected (`Corrections`); then notes
    /// holding the most distinct words (exact ones first, then bm25), so a query never comes
    /// back empty while some of its words exist. Filters hold for every hit.
    public func find(_ text: String, limit: Int = 20, vault: Vault? = nil) -> SearchResults {
        guard let vault else { return find(text, limit: limit, read: nil) }
        return find(text, limit: limit, read: { @Sendable path -> [UInt8]? in try? vault.read(path) })
    }

    /// `find`, with the notes read (for each hit's line) by `read`, given a root-relative path.
    public func find(_ text: String, limit: Int = 20, read: (@Sendable (String) -> [UInt8]?)?) -> SearchResults {
        findWithDigest(text, limit: limit, read: read).results
    }

    /// `find`, and the digest of the last complete refresh, read in the same transaction: the
    /// hits are of the notes as they were then.
    func findWithDigest(_ text: String, limit: Int, read: (@Sendable (String) -> [UInt8]?)?) -> (results: SearchResults, digest: String?) {
        let query = SearchQuery(text)
        let limit = max(1, min(limit, 1000))
        let found: (rows: [(GRDB.Row, Double)], corrections: [String], digest: String?)? = try? writer.read { db in
            let digest = try Self.storedDigest(db)
            guard !query.isEmpty else { return ([], [], digest) }
            var search = Ranking(db: db, query: query, limit: limit)
            try search.run()
            return (try search.details(), search.usedCorrections, digest)
        }
        guard let found else { return (SearchResults(), nil) }
        let hits = found.rows.map { row, score in
            let snippet: String = row["snippet"] ?? Self.window(row["highlighted"] ?? "")
            let styled = Self.styledSnippet(snippet)
            let matched = Self.firstMatch(snippet)
            let outline: String = row["outline"] ?? ""
            let path: String = row["path"]
            let sourceLine = read.flatMap { Self.sourceLine(of: matched, in: path, read: $0) } ?? 1
            return SearchHit(path: path, title: row["title"] ?? path, score: -score,
                             heading: Self.heading(snippet: snippet, body: row["body"] ?? "", outline: outline),
                             line: sourceLine, snippet: styled)
        }
        return (SearchResults(hits: hits, corrections: Self.shown(found.corrections, in: hits)), found.digest)
    }

    /// The corrections the hits' snippets show matched, in order: a correction that only
    /// widened the search, and matched nothing shown, is not reported.
    static func shown(_ corrections: [String], in hits: [SearchHit]) -> [String] {
        let matched = hits.flatMap { $0.snippet.spans.filter { $0.style.role == .match }.map { $0.text.lowercased() } }
        var shown: [String] = []
        // `effect` matched as `effects`: the index stems both.
        for word in corrections where matched.contains(where: { $0.hasPrefix(word) }) && !shown.contains(word) { shown.append(word) }
        return shown
    }

    /// One search's queries, in one read transaction.
    private struct Ranking {
        let db: Database
        let query: SearchQuery
        let limit: Int
        /// Each group's terms as typed, and with corrections added.
        var exact: [[SearchQuery.Term]] = []
        var corrected: [[SearchQuery.Term]] = []
        var corrections: [String] = []
        var usedCorrections: [String] = []
        /// The hits so far, best first, with their bm25.
        var ranked: [(id: Int64, score: Double)] = []

        init(db: Database, query: SearchQuery, limit: Int) {
            self.db = db
            self.query = query
            self.limit = limit
        }

        mutating func run() throws {
            let groups = query.groups
            exact = try groups.map { try $0.terms.map(bounded) }
            corrected = exact
            var looked = 0
            for (i, group) in groups.enumerated() where looked < Corrections.wordsPerQuery {
                guard let (word, prefix) = group.word, Corrections.eligible(word) else { continue }
                looked += 1
                if try holds(.word(word, prefix: prefix, column: nil)) { continue }
                // A correction found with the query's other words is the likelier one.
                let others = Array(exact.enumerated().filter { $0.offset != i }.map(\.element).prefix(8))
                let found = try Corrections.of(word, in: db) { candidate in
                    let term = SearchQuery.Term.word(candidate, prefix: false, column: nil)
                    let alone = try notesHolding(term)
                    guard alone > 0, !others.isEmpty, let together = query.expression([[term]] + others) else { return (0, alone) }
                    return (try count(together, upTo: 1000), alone)
                }
                corrected[i] += found.map { .word($0, prefix: false, column: nil) }
                corrections += found
            }
            guard let every = query.expression(exact) else {
                // Only a folder: its notes, by path.
                ranked = try pathOnly()
                return
            }
            ranked = try best(every, limit)
            if ranked.count < limit, !corrections.isEmpty, let fixed = query.expression(corrected) {
                let more = try best(fixed, limit - ranked.count)
                if !more.isEmpty { usedCorrections = corrections }
                ranked += more
            }
            if ranked.count < limit, groups.count > 1 {
                let more = try mostWords()
                if !more.isEmpty, !corrections.isEmpty { usedCorrections = corrections }
                ranked += more
            }
        }

        /// FTS5 reads every term a prefix stands for: `s*` on 10,000 notes took a second. A
        /// prefix that more than this many of the collection's words start with matches as a
        /// whole word instead, until more of it is typed.
        static let prefixWords = 60

        func bounded(_ term: SearchQuery.Term) throws -> SearchQuery.Term {
            guard case .word(let w, true, let column) = term else { return term }
            let start = w.lowercased()
            guard let last = start.unicodeScalars.last, let after = Unicode.Scalar(last.value + 1) else { return term }
            let end = String(start.unicodeScalars.dropLast()) + String(after)
            let words = try Int.fetchOne(db, sql: "SELECT count(*) FROM (SELECT 1 FROM words WHERE word >= ? AND word < ? LIMIT ?)",
                                         arguments: [start, end, Self.prefixWords + 1]) ?? 0
            // The words table holds words of letters only: a prefix with digits cannot be counted.
            let countable = start.unicodeScalars.count >= 2 && start.allSatisfy(\.isLetter)
            return words > Self.prefixWords || !countable ? .word(w, prefix: false, column: column) : term
        }

        /// Whether any note holds `term` (with the filters).
        func holds(_ term: SearchQuery.Term) throws -> Bool {
            guard let expression = query.expression([[term]]) else { return false }
            return try count(expression, upTo: 1) > 0
        }

        /// How many notes hold `term` with the filters, counted up to 1,000.
        func notesHolding(_ term: SearchQuery.Term) throws -> Int {
            guard let expression = query.expression([[term]]) else { return 0 }
            return try count(expression, upTo: 1000)
        }

        /// Notes matching `expression` (and the folder), counted up to `cap`: no ranking.
        func count(_ expression: String, upTo cap: Int) throws -> Int {
            let (filter, arguments) = folderFilter()
            return try Int.fetchOne(db, sql: "SELECT count(*) FROM (SELECT 1 FROM notes_fts WHERE notes_fts MATCH ?\(filter) LIMIT ?)",
                                    arguments: [expression] + arguments + [cap]) ?? 0
        }

        /// bm25 is computed for every note a query matches (about 2 µs each); past this many
        /// a query's words are too common to tell notes apart by it, and ranking is capped.
        static let rankedAtMost = 1000

        /// The best notes for `expression`, minus those already ranked. When more than
        /// `rankedAtMost` notes match, the notes with a word in a title, alias, heading or tag
        /// come first, then the rest, each ranked among at most `rankedAtMost`.
        func best(_ expression: String, _ wanted: Int) throws -> [(id: Int64, score: Double)] {
            let seen = Set(ranked.map(\.id))
            var found: [(id: Int64, score: Double)]
            if try count(expression, upTo: Self.rankedAtMost + 1) <= Self.rankedAtMost {
                found = try ids(expression, limit: wanted + seen.count)
            } else {
                found = []
                let words = exact.flatMap { $0 }.filter { if case .word(_, _, nil) = $0 { true } else if case .phrase(_, nil) = $0 { true } else { false } }
                if !words.isEmpty {
                    let headed = "(\(expression)) AND {title aliases headings tags} : (" + words.map(SearchQuery.fts).joined(separator: " OR ") + ")"
                    found = try ids(headed, limit: wanted + seen.count, rankingAtMost: Self.rankedAtMost)
                }
                if found.count < wanted + seen.count {
                    let have = Set(found.map(\.id))
                    found += try ids(expression, limit: wanted + seen.count + have.count, rankingAtMost: Self.rankedAtMost).filter { !have.contains($0.id) }
                }
            }
            return found.filter { !seen.contains($0.id) }.prefix(wanted).map { $0 }
        }

        /// The `notes` rows under `path:`'s folder: SQLite's substr counts characters and its
        /// lower() folds ASCII letters only.
        static let inFolder = "lower(substr(path, 1, ?)) = lower(?)"

        func folderArguments(_ folder: String) -> StatementArguments { [folder.unicodeScalars.count, folder] }

        func folderFilter() -> (String, StatementArguments) {
            guard let folder = query.pathPrefix else { return ("", []) }
            // `+rowid`: FTS5 would otherwise seek each id of the list, 20 times slower.
            return (" AND +rowid IN (SELECT id FROM notes WHERE \(Self.inFolder))", folderArguments(folder))
        }

        /// The notes matching `expression`, best first; with `rankingAtMost`, ranked among the
        /// first that many matches only.
        func ids(_ expression: String, limit: Int, rankingAtMost: Int? = nil) throws -> [(id: Int64, score: Double)] {
            let (filter, arguments) = folderFilter()
            var sql = """
                SELECT rowid AS id, bm25(notes_fts, 10.0, 4.0, 2.0, 1.0, 10.0, 4.0) AS score
                FROM notes_fts WHERE notes_fts MATCH ?\(filter)
                """
            var all: StatementArguments = [expression] + arguments
            if let rankingAtMost {
                sql = "SELECT id, score FROM (" + sql + " LIMIT ?)"
                all += [rankingAtMost]
            }
            sql += " ORDER BY score LIMIT ?"
            all += [limit]
            return try GRDB.Row.fetchAll(db, sql: sql, arguments: all).map { ($0["id"], $0["score"] ?? 0) }
        }

        /// Which of `within` match `expression` (no ranking).
        func holding(_ expression: String, within: [Int64]) throws -> [Int64] {
            try Int64.fetchAll(db, sql: "SELECT rowid FROM notes_fts WHERE notes_fts MATCH ? AND +rowid IN ("
                               + within.map(String.init).joined(separator: ",") + ")", arguments: [expression])
        }

        /// Notes holding the most distinct groups: the best candidates holding any, counted.
        func mostWords() throws -> [(id: Int64, score: Double)] {
            guard let any = query.anyExpression(corrected) else { return [] }
            let seen = Set(ranked.map(\.id))
            let candidates = try best(any, SearchIndex.fillCandidates)
            guard !candidates.isEmpty else { return [] }
            let within = candidates.map(\.id)
            var held: [Int64: Int] = [:], heldExactly: [Int64: Int] = [:]
            for i in corrected.indices.prefix(SearchIndex.fillGroups) {
                guard let one = query.expression([corrected[i]]) else { continue }
                let holding = try holding(one, within: within)
                for id in holding { held[id, default: 0] += 1 }
                if corrected[i].count == exact[i].count {
                    for id in holding { heldExactly[id, default: 0] += 1 }
                } else if let typed = query.expression([exact[i]]) {
                    for id in try self.holding(typed, within: within) { heldExactly[id, default: 0] += 1 }
                }
            }
            let order = Dictionary(uniqueKeysWithValues: candidates.enumerated().map { ($1.id, $0) })
            return candidates.filter { !seen.contains($0.id) }.sorted { a, b in
                let ka = (held[a.id] ?? 0, heldExactly[a.id] ?? 0), kb = (held[b.id] ?? 0, heldExactly[b.id] ?? 0)
                return ka != kb ? ka > kb : order[a.id]! < order[b.id]!
            }.prefix(limit - ranked.count).map { $0 }
        }

        func pathOnly() throws -> [(id: Int64, score: Double)] {
            guard let folder = query.pathPrefix else { return [] }
            return try GRDB.Row.fetchAll(db, sql: "SELECT id FROM notes WHERE \(Self.inFolder) ORDER BY path LIMIT ?",
                                         arguments: folderArguments(folder) + [limit]).map { ($0["id"], 0) }
        }

        /// Path, title, outline, snippet and body of each ranked note. Snippets are built only
        /// for these few: computing them for every match would cost as much as the ranking.
        func details() throws -> [(GRDB.Row, Double)] {
            guard let any = query.anyExpression(corrected) else {
                let plain = try db.makeStatement(sql: """
                    SELECT notes.path AS path, notes_fts.title AS title, notes.outline AS outline,
                           substr(notes_fts.body, 1, 120) AS snippet, notes_fts.body AS body
                    FROM notes_fts JOIN notes ON notes.id = notes_fts.rowid WHERE notes_fts.rowid = ?
                    """)
                return try ranked.compactMap { hit in try GRDB.Row.fetchOne(plain, arguments: [hit.id]).map { ($0, hit.score) } }
            }
            let statement = try db.makeStatement(sql: """
                SELECT notes_fts.rowid AS id, notes.path AS path, notes_fts.title AS title, notes.outline AS outline,
                       CASE WHEN length(notes_fts.body) <= \(SearchIndex.snippetBodyLimit)
                            THEN snippet(notes_fts, 3, char(1), char(2), '…', 14) END AS snippet,
                       CASE WHEN length(notes_fts.body) > \(SearchIndex.snippetBodyLimit)
                            THEN highlight(notes_fts, 3, char(1), char(2)) END AS highlighted,
                       notes_fts.body AS body
                FROM notes_fts JOIN notes ON notes.id = notes_fts.rowid
                WHERE notes_fts MATCH ? AND notes_fts.rowid IN (\(ranked.map { String($0.id) }.joined(separator: ",")))
                """)
            // One statement for all: each would set the match up again (a seek per segment).
            var rows: [Int64: GRDB.Row] = [:]
            for row in try GRDB.Row.fetchAll(statement, arguments: [any]) { rows[row["id"]] = row }
            return ranked.compactMap { hit in rows[hit.id].map { ($0, hit.score) } }
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
        guard !probe.isEmpty else { return nil }
        // Bytes, not Characters: the body is a note's whole text.
        let before = beforeMatch.utf8.count
        let line: Int? = ByteSearch.withBytes(body) { bytes in
            ByteSearch.withBytes(probe) { needle in
                guard let found = ByteSearch.firstOffset(of: needle, in: bytes) else { return nil }
                let matchStart = min(bytes.count, found + before)
                return 1 + bytes[..<matchStart].reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
            }
        }
        guard let line else { return nil }
        return entries.last { $0.0 <= line }?.1
    }

    /// The first line of the note file holding `word` (case-insensitive), for editors.
    static func sourceLine(of word: String?, in path: String, read: (String) -> [UInt8]?) -> Int? {
        guard let word, !word.isEmpty, let bytes = read(path) else { return nil }
        let needle = word.lowercased()
        func holds(_ line: some Collection<UInt8>) -> Bool {
            String(decoding: line, as: UTF8.self).lowercased().contains(needle)
        }
        guard needle.utf8.allSatisfy({ $0 < 0x80 }) else {
            var number = 0
            for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
                number += 1
                if holds(line) { return number }
            }
            return nil
        }
        // An ASCII word: the lines holding its bytes (ASCII letters folded) are found without
        // decoding the note, and each is confirmed as above.
        return bytes.withUnsafeBufferPointer { text in
            ByteSearch.withBytes(needle) { n -> Int? in
                var from = 0, lineStart = 0, number = 1
                while let found = ByteSearch.firstOffset(of: n, in: text, from: from, foldingASCII: true) {
                    for i in lineStart..<found where text[i] == 0x0A {
                        number += 1
                        lineStart = i + 1
                    }
                    var lineEnd = found
                    while lineEnd < text.count && text[lineEnd] != 0x0A { lineEnd += 1 }
                    if holds(text[lineStart..<lineEnd]) { return number }
                    from = lineEnd
                }
                return nil
            }
        }
    }
}
