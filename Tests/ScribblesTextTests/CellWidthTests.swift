import Testing
@testable import ScribblesText

@Suite("Cell width per grapheme")
struct CellWidthTests {
    @Test(arguments: [
        ("a", 1), ("漢", 2), ("한", 2), ("e\u{301}", 1), ("👍", 2), ("👍🏽", 2), ("👩\u{200D}👩\u{200D}👧", 2),
        ("🧑🏽\u{200D}💻", 2), ("\u{2764}\u{FE0F}", 2), ("\u{2764}", 1), ("🇫🇷", 2), ("\u{301}", 0), ("Ａ", 2),
        ("\u{200D}", 0), ("é", 1),
    ])
    func character(_ text: String, _ width: Int) {
        #expect(text.count == 1)
        #expect(CellWidth.of(Character(text)) == width)
    }

    @Test(arguments: [
        ("", 0), ("hello", 5), ("ab漢字", 6), ("開発者関係 DevRel", 17), ("café", 4), ("cafe\u{301}", 4),
        ("🧑🏽\u{200D}💻 dev", 6),
    ])
    func string(_ text: String, _ width: Int) {
        #expect(CellWidth.of(text) == width)
    }

    @Test func controlCharactersHaveNoWidthUntilMadeVisible() {
        #expect(CellWidth.of(Character("\u{1B}")) == 0)
        #expect(CellWidth.of(TerminalText.visible("\u{1B}")) == 1)
    }
}

@Suite("Terminal-safe text")
struct TerminalTextTests {
    @Test(arguments: [
        ("plain text", "plain text"), ("a\u{1B}[31mred", "a␛[31mred"), ("bell\u{07}", "bell␇"),
        ("c1\u{9B}31m", "c1\u{FFFD}31m"), ("tab\there", "tab    here"), ("del\u{7F}", "del␡"),
        ("rlo\u{202E}txt", "rlo\u{FFFD}txt"), ("nul\u{0}", "nul␀"), ("漢字 ok", "漢字 ok"),
    ])
    func visible(_ input: String, _ expected: String) {
        #expect(TerminalText.visible(input) == expected)
    }

    @Test func visibleTextHasNoControlBytes() {
        var all = ""
        for value in 0..<0x200 { all.unicodeScalars.append(Unicode.Scalar(value)!) }
        let shown = TerminalText.visible(all)
        #expect(!shown.unicodeScalars.contains { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) })
        #expect(!TerminalText.needsCleaning(shown))
    }
}

@Suite("Styled lines")
struct StyledLineTests {
    @Test func appendMergesEqualStyles() {
        var line = StyledLine()
        line.append("ab", .plain)
        line.append("cd", .plain)
        line.append("漢", Style(.code))
        #expect(line.spans == [Span("abcd"), Span("漢", Style(.code))])
        #expect(line.width == 6)
        #expect(line.plainText == "abcd漢")
    }
}
