import ScribblesMarkdown

/// What a vault shows about a note without rendering it: title and description.
public struct NoteHead: Hashable, Sendable {
    /// The H1, else front-matter `title`, else nil (callers fall back to SUMMARY text or the name).
    public var title: String?
    public var description: String?
    public var isHidden: Bool
    /// Front-matter aliases (other names `[[alias]]` finds the note by).
    public var aliases: [String] = []

    /// Reads the start of a note: its front matter and first heading, parsed with the
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

    /// The bytes up to the end of the first line that starts with `# ` (the usual title line),
    /// so a big note's head is cheap to parse; the whole input when there is none.
    private static func prefixThroughFirstTitle(_ bytes: [UInt8]) -> [UInt8] {
        var lineStart = 0
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x0A {
                if i - lineStart >= 2, bytes[lineStart] == UInt8(ascii: "#"), bytes[lineStart + 1] == 0x20 {
                    return Array(bytes[..<i])
                }
                lineStart = i + 1
            }
            i += 1
        }
        return bytes
    }
}
