import GRDB

/// Corrections of a mistyped word, drawn from the words the index holds.
///
/// A word of 5 letters or more may be one edit away from what was meant, one of 9 or more two
/// (an insertion, a deletion, a substitution, or two neighbours swapped). The candidates are
/// the collection's own words as written (the `words` table, filled as notes are indexed:
/// FTS5's `fts5vocab` holds Porter stems and counts every note of a term to list it, 10 ms a
/// letter on 10,000 notes). Only words that start with the typed word's first or second letter
/// are read, in one range of the table's key each, so a vocabulary of a million words costs a
/// few tens of thousands of rows. A typo in the very first letter (`rffect`, `ffect`) is found
/// by looking the words it could be up by key, one edit only: a letter from a to z put in
/// place of the first or before it. The work is capped per word and per query.
enum Corrections {
    /// At most this many corrections per word, the most common first.
    static let perWord = 3
    /// At most this many words of one query are looked at.
    static let wordsPerQuery = 6
    /// Words read per typed word, at most.
    static let rowsPerWord = 20_000
    /// Words kept for the `words` table: what a correction of 5 to 40 letters can reach.
    static let indexedLengths = 4...42

    static func maxEdits(_ length: Int) -> Int { length >= 9 ? 2 : length >= 5 ? 1 : 0 }

    /// Whether `word` is a candidate: 5 to 40 letters.
    static func eligible(_ word: String) -> Bool {
        let count = word.unicodeScalars.count
        return count >= 5 && count <= 40 && word.allSatisfy(\.isLetter)
    }

    /// The distinct words of a note's text that the `words` table keeps (lower case, letters
    /// only), read byte by byte: this runs over every note indexed.
    static func words(of texts: [String]) -> Set<String> {
        var found = Set<String>()
        var current: [UInt8] = []
        current.reserveCapacity(64)
        var letters = true, ascii = true
        func flush() {
            defer {
                current.removeAll(keepingCapacity: true)
                letters = true
                ascii = true
            }
            guard letters, current.count >= indexedLengths.lowerBound else { return }
            if ascii {
                if current.count <= indexedLengths.upperBound { found.insert(String(decoding: current, as: UTF8.self)) }
            } else {
                // Rare: a word with accents, or one glued to non-ASCII punctuation.
                let word = String(decoding: current, as: UTF8.self)
                if indexedLengths.contains(word.unicodeScalars.count), word.allSatisfy(\.isLetter) { found.insert(word.lowercased()) }
            }
        }
        for text in texts {
            for byte in text.utf8 {
                switch byte {
                case 0x41...0x5A: current.append(byte | 0x20)
                case 0x61...0x7A: current.append(byte)
                case 0x30...0x39, 0x5F:
                    current.append(byte)
                    letters = false
                case 0x80...:
                    current.append(byte)
                    ascii = false
                default: flush()
                }
            }
            flush()
        }
        return found
    }

    /// Candidates counted, at most: the nearest, in the table's order.
    static let counted = 32

    /// The collection's words near `word`: nearest first, then those most often found with
    /// the query's other words, then the most common; at most `perWord`, each held by some
    /// note. `notes` counts a candidate's notes: with the other words, and alone.
    static func of(_ word: String, in db: Database, notes: (String) throws -> (withOthers: Int, alone: Int)) throws -> [String] {
        let typed = Array(word.lowercased().unicodeScalars)
        let edits = maxEdits(typed.count)
        guard edits > 0 else { return [] }
        var firsts = [typed[0]]
        if typed[1] != typed[0] { firsts.append(typed[1]) }
        var near: [(word: String, cost: Int)] = []
        for first in firsts {
            guard let next = Unicode.Scalar(first.value + 1) else { continue }
            let rows = try String.fetchCursor(db, sql: """
                SELECT word FROM words WHERE word >= ? AND word < ? AND length(word) BETWEEN ? AND ? LIMIT ?
                """, arguments: [String(first), String(next), typed.count - edits, typed.count + edits, rowsPerWord])
            while let candidate = try rows.next() {
                let scalars = Array(candidate.unicodeScalars)
                guard scalars != typed, let cost = osa(typed[...], scalars[...], bound: edits) else { continue }
                near.append((candidate, cost))
            }
        }
        near += try firstLetterEdits(typed, firsts: firsts, in: db).map { ($0, 1) }
        near.sort { ($0.cost, $0.word) < ($1.cost, $1.word) }
        // Count the notes of the nearest few only; a word no note holds any more is dropped.
        let found = try near.prefix(counted).map { near in (near, try notes(near.word)) }.filter { $0.1.alone > 0 }
        return found.sorted { a, b in
            (a.0.cost, -a.1.withOthers, -a.1.alone, a.0.word) < (b.0.cost, -b.1.withOthers, -b.1.alone, b.0.word)
        }.prefix(perWord).map(\.0.word)
    }

    /// The words one edit away in the first letter that the key ranges above cannot reach:
    /// the first letter replaced, or a letter put before it, where the result starts with
    /// neither of `firsts` (ASCII letters only).
    static func firstLetterEdits(_ typed: [Unicode.Scalar], firsts: [Unicode.Scalar], in db: Database) throws -> [String] {
        let rest = String(String.UnicodeScalarView(typed.dropFirst())), whole = String(String.UnicodeScalarView(typed))
        let letters = (UInt8(ascii: "a")...UInt8(ascii: "z")).map { Unicode.Scalar($0) }.filter { !firsts.contains($0) }
        let wanted = letters.flatMap { [String($0) + rest, String($0) + whole] }
        return try String.fetchAll(db, sql: "SELECT word FROM words WHERE word IN (" + wanted.map { _ in "?" }.joined(separator: ",") + ")",
                                   arguments: StatementArguments(wanted))
    }

    /// Optimal string alignment distance (adjacent transpositions count one), or nil when it
    /// passes `bound`. Rows stop as soon as every cell is past it.
    static func osa(_ a: ArraySlice<Unicode.Scalar>, _ b: ArraySlice<Unicode.Scalar>, bound: Int) -> Int? {
        let a = Array(a), b = Array(b)
        guard abs(a.count - b.count) <= bound else { return nil }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) <= bound ? max(a.count, b.count) : nil }
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowBest = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { value = min(value, before[j - 2] + 1) }
                current[j] = value
                rowBest = min(rowBest, value)
            }
            if rowBest > bound { return nil }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count] <= bound ? previous[b.count] : nil
    }
}
