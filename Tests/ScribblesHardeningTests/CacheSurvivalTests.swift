import Foundation
import GRDB
import Testing

/// The search cache is a file other things can damage. Whatever happened to it, `search`
/// (a whole process, like a user's) still answers, and a cache it cannot use is never lost
/// when another process holds it.
extension Hardening {
@Suite final class CacheSurvivalTests {
    private let base = NSTemporaryDirectory() + "scribbles-cache-survival-\(UUID().uuidString)"
    private var notes: String { base + "/notes" }
    private var cacheHome: String { base + "/cache" }

    init() throws {
        try FileManager.default.createDirectory(atPath: notes, withIntermediateDirectories: true)
        for index in 0..<30 {
            try "# Note \(index)\n\nZeppelins and other airships, number \(index).\n"
                .write(toFile: notes + "/note-\(index).md", atomically: true, encoding: .utf8)
        }
    }

    deinit {
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
        #expect(result.status == 0, "\(result.errorText)")
        let files = try FileManager.default.contentsOfDirectory(atPath: cacheHome + "/scribbles").filter { $0.hasSuffix(".sqlite") }
        return cacheHome + "/scribbles/" + (try #require(files.first))
    }

    private func assertAnswers(_ context: String) {
        let result = search()
        #expect(result.status == 0, "\(context): \(result.ended) \(result.errorText)")
        #expect(result.signal == nil, "\(context)")
        #expect(result.text.components(separatedBy: "note-").count - 1 == 30, "\(context): all 30 notes found\n\(result.text)")
    }

    @Test func truncatedCache() throws {
        let cache = try builtCache()
        let size = try #require(FileManager.default.attributesOfItem(atPath: cache)[.size] as? Int)
        #expect(truncate(cache, off_t(size / 2)) == 0)
        assertAnswers("truncated to half")
        #expect(truncate(cache, 0) == 0)
        assertAnswers("truncated to nothing")
    }

    @Test func cacheFilledWithGarbage() throws {
        let cache = try builtCache()
        var generator = SystemRandomNumberGenerator()
        let garbage = Data((0..<65_536).map { _ in UInt8.random(in: 0...255, using: &generator) })
        try garbage.write(to: URL(fileURLWithPath: cache))
        assertAnswers("garbage")
        // A valid header followed by garbage pages.
        let cache2 = try builtCache()
        let handle = try #require(FileHandle(forUpdatingAtPath: cache2))
        handle.seek(toFileOffset: 4096)
        handle.write(garbage)
        try handle.close()
        assertAnswers("garbage after the header")
    }

    @Test func readOnlyCache() throws {
        let cache = try builtCache()
        // (Root ignores permissions: then this shows only that nothing breaks.)
        #expect(chmod(cache, 0o444) == 0)
        #expect(chmod(cacheHome + "/scribbles", 0o555) == 0)
        try "# Note new\n\nZeppelins again.\n".write(toFile: notes + "/note-new.md", atomically: true, encoding: .utf8)
        let result = search()
        #expect(result.status == 0, "\(result.errorText)")
        #expect(result.text.contains("note-new.md"), "a note added since is found even when the cache cannot be written")
    }

    @Test func cacheLockedByAnotherProcess() throws {
        let cache = try builtCache()
        // This test process is "another process" for the search it starts.
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true
        let other = try DatabaseQueue(path: cache, configuration: configuration)
        try other.inDatabase { try $0.execute(sql: "BEGIN EXCLUSIVE") }
        assertAnswers("locked")
        try other.inDatabase { try $0.execute(sql: "ROLLBACK") }
        #expect(FileManager.default.fileExists(atPath: cache), "a locked cache is never deleted")
        assertAnswers("unlocked again")
    }
}
}
