import Foundation
@testable import ScribblesVault

/// A throwaway folder of notes for a test, removed when the value is released.
final class TempVault {
    let url: URL

    init(_ files: [String: String]) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("scribbles-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (path, text) in files { try write(path, text) }
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    var path: String { url.path }

    func write(_ path: String, _ text: String) throws {
        let file = url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
    }

    func open() throws -> Vault { try Vault(opening: path) }

    /// Every file's path, size and modification time, to prove nothing was written.
    func fingerprint() -> [String] {
        let walker = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.fileSizeKey, .contentModificationDateKey])
        var rows: [String] = []
        while let item = walker?.nextObject() as? URL {
            let values = try? item.resourceValues(forKeys: [.fileSizeKey, .contentModificationDateKey])
            rows.append("\(item.path) \(values?.fileSize ?? -1) \(values?.contentModificationDate?.timeIntervalSince1970 ?? 0)")
        }
        return rows.sorted()
    }
}
