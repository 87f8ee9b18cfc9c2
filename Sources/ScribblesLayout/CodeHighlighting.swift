import ScribblesMarkdown

/// Which code blocks of a note get coloured: those with a language, in the note's order,
/// while their bytes fit in the note's budget (a block that would pass it stays plain; a
/// smaller one after it may still fit). Layout keeps to it, and so does the reader's loader,
/// which colours the same blocks off the UI loop before layout looks them up.
public struct CodeHighlighting: Sendable {
    /// About 100 ms of KSyntaxHighlighting's time, off the UI loop.
    public static let budget = 256 << 10

    private var used = 0

    public init() {}

    /// The language to colour `code` in, charging its bytes; nil when it stays plain.
    public mutating func take(_ code: CodeBlock) -> String? {
        let language = code.highlightLanguage, size = code.text.utf8.count
        guard !language.isEmpty, used + size <= Self.budget else { return nil }
        used += size
        return language
    }

    /// The blocks of `document` that layout will colour, with their languages.
    public static func blocks(of document: Document) -> [(language: String, code: String)] {
        var budget = CodeHighlighting(), out: [(language: String, code: String)] = []
        (document.blocks + document.footnotes.flatMap(\.blocks)).forEachBlock { block in
            guard case .code(let code) = block, let language = budget.take(code) else { return }
            out.append((language, code.text))
        }
        return out
    }
}
