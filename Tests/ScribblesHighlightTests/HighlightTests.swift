import Foundation
@testable import ScribblesHighlight
@testable import ScribblesLayout
@testable import ScribblesMarkdown
import ScribblesText
import Testing

/// Code colouring: language names, KSyntaxHighlighting through the loaded library, roles in
/// laid-out lines (a reviewed snapshot marking each cell's role), and wide code and tables.
@Suite struct HighlightTests {
    static let required = [
        "sh", "bash", "console", "shell", "json", "yaml", "yml", "toml", "ini", "javascript", "js", "typescript", "ts",
        "python", "py", "swift", "go", "rust", "java", "kotlin", "c", "cpp", "c++", "csharp", "cs", "c#", "ruby", "php",
        "sql", "html", "xml", "css", "diff", "dockerfile", "makefile", "markdown", "md",
    ]

    @Test func everyRequiredLanguageAndAliasHasADefinition() {
        for name in Self.required { #expect(SyntaxLanguage.definition(for: name) != nil, "\(name)") }
        #expect(SyntaxLanguage.definition(for: "Python") == "Python", "case is ignored")
        #expect(SyntaxLanguage.definition(for: "language-js") == "JavaScript")
        #expect(SyntaxLanguage.definition(for: "python{.numberLines}") == "Python")
        #expect(SyntaxLanguage.definition(for: "text") == nil)
        #expect(SyntaxLanguage.definition(for: "brainfuck") == nil, "unknown stays plain")
        #expect(SyntaxLanguage.definition(for: "") == nil)
    }

    /// One line per language, with a token it must find and its kind.
    static let samples: [(String, String, String, SyntaxKind)] = [
        ("bash", "if [ -f x ]; then echo \"hi\"; fi", "if", .keyword),
        ("json", "{\"a\": 12}", "12", .number),
        ("yaml", "key: value # note", "# note", .comment),
        ("toml", "name = \"x\"", "\"x\"", .string),
        ("ini", "[section]\nkey=1", "key", .variable),
        ("js", "const a = 'x';", "const", .keyword),
        ("ts", "let n: number = 1;", "number", .type),
        ("python", "def f(x):\n    return x  # done", "def", .keyword),
        ("swift", "let x: Int = 42", "42", .number),
        ("go", "func main() { return }", "func", .keyword),
        ("rust", "fn main() { let v = 1; }", "fn", .keyword),
        ("java", "public class A { int x; }", "class", .keyword),
        ("kotlin", "fun f() = 1", "fun", .keyword),
        ("c", "#include <stdio.h>\nint main(void) { return 0; }", "#include", .preprocessor),
        ("cpp", "int main() { return 0; }", "return", .keyword),
        ("cs", "public class A { }", "class", .keyword),
        ("ruby", "def f; end", "def", .keyword),
        ("php", "<?php echo 'x'; ?>", "echo", .keyword),
        ("sql", "SELECT * FROM t;", "SELECT", .keyword),
        ("html", "<p class=\"a\">x</p>", "<p", .keyword),
        ("xml", "<!-- c --><a/>", "<!-- c -->", .comment),
        ("css", "a { color: red; }", "color", .keyword),
        ("diff", "+added line", "+added line", .added),
        ("dockerfile", "FROM debian:12", "FROM", .keyword),
        ("makefile", "all:\n\techo hi", "all", .function),
        ("markdown", "# Title", "# Title", .keyword),
    ]

    @Test func everyLanguageIsColouredByTheLibrary() throws {
        try #require(SyntaxHighlighter.shared.isAvailable,
                     "libScribblesSyntax.so must sit next to the test binary (swift build builds it)")
        var missing: [String] = []
        for (language, code, token, _) in Self.samples {
            let lines = try #require(SyntaxHighlighter.shared.highlight(code, language: language), "\(language)")
            let source = code.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.utf8) }
            let texts = lines.enumerated().flatMap { index, tokens in
                tokens.map { String(decoding: source[index][Int($0.start)..<Int($0.start + $0.length)], as: UTF8.self) }
            }
            if !texts.contains(where: { $0.contains(token) || token.contains($0) && !$0.isEmpty }) { missing.append("\(language): \(texts)") }
        }
        #expect(missing.isEmpty, "\(missing)")
        #expect(SyntaxHighlighter.shared.highlight("x", language: "nolang") == nil)
    }

    @Test func theKindsAreTheLibrarysStyles() throws {
        try #require(SyntaxHighlighter.shared.isAvailable)
        let lines = try #require(SyntaxHighlighter.shared.highlight("def f():\n    return \"s\"  # c", language: "py"))
        let kinds = lines.flatMap { $0.map(\.kind) }
        #expect(kinds.contains(.keyword) && kinds.contains(.string) && kinds.contains(.comment))
        // Byte offsets, also after wide and multi-byte text.
        let wide = try #require(SyntaxHighlighter.shared.highlight("s = \"日本\" # é", language: "python"))
        let line = Array("s = \"日本\" # é".utf8)
        let comment = try #require(wide[0].first { $0.kind == .comment })
        #expect(String(decoding: line[Int(comment.start)..<Int(comment.start + comment.length)], as: UTF8.self) == "# é")
    }

    // MARK: layout

    static let note = """
        # Code

        ```python
        def area(r):
            \"\"\"Circle area.\"\"\"
            return 3.14159 * r ** 2  # pi r squared
        ```

        ```js
        const total = items.reduce((a, b) => a + b, 0);
        ```

        ```yaml
        name: scribbles
        tags: [reader, "notes"]
        ```

        ```diff
        - old line
        + new line
        ```

        ```unknown
        stays plain
        ```
        """

    /// Each line, then a row naming each cell's role: k keyword, f function, v variable,
    /// o operator, b builtin, p preprocessor, a attribute, s string, e escape, t type,
    /// n number, c constant, # comment, ! error, + added, - removed, . plain code, space for the rest.
    static func snapshot(_ note: RenderedNote) -> String {
        var out = ""
        for line in note.lines {
            var marks = ""
            for span in line.spans {
                let mark: Character
                switch span.style.role {
                case .syntax(let kind):
                    mark = ["keyword": "k", "function": "f", "variable": "v", "operator": "o", "builtin": "b",
                            "preprocessor": "p", "attribute": "a", "string": "s", "escape": "e", "type": "t",
                            "number": "n", "constant": "c", "comment": "#", "error": "!", "added": "+", "removed": "-"][kind.rawValue] ?? "?"
                case .codeBlock: mark = "."
                default: mark = " "
                }
                marks += String(repeating: mark, count: span.width)
            }
            while marks.last == " " { marks.removeLast() }
            out += "|" + line.plainText + "\n"
            if marks.contains(where: { $0 != " " && $0 != "." }) { out += "|" + marks + "\n" }
        }
        return out
    }

    @Test func rolesInLaidOutCode() throws {
        try #require(SyntaxHighlighter.shared.isAvailable)
        let document = MarkdownParser.parse(Self.note)
        let rendered = layout(document, width: 60, highlight: { SyntaxHighlighter.shared.highlight($1, language: $0) })
        let text = Self.snapshot(rendered)
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__/code-roles-60.txt")
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
            try text.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        let expected = try? String(contentsOf: file, encoding: .utf8)
        #expect(expected != nil, "missing snapshot: record it with RECORD_SNAPSHOTS=1")
        #expect(text == expected)
        // Without a highlighter the same lines, in one colour.
        let plain = layout(document, width: 60)
        #expect(plain.plainText == rendered.plainText)
        #expect(!plain.lines.flatMap(\.spans).contains { if case .syntax = $0.style.role { true } else { false } })
    }

    @Test func aCodeTagsFileNameGivesTheLanguage() {
        let fenced = MarkdownParser.parse("{% code title=\"config/app.yaml\" %}\n```\nkey: 1\n```\n{% endcode %}\n")
        var languages: [String] = []
        _ = layout(fenced, width: 40, highlight: { language, _ in languages.append(language); return nil })
        #expect(languages == ["yaml"])
        #expect(CodeBlock(info: "", text: "", title: "Dockerfile").highlightLanguage == "Dockerfile")
        #expect(CodeBlock(info: "py", text: "", title: "x.js").highlightLanguage == "py", "the info string wins")
        #expect(CodeBlock(info: "", text: "", title: "Example request").highlightLanguage == "")
    }

    @Test func codeLinesSplitAtTokensKeepTheirText() {
        let line = "\tx = \"é\" # c"
        let tokens = [SyntaxToken(start: 5, length: 4, kind: .string), SyntaxToken(start: 10, length: 3, kind: .comment),
                      SyntaxToken(start: 40, length: 3, kind: .number), SyntaxToken(start: 2, length: 0, kind: .keyword)]
        let styled = LayoutBuilder.codeLine(line[...], tokens)
        #expect(styled.plainText == "    x = \"é\" # c", "a tab is four spaces, out-of-range tokens are dropped")
        #expect(styled.spans.map(\.style.role) == [.codeBlock, .syntax(.string), .codeBlock, .syntax(.comment)])
    }

    @Test func highlightingStopsAtTheNotesBudget() {
        let block = String(repeating: "x = 1\n", count: CodeHighlighting.budget / 6 / 2 + 1)
        let document = MarkdownParser.parse("```py\n\(block)```\n\n```py\n\(block)```\n\n```py\nlast = 2\n```\n")
        var asked: [Int] = []
        _ = layout(document, width: 40, highlight: { _, code in asked.append(code.utf8.count); return nil })
        #expect(asked == [block.utf8.count, 9], "the second block would pass the budget: it stays plain, a small one after it fits")
    }

    // MARK: wide code and tables

    @Test func wideCodeAndTablesAreKeptWholeForTheReader() throws {
        let long = String(repeating: "word ", count: 30)
        let source = """
            ```
            short
            \(long)
            ```

            | Name of the first column | Second column, long too | Third column header | Fourth |
            |---|---|---|---|
            | a value that is long enough | another | third | 4 |
            """
        let document = MarkdownParser.parse(source)
        let reader = layout(document, width: 50, options: LayoutOptions(scrollsWide: true))
        #expect(reader.wide.count == 2)
        let code = try #require(reader.wide.first)
        #expect(code.start == 2 && code.visible == 46 && code.width == CellWidth.of(long))
        #expect(code.lines.count == 2)
        #expect(reader.lines[code.lines.upperBound - 1].plainText == "│ " + long, "the line is whole")
        let table = reader.wide[1]
        #expect(table.width > 50 && table.visible == 49)
        #expect(reader.lines[table.lines.lowerBound].plainText.hasPrefix("Name of the    │ Second column, │"),
                "columns keep a readable width")
        // `render` keeps the cut and the squeeze.
        let printed = layout(document, width: 50)
        #expect(printed.wide.isEmpty)
        #expect(printed.lines.allSatisfy { $0.width <= 50 })
        #expect(printed.plainText.contains("…"))
    }
}
