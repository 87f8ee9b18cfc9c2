import ScribblesMarkdown

/// What a vault shows about a note without rendering it: title and description.
public struct NoteHead: Hashable, Sendable {
    /// The H1, else front-matter `title`, else nil (callers fall back to SUMMARY text or the name).
    public var title: String?
    public var description: String?
    public var isHidden: Bool
    /// Front-matter aliases (other names `[[alias]]` finds the note by).
    public var aliases: [String] = []

    /// Reads the start of a note: its front matter and the H1 that opens it, parsed with the
    /// Markdown parser over at most the first 64 KB.
    public static func read(_ bytes: [UInt8]) -> NoteHead {
        let limit = 64 << 10
        let head = bytes.count > limit ? Array(bytes[..<limit]) : bytes
        let document = MarkdownParser.parse(prefixThroughFirstTitle(head))
        let h1 = document.firstHeadingTitle?.trimmingWhitespace()
        return NoteHead(title: h1.flatMap { $0.isEmpty ? nil : $0 } ?? document.frontMatter.title,
                        description: document.frontMatter.isDescriptionVisible ? document.frontMatter.description : nil,
                        isHidden: document.frontMatter.isHidden, aliases: document.frontMatter.aliases)
    }

    /// The bytes through the front matter and the first two lines of the body: enough for an
    /// H1 that opens the note (`# Title`, or `Title` over `===`), which is all a head needs, so
    /// a note without one costs no more to read than a note with one.
    private static func prefixThroughFirstTitle(_ bytes: [UInt8]) -> [UInt8] {
        var i = 0
        func nextLine() { while i < bytes.count, bytes[i] != 0x0A { i += 1 }; if i < bytes.count { i += 1 } }
        if bytes.starts(with: Array("---".utf8)) {
            nextLine()
            while i < bytes.count {
                let start = i
                nextLine()
                let line = bytes[start..<i].filter { $0 != 0x0A && $0 != 0x0D }
                if line.elementsEqual(Array("---".utf8)) || line.elementsEqual(Array("...".utf8)) { break }
            }
        }
        // Blank lines, then the first line and the one after it.
        while i < bytes.count, bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x20 || bytes[i] == 0x09 {
            let start = i
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0D { i += 1 }
            if i < bytes.count, bytes[i] == 0x0A { i += 1 } else { i = start; break }
        }
        nextLine()
        nextLine()
        return i >= bytes.count ? bytes : Array(bytes[..<i])
    }
}
