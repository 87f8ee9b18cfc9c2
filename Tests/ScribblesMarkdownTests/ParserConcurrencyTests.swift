import Dispatch
import Foundation
import Synchronization
import Testing
@testable import ScribblesMarkdown

/// cmark-gfm shares its extensions' trigger characters between all parsers of a process;
/// `CmarkConverter` sets them once so that parses on many threads (check, index, the scan of
/// note heads) agree with a parse made alone. Before that fix about one parse in twenty of
/// this text lost its autolinks when others finished beside it.
@Suite struct ParserConcurrencyTests {
    static let text = Array(String(repeating: """
        See www.example.com/x and https://a.b/c, ~~struck~~ and `code`.

        | a | b |
        |---|---|
        | https://c.d | ~~e~~ www.f.org |


        """, count: 60).utf8)
    /// Without `~`, so parsed without the strikethrough extension and without the lock.
    static let plain = Array(String(decoding: text, as: UTF8.self).replacingOccurrences(of: "~", with: "").utf8)

    @Test func parsesOnManyThreadsAgreeWithOneAlone() {
        var reference = CmarkConverter(tokens: [])
        let expected = reference.convertPiece(Self.text[...])
        // The reference itself has what the race loses.
        guard case .paragraph(let inlines)? = expected.first else {
            Issue.record("expected a paragraph first, got \(String(describing: expected.first))")
            return
        }
        #expect(inlines.filter { if case .link = $0 { true } else { false } }.count == 2)
        #expect(inlines.contains { if case .strike = $0 { true } else { false } })
        #expect(expected.contains { if case .table = $0 { true } else { false } })

        var plainReference = CmarkConverter(tokens: [])
        let expectedPlain = plainReference.convertPiece(Self.plain[...])
        #expect(expectedPlain != expected)

        // Both kinds at once: a parse without `~` must not disturb one with it, and back.
        let differing = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 600) { index in
            var converter = CmarkConverter(tokens: [])
            let (input, wanted) = index.isMultiple(of: 2) ? (Self.text, expected) : (Self.plain, expectedPlain)
            if converter.convertPiece(input[...]) != wanted { differing.withLock { $0 += 1 } }
        }
        #expect(differing.withLock { $0 } == 0, "parses made beside others differed")
    }
}
