/// Fuzzy matching as fzf does it: the query's letters in order, anywhere in the text, scored
/// so that letters at word starts and letters in a row count more and gaps count against.
/// Case is folded. Scoring keeps two rows of the table; the matched letters
/// (for marking them) are found again only for the rows shown.
public struct FuzzyText: Hashable, Sendable {
    public let text: String
    /// Folded letters, one per Unicode scalar of `text`.
    let folded: [UInt32]
    /// What a match at each scalar earns beyond the letter itself (a word start, say).
    let bonus: [Int16]
    /// The first scalar of the Character each scalar belongs to, for marking whole characters.
    let characterOf: [Int32]

    public init(_ text: String) {
        self.text = text
        // Most names are ASCII: a byte is a scalar and a character (CR LF aside, never in a name).
        if text.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) {
            var folded: [UInt32] = [], bonus: [Int16] = []
            folded.reserveCapacity(text.utf8.count)
            bonus.reserveCapacity(text.utf8.count)
            var previous: UInt8? = nil
            for byte in text.utf8 {
                folded.append(UInt32((0x41...0x5A).contains(byte) ? byte + 0x20 : byte))
                bonus.append(FuzzyMatch.asciiBonus(previous, byte))
                previous = byte
            }
            self.folded = folded
            self.bonus = bonus
            self.characterOf = (0..<Int32(folded.count)).map { $0 }
            return
        }
        var folded: [UInt32] = [], bonus: [Int16] = [], characterOf: [Int32] = []
        var previous: Unicode.Scalar? = nil
        var character: Int32 = 0
        for piece in text {
            for scalar in piece.unicodeScalars {
                folded.append(FuzzyMatch.fold(scalar))
                bonus.append(FuzzyMatch.boundaryBonus(previous, scalar))
                characterOf.append(character)
                previous = scalar
            }
            character += 1
        }
        self.folded = folded
        self.bonus = bonus
        self.characterOf = characterOf
    }
}

public enum FuzzyMatch {
    static let letterScore = 16, gapStart = 3, gapExtend = 1, consecutiveBonus = 6
    static let firstLetterFactor = 2
    /// Queries longer than this are cut (the table is query × text).
    public static let maxQuery = 48

    /// The query, folded, without its spaces; empty queries match everything with score 0.
    public static func pattern(_ query: String) -> [UInt32] {
        terms(query).flatMap { $0 }
    }

    /// The query's words, folded: each must match, in any order (`2024 meet` finds
    /// "Meeting 2024", as fzf's terms do).
    public static func terms(_ query: String) -> [[UInt32]] {
        var terms: [[UInt32]] = [], current: [UInt32] = [], count = 0
        for scalar in query.unicodeScalars where count < maxQuery {
            if scalar.properties.isWhitespace {
                if !current.isEmpty { terms.append(current); current = [] }
            } else {
                current.append(fold(scalar))
                count += 1
            }
        }
        if !current.isEmpty { terms.append(current) }
        return terms
    }

    /// The score of every term in `text` added up, nil when one of them is not there.
    public static func score(terms: [[UInt32]], _ text: FuzzyText, rows: inout [Int]) -> Int? {
        var total = 0
        for term in terms {
            guard let score = score(term, text, rows: &rows) else { return nil }
            total += score
        }
        return total
    }

    /// The characters every term's best alignment marks.
    public static func matchedCharacters(terms: [[UInt32]], _ text: FuzzyText) -> Set<Int> {
        terms.reduce(into: Set<Int>()) { $0.formUnion(matchedCharacters($1, text)) }
    }

    /// The score of the best alignment of `pattern` in `text`, nil when its letters are not all
    /// there in order. `rows` is scratch space reused across calls.
    public static func score(_ pattern: [UInt32], _ text: FuzzyText, rows: inout [Int]) -> Int? {
        let n = text.folded.count, m = pattern.count
        guard m > 0 else { return 0 }
        guard m <= n, let window = window(pattern, text.folded) else { return nil }
        // Letter i can only sit between the first in-order match of letters ..<i and the last
        // place that leaves room for the letters after it: row i is scored on those columns.
        let last = window.lastEnd
        // rows[0..<n]: the best score with pattern[...i] matched ending at j; rows[n..<2n]: the row being built.
        if rows.count < 2 * n { rows = [Int](repeating: 0, count: 2 * n) }
        let none = Int.min / 4
        return text.folded.withUnsafeBufferPointer { letters in
            text.bonus.withUnsafeBufferPointer { bonus in
                rows.withUnsafeMutableBufferPointer { table in
                    var previousBase = 0, currentBase = n
                    for i in 0..<m {
                        let wanted = pattern[i]
                        let low = window.starts[i], high = last - (m - 1 - i)
                        var carry = none
                        // From where the previous row starts: each of its ends feeds the carry.
                        let first = i == 0 ? low : window.starts[i - 1]
                        guard first <= high else { return nil }
                        for j in first...high {
                            var best = none
                            if j >= low, letters[j] == wanted {
                                let extra = Int(bonus[j])
                                if i == 0 {
                                    best = letterScore + extra * firstLetterFactor - min(j, 12)
                                } else {
                                    let diagonal = table[previousBase + j - 1]
                                    if diagonal > none { best = diagonal + letterScore + max(extra, consecutiveBonus) }
                                    if carry > none { best = max(best, carry + letterScore + extra) }
                                }
                            }
                            // The best earlier end of the previous row, less the gap up to j + 1.
                            if i > 0 {
                                let ended = j <= high - 1 ? table[previousBase + j] : none
                                carry = max(carry == none ? none : carry - gapExtend, ended == none ? none : ended - gapStart)
                            }
                            table[currentBase + j] = best
                        }
                        swap(&previousBase, &currentBase)
                    }
                    var result = none
                    for j in window.starts[m - 1]...last { result = max(result, table[previousBase + j]) }
                    return result > none ? result : nil
                }
            }
        }
    }

