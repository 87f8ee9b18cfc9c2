import Testing
import ScribblesText

/// `Parallel.map` and `both`: every result, in order, whatever thread made it.
@Suite("Parallel")
struct ParallelTests {
    @Test func mapGivesEveryResultInOrder() {
        #expect(Parallel.map(0) { $0 }.isEmpty)
        #expect(Parallel.map(1) { $0 * 2 } == [0])
        let squares = Parallel.map(1000) { index -> String in String(index * index) }
        #expect(squares == (0..<1000).map { String($0 * $0) })
    }

    /// Calls nested inside a call (a long note inside `check`'s workers) finish too.
    @Test func nestedCallsFinish() {
        let sums = Parallel.map(8) { outer in Parallel.map(64) { outer * 64 + $0 }.reduce(0, +) }
        #expect(sums.reduce(0, +) == (0..<512).reduce(0, +))
    }

    /// Runs cover every element once, in order, keeping the array's indices; a run longer than
    /// the array is the whole of it.
    @Test func runsCoverEveryElementInOrder() {
        let numbers = Array(0..<1000)
        #expect(Parallel.mapRuns(numbers, run: 64) { Array($0) }.flatMap { $0 } == numbers)
        #expect(Parallel.mapRuns(numbers, run: 64) { $0.startIndex } == Array(stride(from: 0, to: 1000, by: 64)))
        #expect(Parallel.mapRuns(numbers, run: .max) { $0.count } == [1000])
        #expect(Parallel.mapRuns([Int](), run: 8) { $0.count }.isEmpty)
    }

    @Test func bothGivesBothResults() {
        let (text, number) = Parallel.both({ String(repeating: "a", count: 3) }, { (1...100).reduce(0, +) })
        #expect(text == "aaa")
        #expect(number == 5050)
    }
}
