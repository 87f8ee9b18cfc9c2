import Foundation
import GRDB
import XCTest

/// The search cache is a file other things can damage. Whatever happened to it, `search`
/// (a whole process, like a user's) still answers, and a cache it cannot use is never lost
/// when another process holds it.
final class CacheSurvivalTests: XCTestCase {
    private var base = ""
    private var notes: String { base + "/notes" }
    private var cacheHome: String { base + "/cache" }

    override func setUpWithError() throws {
        base = NSTemporaryDirectory() + "scribbles-cache-survival-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: notes, withIntermediateDirectories: true)
        for index in 0..<30 {
            try "# Note \(index)\n\nZeppelins and other airships, number \(index).\n"
                .write(toFile: notes + "/note-\(index).md", atomically: true, encoding: .utf8)
        }
    }

    override func tearDownWithError() throws {
        _ = chmod(cacheHome + "/scribbles", 0o755)
        try? FileManager.default.removeItem(atPath: base)
    }

    private func search() -> Spawn.Result {
        Spawn.run([Array("search".utf8), Array("zeppelins".utf8), Array(notes.utf8), Array("--limit".utf8), Array("50".utf8)],
                  environment: ["XDG_CACHE_HOME": cacheHome], timeout: 60)
    }

    /// Builds the cache and returns its path.
    private func builtCache() throws -> String {
        let result = search()
        XCTAssertEqual(result.status, 0, result.errorText)
        let files = try FileManager.default.contentsOfDirectory(atPath: cacheHome + "/scribbles").filter { $0.hasSuffix(".sqlite") }
        return cacheHome + "/scribbles/" + (try XCTUnwrap(files.first))
    }

    private func assertAnswers(_ context: String) {
        let result = search()
        XCTAssertEqual(result.status, 0, "\(context): \(result.ended) \(result.errorText)")
        XCTAssertNil(result.signal, context)
        XCTAssertEqual(result.text.components(separatedBy: "note-").count - 1, 30, "\(context): all 30 notes found\n\(result.text)")
    }

    func testTruncatedCache() throws {
        let cache = try builtCache()
        let size = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: cache)[.size] as? Int)
        XCTAssertEqual(truncate(cache, off_t(size / 2)), 0)
        assertAnswers("truncated to half")
        XCTAssertEqual(truncate(cache, 0), 0)
        assertAnswers("truncated to nothing")
    }

    func testCacheFilledWithGarbage() throws {
        let cache = try builtCache()
        var generator = SystemRandomNumberGenerator()
        let garbage = Data((0..<65_536).map { _ in UInt8.random(in: 0...255, using: &generator) })
        try garbage.write(to: URL(fileURLWithPath: cache))
        assertAnswers("garbage")
        // A valid header followed by garbage pages.
        let cache2 = try builtCache()
        let handle = try XCTUnwrap(FileHandle(forUpdatingAtPath: cache2))
        handle.seek(toFileOffset: 4096)
        handle.write(garbage)
        try handle.close()
        assertAnswers("garbage after the header")
    }

    func testReadOnlyCache() throws {
        let cache = try builtCache()
        // (Root ignores permissions: then this shows only that nothing breaks.)
        XCTAssertEqual(chmod(cache, 0o444), 0)
        XCTAssertEqual(chmod(cacheHome + "/scribbles", 0o555), 0)
        try "# Note new\n\nZeppelins again.\n".write(toFile: notes + "/note-new.md", atomically: true, encoding: .utf8)
        let result = search()
        XCTAssertEqual(result.status, 0, result.errorText)
        XCTAssertTrue(result.text.contains("note-new.md"), "a note added since is found even when the cache cannot be written")
    }

    func testCacheLockedByAnotherProcess() throws {
        let cache = try builtCache()
        // This test process is "another process" for the search it starts.
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true
        let other = try DatabaseQueue(path: cache, configuration: configuration)
        try other.inDatabase { try $0.execute(sql: "BEGIN EXCLUSIVE") }
        assertAnswers("locked")
        try other.inDatabase { try $0.execute(sql: "ROLLBACK") }
        XCTAssertTrue(FileManager.default.fileExists(atPath: cache), "a locked cache is never deleted")
        assertAnswers("unlocked again")
    }
}
