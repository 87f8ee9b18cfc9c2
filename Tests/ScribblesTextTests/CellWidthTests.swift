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

    @Test func repeatingBuildsWhatTheStandardLibraryBuilds() {
        for piece in [" ", "─", "ab", "🧑🏽‍💻", ""] {
            for count in [-1, 0, 1, 2, 7, 100] {
                #expect(String.repeating(piece, count: count) == String(repeating: piece, count: max(0, count)))
            }
        }
    }

    /// The byte scan (8 at a time) agrees with the rule read scalar by scalar, wherever in a
    /// string, across word boundaries, the character falls: every scalar near a boundary of
    /// the rule, at every offset of strings of ASCII, accented and CJK text.
    @Test func theByteScanAgreesWithTheScalarRule() {
        func rule(_ s: String) -> Bool {
            s.unicodeScalars.contains { v in v.value < 0x20 || (0x7F..<0xA0).contains(v.value) || (0x202A...0x202E).contains(v.value) || (0x2066...0x2069).contains(v.value) }
        }
        let probes: [UInt32] = [0x00, 0x09, 0x1F, 0x20, 0x7E, 0x7F, 0x80, 0x9F, 0xA0, 0xE9, 0x2026, 0x2029, 0x202A, 0x202E, 0x202F,
                                0x2065, 0x2066, 0x2069, 0x206A, 0x4E2D, 0x1F600, 0x85, 0x2014]
        for filler in ["abcdefghij", "éàü", "漢字", "a…b"] {
            for length in 0..<20 {
                let base = String(String(repeating: filler, count: 3).prefix(length))
                #expect(TerminalText.needsCleaning(base) == rule(base))
                for probe in probes {
                    for at in stride(from: 0, through: base.count, by: 1) {
                        var text = base
                        text.insert(Character(Unicode.Scalar(probe)!), at: text.index(text.startIndex, offsetBy: at))
                        #expect(TerminalText.needsCleaning(text) == rule(text), "\(probe) at \(at) in \(base)")
                        #expect(TerminalText.needsCleaning(text.dropFirst(at > 0 ? 1 : 0)) == rule(String(text.dropFirst(at > 0 ? 1 : 0))))
                    }
                }
            }
        }
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
