import Foundation
import ScribblesFuzzChecks
import XCTest

/// Replays every input the fuzzers ever saved (Tests/Fixtures/crashers/<target>/) through the
/// same checks the fuzz targets run. A crasher stays in the folder after its fix, so a
/// regression crashes or fails here.
final class CrasherReplayTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/crashers")

    func testMarkdownCrashers() throws { try replay("markdown", FuzzChecks.markdown) }
    func testLinkCrashers() throws { try replay("links", FuzzChecks.links) }
    func testSearchCrashers() throws { try replay("search", FuzzChecks.search) }

    private func replay(_ target: String, _ check: ([UInt8]) -> String?) throws {
        let folder = Self.folder.appendingPathComponent(target)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { !$0.hasPrefix(".") && $0 != "README.md" }.sorted()
        for name in names {
            let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent(name)))
            XCTAssertNil(check(bytes), "\(target)/\(name)")
        }
        print("replayed \(names.count) \(target) crashers")
    }
}
