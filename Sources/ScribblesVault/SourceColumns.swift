/// Turns links' byte columns into the character columns editors and people count, once per
/// line (links sorted by position), so 100,000 links on one 5 MB line stay linear.
///
/// A link whose column is unknown (HTML, some tags) gets the column of its destination on its
/// line. One whose recorded column does not show its opening (`[[`, `![[`, `{%`) snaps to the
/// nearest one within a few bytes: a table cell's `\|` is unescaped before cmark sees it.
enum SourceColumns {
    static func convert(_ links: inout [OutgoingLink], in bytes: [UInt8]) {
        guard !links.isEmpty else { return }
        var lineStarts: [Int] = [0]
        for (index, byte) in bytes.enumerated() where byte == 0x0A { lineStarts.append(index + 1) }
        let order = links.indices.sorted { (links[$0].line, links[$0].column) < (links[$1].line, links[$1].column) }
        var counted = (line: -1, byte: 0, characters: 0)
        // Links without a column are searched for after the previous one on their line.
        var searched = (line: -1, byte: 0)
        for index in order {
            let link = links[index]
            guard link.line >= 1, link.line <= lineStarts.count else { continue }
            let start = lineStarts[link.line - 1]
            let end = link.line < lineStarts.count ? lineStarts[link.line] - 1 : bytes.count
            let line = bytes[start..<end]
            var byte: Int
            if link.column > 0 {
                byte = min(link.column - 1, line.count)
            } else {
                let from = searched.line == link.line ? searched.byte : 0
                if let found = search(link.destination, in: line, from: from) {
                    byte = found
                    searched = (link.line, found + 1)
                } else {
                    // Not on the line as written (entities decoded, say): the line's start, and
                    // the next search on this line still starts where the last found one.
                    byte = 0
                    searched = (link.line, from)
                }
            }
            if let opening = opening(of: link.kind) { byte = snap(byte, to: opening, in: line) }
            // Characters from the line's start (or from the previous link on it) to this byte.
            if counted.line != link.line || counted.byte > byte { counted = (link.line, 0, 0) }
            var characters = counted.characters
            var i = start + counted.byte
            while i < start + byte {
                if bytes[i] & 0xC0 != 0x80 { characters += 1 }
                i += 1
            }
            counted = (link.line, byte, characters)
            links[index].column = characters + 1
        }
    }

    private static func opening(of kind: OutgoingLink.Kind) -> [UInt8]? {
        switch kind {
        case .wiki, .property: return Array("[[".utf8)
        case .wikiEmbed: return Array("![[".utf8)
        case .image: return Array("![".utf8)
        case .pageRef, .contentRef, .include, .file: return Array("{%".utf8)
        default: return nil
        }
    }

    /// `byte`, or the start of the nearest `opening` within 256 bytes of it.
    private static func snap(_ byte: Int, to opening: [UInt8], in line: ArraySlice<UInt8>) -> Int {
        func holds(_ at: Int) -> Bool {
            at >= 0 && at + opening.count <= line.count && line[(line.startIndex + at)..<(line.startIndex + at + opening.count)].elementsEqual(opening)
        }
        if holds(byte) { return byte }
        for distance in 1...256 {
            if holds(byte - distance) { return byte - distance }
            if holds(byte + distance) { return byte + distance }
        }
        return byte
    }

    /// Where `destination` (or `(destination`) first occurs on the line.
    private static func search(_ destination: String, in line: ArraySlice<UInt8>, from: Int) -> Int? {
        let needle = Array(destination.utf8)
        guard !needle.isEmpty, needle.count <= line.count else { return nil }
        var i = line.startIndex + min(from, line.count)
        // Links without a column are few and near each other; a bounded search keeps a line of
        // many that cannot be found (entities decoded) linear.
        let end = min(line.endIndex, i + 4096 + needle.count)
        while i + needle.count <= end {
            if line[i] == needle[0], line[i..<(i + needle.count)].elementsEqual(needle) { return i - line.startIndex }
            i += 1
        }
        return nil
    }
}
