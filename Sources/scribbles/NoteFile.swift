import ArgumentParser
import ScribblesVault

/// Reads note files, turning failures into one clear line that names the file.
enum NoteFile {
    /// The bytes of `path`, or an error naming it (unreadable, a folder, binary).
    static func read(_ path: String) throws -> [UInt8] {
        // The same rule as the reader's: a symlink may not lead out of the note's collection.
        do throws(VaultLocator.Failure) {
            _ = try VaultLocator.locate(path)
        } catch {
            var stderr = StandardError()
            print("scribbles: \(TerminalSafe.quote(error.message))", to: &stderr)
            throw ExitCode(66)
        }
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.read(Array(path.utf8))
        } catch {
            throw fail(path, error.reason, 66)
        }
        if BinarySniffer.isBinary(bytes) { throw fail(path, "is not a text note (it looks binary)", 65) }
        return bytes
    }

    private static func fail(_ path: String, _ reason: String, _ code: Int32) -> Error {
        var stderr = StandardError()
        print("scribbles: \(TerminalSafe.quote(path)): \(reason)", to: &stderr)
        return ExitCode(code)
    }
}
