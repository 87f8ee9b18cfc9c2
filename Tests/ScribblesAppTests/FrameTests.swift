import Foundation
@testable import ScribblesApp
import ScribblesSearch
import ScribblesText
import Testing

/// Whole frames in a virtual screen at 80×24 and 40×12, compared with reviewed snapshots in
/// `__Frames__` (RECORD_SNAPSHOTS=1 records them).
@Suite struct FrameTests {
    static let sizes = [(80, 24), (40, 12)]

    static let scenes: [(String, @Sendable (inout AppState) -> Void)] = [
        ("readme", { _ in }),
        ("list-focused", { Fixture.keys(&$0, .character("h"), .character("j"), .character("j")) }),
        ("link-selected", { Fixture.keys(&$0, .tab, .tab) }),
        ("link-hints", { Fixture.keys(&$0, .character("f")) }),
        ("search-hits", { state in
            Fixture.keys(&state, .character("/"), .character("f"), .character("l"), .character("y"))
            Fixture.send(&state, .searchFinished(generation: 3, hits: [
                Fixture.hit("alpha.md", heading: "Part two", words: ["flywheel", "flywheels"]),
                Fixture.hit("README.md", words: ["fly"]),
            ]))
        }),
        ("search-opened", { state in
            Fixture.keys(&state, .character("/"), .character("f"), .character("l"), .character("y"))
            Fixture.send(&state, .searchFinished(generation: 3, hits: [Fixture.hit("alpha.md", heading: "Part two", words: ["flywheel"])]))
            Fixture.keys(&state, .enter)
        }),
        ("search-corrected", { state in
            Fixture.keys(&state, .character("/"), .character("e"), .character("f"), .character("e"), .character("c"), .character("t"))
            Fixture.send(&state, .searchFinished(generation: 5, hits: [Fixture.hit("alpha.md", words: ["effect"])], also: ["effect"]))
        }),
        ("help", { Fixture.keys(&$0, .character("?")) }),
        ("outline", { state in Fixture.send(&state, .launched("beta.md", .top)); Fixture.keys(&state, .character("o")) }),
        ("broken-link", { Fixture.keys(&$0, .tab, .tab, .tab, .tab, .enter) }),
        ("indexing", { Fixture.send(&$0, .indexProgress(done: 3, total: 40)) }),
        ("sideways", { state in
            Fixture.send(&state, .launched("wide.md", .top))
            Fixture.keys(&state, .character(">"))
        }),
        ("switcher", { Fixture.keys(&$0, .character("t"), .character("a"), .character("l")) }),
        ("switcher-empty", { Fixture.keys(&$0, .character("t")) }),
        ("tags", { state in
            Fixture.send(&state, .indexFinished(notes: 5))
            Fixture.keys(&state, .character("#"), .character("j"))
            Fixture.send(&state, .tagsFound(TagCount.group([["project/alpha", "idea"], ["project"], ["idea"]])))
            Fixture.keys(&state, .character("j"))
        }),
    ]

    @Test(arguments: 0..<(scenes.count * sizes.count))
    func frame(_ case: Int) throws {
        let (name, act) = Self.scenes[`case` / Self.sizes.count]
        let (width, height) = Self.sizes[`case` % Self.sizes.count]
        var state = Fixture.state(width: width, height: height)
        act(&state)
        let text = Self.snapshot(render(state))
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("__Frames__/\(name)-\(width)x\(height).txt")
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
            try text.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        let expected = try? String(contentsOf: file, encoding: .utf8)
        #expect(expected != nil, "missing snapshot \(file.lastPathComponent): record it with RECORD_SNAPSHOTS=1")
        #expect(text == expected, "\(file.lastPathComponent) differs")
    }

    /// Rows between bars, then where the selection (reverse video) and matches are.
    static func snapshot(_ screen: ScreenBuffer) -> String {
        var out = "\(screen.width)x\(screen.height)\n"
        for row in screen.rows { out += "|" + row + "|\n" }
        out += "-- marked cells (r reverse, m match, e error, n link number)\n"
        for y in 0..<screen.height {
            var marks = ""
            for x in 0..<screen.width {
                let style = screen[x, y].style
                marks += style.role == .label ? "n" : style.role == .match ? "m" : style.role == .error ? "e"
                    : style.emphasis.contains(.reverse) ? "r" : " "
            }
            while marks.last == " " { marks.removeLast() }
            if !marks.isEmpty { out += String(format: "%2d ", y) + marks + "\n" }
        }
        return out
    }
}
