import ScribblesText
import Testing

@Suite struct ScreenBufferTests {
    @Test func textIsClippedAndWideGraphemesTakeTwoCells() {
        var screen = ScreenBuffer(width: 6, height: 2)
        let end = screen.put("a漢字bcd", x: 0, y: 0)
        #expect(screen.rows == ["a漢字b", "      "])
        #expect(end == 6)
        #expect(screen[1, 0].text == "漢" && screen[2, 0].text == "")
    }

    @Test func aWideGraphemeAtTheEdgeBecomesASpace() {
        var screen = ScreenBuffer(width: 4, height: 1)
        screen.put("abc漢", x: 0, y: 0)
        #expect(screen.rows == ["abc "])
        screen.put("😀", x: 3, y: 0)
        #expect(screen.rows == ["abc "])
    }

    @Test func overwritingHalfAWideGraphemeBlanksTheOtherHalf() {
        var screen = ScreenBuffer(width: 4, height: 1)
        screen.put("漢字", x: 0, y: 0)
        screen.put("x", x: 1, y: 0)
        #expect(screen.rows == [" x字"])
        screen.put("y", x: 2, y: 0)
        #expect(screen.rows == [" xy "])
    }

    @Test func combiningMarksStayInTheirCell() {
        var screen = ScreenBuffer(width: 3, height: 1)
        screen.put("e\u{301}x", x: 0, y: 0)
        #expect(screen[0, 0].text == "e\u{301}")
        #expect(screen.rows == ["e\u{301}x "])
    }

    @Test func controlCharactersNeverReachACell() {
        var screen = ScreenBuffer(width: 12, height: 1)
        screen.put("a\u{1B}[31mb\u{9B}c\u{7}", x: 0, y: 0)
        let text = screen.rows[0]
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) })
        #expect(text.hasPrefix("a␛[31mb"))
    }

    @Test func changesAreRunsOfDifferingCells() {
        var before = ScreenBuffer(width: 5, height: 2)
        before.put("hello", x: 0, y: 0)
        var after = before
        after.put("J", x: 0, y: 0)
        after.put("y", x: 4, y: 1)
        let runs = after.changes(from: before)
        #expect(runs.map { "\($0.y):\($0.x):" + $0.cells.map(\.text).joined() } == ["0:0:J", "1:4:y"])
        #expect(after.changes(from: after).isEmpty)
        #expect(after.changes(from: nil).count == 2, "a first frame sends every row")
        #expect(after.changes(from: ScreenBuffer(width: 4, height: 2)).count == 2, "a new size sends everything")
    }

    @Test func aChangedContinuationCellResendsItsGrapheme() {
        var before = ScreenBuffer(width: 4, height: 1)
        before.put("ab漢", x: 0, y: 0)
        var after = before
        after.restyle(Rect(x: 3, y: 0, width: 1, height: 1)) { Style($0.role, .bold) }
        let runs = after.changes(from: before)
        #expect(runs.count == 1 && runs[0].x == 2)
    }

    @Test func writesOutsideTheBufferAreIgnored() {
        var screen = ScreenBuffer(width: 3, height: 2)
        screen.put("abc", x: -2, y: 0)
        screen.put("abc", x: 0, y: 5)
        screen.put("abc", x: 7, y: 1)
        screen.fill(Rect(x: -3, y: -3, width: 2, height: 2))
        screen.restyle(Rect(x: 2, y: 1, width: 9, height: 9)) { $0 }
        #expect(screen.rows == ["c  ", "   "])
        #expect(ScreenBuffer(width: 0, height: 0).rows.isEmpty)
    }
}
