import Foundation
import ScribblesFuzzChecks
import Testing

/// Replays every input the fuzzers ever saved (Tests/Fixtures/crashers/<target>/) through the
/// same checks the fuzz targets run. A crasher stays in the folder after its fix, so a
/// regression crashes or fails here.
extension Hardening {
@Suite struct CrasherReplayTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/crashers")

    @Test func markdownCrashers() throws { try replay("markdown", FuzzChecks.markdown) }
    @Test func linkCrashers() throws { try replay("links", FuzzChecks.links) }
    @Test func searchCrashers() throws { try replay("search", FuzzChecks.search) }
    @Test func costCrashers() throws { try replay("cost", FuzzChecks.cost) }

    private func replay(_ target: String, _ check: ([UInt8]) -> String?) throws {
        let folder = Self.folder.appendingPathComponent(target)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { !$0.hasPrefix(".") && $0 != "README.md" }.sorted()
        for name in names {
            let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent(name)))
            #expect(check(bytes) == nil, "\(target)/\(name)")
        }
        print("replayed \(names.count) \(target) crashers")
    }
}
}
