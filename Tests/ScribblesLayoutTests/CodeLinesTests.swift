import Testing
@testable import ScribblesLayout

/// Code is cut into lines by bytes; the lines are those of a split at "\n", CRs included.
@Suite("Code lines")
struct CodeLinesTests {
    @Test func linesAreThoseOfASplitAtLineFeeds() {
        for text in ["", "\n", "\n\n", "a", "a\n", "let a = 1\nlet b = 2\n", "é\n中文\n\n🙂", "a\r\nb\r\n", "a\rb\n", " \n\t\n"] {
            let expected = text.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(LayoutBuilder.lines(of: text) == expected, "\(text.debugDescription)")
        }
    }
}
