import ScribblesText

/// Finds searched words in laid-out lines, the way the index matched them: case-insensitive,
/// at the start of a word, the whole word highlighted (so "communit" marks "community").
enum MatchFinder {
    static func find(_ words: [String], in lines: [StyledLine]) -> [MatchRegion] {
        let needles = Array(Set(words.map { Array($0.lowercased()) }.filter { !$0.isEmpty }))
        guard !needles.isEmpty else { return [] }
        var regions: [MatchRegion] = []
        for (index, line) in lines.enumerated() {
            let text = line.plainText
            guard !text.isEmpty else { continue }
            let characters = Array(text.lowercased())
            // Lowercasing can change the character count (rare: İ); then columns would drift.
            guard characters.count == text.count else { continue }
            var columns: [Int] = []
            columns.reserveCapacity(characters.count + 1)
            var column = 0
            for character in text {
                columns.append(column)
                column += CellWidth.of(character)
            }
            columns.append(column)
            var position = 0
            while position < characters.count {
                if (position == 0 || !isWordCharacter(characters[position - 1])),
                   needles.contains(where: { starts(characters, at: position, with: $0) }) {
                    var end = position
                    while end < characters.count && isWordCharacter(characters[end]) { end += 1 }
                    end = max(end, position + 1)
                    regions.append(MatchRegion(line: index, start: columns[position], end: columns[end]))
                    position = end
                } else {
                    position += 1
                }
            }
        }
        return regions
    }

    private static func starts(_ characters: [Character], at position: Int, with needle: [Character]) -> Bool {
        guard position + needle.count <= characters.count else { return false }
        for offset in needle.indices where characters[position + offset] != needle[offset] { return false }
        return true
    }

    static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber
    }
}