    /// The characters (indices into `text.text`'s Characters) of the best alignment.
    public static func matchedCharacters(_ pattern: [UInt32], _ text: FuzzyText) -> Set<Int> {
        let n = text.folded.count, m = pattern.count
        guard m > 0, m <= n, window(pattern, text.folded) != nil else { return [] }
        let none = Int.min / 4
        // The full table, with where each cell came from: small, and only for rows shown.
        var score = [Int](repeating: none, count: m * n)
        var fromDiagonal = [Bool](repeating: false, count: m * n)
        var carryFrom = [Int](repeating: -1, count: m * n)
        for i in 0..<m {
            var carry = none, carryIndex = -1
            for j in 0..<n {
                if text.folded[j] == pattern[i] {
                    let extra = Int(text.bonus[j])
                    if i == 0 {
                        score[j] = letterScore + extra * firstLetterFactor - min(j, 12)
                    } else if j > 0 {
                        let diagonal = score[(i - 1) * n + j - 1]
                        var best = none
                        if diagonal > none { best = diagonal + letterScore + max(extra, consecutiveBonus); fromDiagonal[i * n + j] = true }
                        if carry > none, carry + letterScore + extra > best {
                            best = carry + letterScore + extra
                            fromDiagonal[i * n + j] = false
                            carryFrom[i * n + j] = carryIndex
                        }
                        score[i * n + j] = best
                    }
                }
                if i > 0 {
                    let ended = score[(i - 1) * n + j]
                    let decayed = carry == none ? none : carry - gapExtend
                    if ended > none, ended - gapStart >= decayed { carry = ended - gapStart; carryIndex = j } else { carry = decayed }
                }
            }
        }
        var j = (0..<n).max { score[(m - 1) * n + $0] < score[(m - 1) * n + $1] } ?? 0
        guard score[(m - 1) * n + j] > none else { return [] }
        var marked: Set<Int> = []
        for i in stride(from: m - 1, through: 0, by: -1) {
            marked.insert(Int(text.characterOf[j]))
            guard i > 0 else { break }
            j = fromDiagonal[i * n + j] ? j - 1 : carryFrom[i * n + j]
            if j < 0 { break }
        }
        return marked
    }

    /// Where each letter's first in-order match is (no letter can sit before it) and where
    /// the last letter last occurs (none can sit after it); nil when the letters are not all there.
    private static func window(_ pattern: [UInt32], _ letters: [UInt32]) -> (starts: [Int], lastEnd: Int)? {
        var starts: [Int] = []
        starts.reserveCapacity(pattern.count)
        var i = 0
        for (j, letter) in letters.enumerated() where letter == pattern[i] {
            starts.append(j)
            i += 1
            if i == pattern.count { break }
        }
        guard i == pattern.count, let lastEnd = letters.lastIndex(of: pattern[pattern.count - 1]) else { return nil }
        return (starts, lastEnd)
    }

    /// Lower case, one scalar to one (a scalar whose lower case is longer stays as it is).
    static func fold(_ scalar: Unicode.Scalar) -> UInt32 {
        let value = scalar.value
        if value < 0x80 { return (0x41...0x5A).contains(value) ? value + 0x20 : value }
        let lower = scalar.properties.lowercaseMapping.unicodeScalars
        guard lower.count == 1, let folded = lower.first else { return value }
        return folded.value
    }

    /// `boundaryBonus` for ASCII.
    static func asciiBonus(_ previous: UInt8?, _ byte: UInt8) -> Int16 {
        func isLetter(_ b: UInt8) -> Bool { (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) }
        func isDigit(_ b: UInt8) -> Bool { (0x30...0x39).contains(b) }
        guard let previous else { return 10 }
        guard isLetter(byte) || isDigit(byte) else { return 0 }
        if previous == 0x20 || previous == 0x09 { return 10 }
        if previous == 0x2F { return 9 }
        if !(isLetter(previous) || isDigit(previous)) { return 8 }
        if (0x41...0x5A).contains(byte) && (0x61...0x7A).contains(previous) { return 7 }
        if isDigit(byte) && !isDigit(previous) { return 7 }
        return 0
    }

    /// fzf's bonuses: the start of the text or of a word, after `/`, after other punctuation,
    /// and a capital letter inside a word (camelCase) or a digit after letters.
    static func boundaryBonus(_ previous: Unicode.Scalar?, _ scalar: Unicode.Scalar) -> Int16 {
        guard let previous else { return 10 }
        let properties = scalar.properties, before = previous.properties
        let isWordish = properties.isAlphabetic || properties.numericType != nil
        guard isWordish else { return 0 }
        if before.isWhitespace { return 10 }
        if previous == "/" { return 9 }
        if !(before.isAlphabetic || before.numericType != nil) { return 8 }
        if properties.isUppercase && before.isLowercase { return 7 }
        if properties.numericType != nil && before.numericType == nil { return 7 }
        return 0
    }
}
