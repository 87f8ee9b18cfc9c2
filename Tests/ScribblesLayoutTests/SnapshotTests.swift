import Foundation
import Testing
import ScribblesLayout
import ScribblesMarkdown

/// Golden snapshots of every `content/` note and construct fixture at widths 40, 80 and 120.
/// A missing or different snapshot fails; `RECORD_SNAPSHOTS=1 swift test` writes them.
@Suite("Layout snapshots")
struct SnapshotTests {
    static let sources: [String] =
        markdownFiles(under: packageRoot.appendingPathComponent("content")).map { "content/" + $0 }
        + markdownFiles(under: packageRoot.appendingPathComponent("Tests/Fixtures/constructs")).map { "Tests/Fixtures/constructs/" + $0 }

    @Test func thereAreNotesToSnapshot() {
        #expect(Self.sources.filter { $0.hasPrefix("content/") }.count >= 14)
        #expect(Self.sources.count >= 25)
    }

    @Test(arguments: sources)
    func note(_ path: String) throws {
        let bytes = try [UInt8](Data(contentsOf: packageRoot.appendingPathComponent(path)))
        let document = MarkdownParser.parse(bytes)
        let folder = packageRoot.appendingPathComponent("Tests/ScribblesLayoutTests/__Snapshots__")
        for width in [40, 80, 120] {
            let actual = snapshot(layout(document, width: width))
            let name = path.replacingOccurrences(of: "/", with: "__") + ".w\(width).txt"
            let file = folder.appendingPathComponent(name)
            if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                try actual.write(to: file, atomically: true, encoding: .utf8)
                continue
            }
            guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
                Issue.record("Missing snapshot \(name); record it with RECORD_SNAPSHOTS=1 swift test")
                continue
            }
            if actual != expected {
                let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
                let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
                let first = Array(zip(a, e)).firstIndex { $0.0 != $0.1 } ?? min(a.count, e.count)
                Issue.record("Snapshot \(name) differs at line \(first + 1):\n  expected: \(first < e.count ? e[first] : "<end>")\n  actual:   \(first < a.count ? a[first] : "<end>")")
            }
        }
    }
}
