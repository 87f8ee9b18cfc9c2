/// Where in a note file a laid-out line comes from, found again from its words: the line of
/// the file, at or after the heading above it and before the next one, that holds its first
/// words in order (markup, link targets and decorations between them do not matter).
public struct SourceHint: Hashable, Sendable {
    /// The first line that may hold the text (the heading above it; 1 for the top).
    public var from: Int
    /// The first line past the section (the next heading's), nil for the end of the file.
    public var before: Int?
    /// The words of the line shown, lower-cased, in order.
    public var words: [String]

    public init(from: Int, before: Int? = nil, words: [String] = []) {
        self.from = max(1, from)
        self.before = before
        self.words = words
    }

    /// The letters-and-digits words of `text`, lower-cased, at most `limit` of them.
    public static func words(of text: String, limit: Int = 6) -> [String] {
        var out: [String] = []
        var current = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                current.append(character)
            } else if !current.isEmpty {
                if current.count > 1 { out.append(current) }
                current = ""
                if out.count == limit { return out }
            }
        }
        if current.count > 1 && out.count < limit { out.append(current) }
        return out
    }

    /// The 1-based line of `bytes` (the note file) the text starts on: the first line of the
    /// section holding the first four words in order, else the first two, else the first one;
    /// `from` when none does. Linear in the section's size.
    public func line(in bytes: [UInt8]) -> Int {
        guard !words.isEmpty else { return from }
        var lines: [(number: Int, words: [String])] = []
        var number = 1, start = 0
        let end = bytes.count
        while start <= end {
            var stop = start
            while stop < end && bytes[stop] != 0x0A { stop += 1 }
            if let before, number >= before { break }
            if number >= from {
                let text = String(decoding: bytes[start..<stop], as: UTF8.self)
                lines.append((number, Self.words(of: text, limit: 64)))
            }
            number += 1
            start = stop + 1
        }
        for count in Set([min(4, words.count), min(2, words.count), 1]).sorted(by: >) {
            let wanted = words.prefix(count)
            if let found = lines.first(where: { Self.holdsInOrder($0.words, wanted) }) { return found.number }
        }
        return from
    }

    private static func holdsInOrder(_ words: [String], _ wanted: ArraySlice<String>) -> Bool {
        var next = wanted.startIndex
        for word in words where next < wanted.endIndex && word == wanted[next] { next += 1 }
        return next == wanted.endIndex
    }
}
