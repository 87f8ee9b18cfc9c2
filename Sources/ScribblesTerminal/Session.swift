import Glibc
import ScribblesVault

/// The note and position last shown in a collection, kept under `$XDG_STATE_HOME/scribbles/`
/// (never in the notes folder) so reopening the collection comes back to it.
public struct Session: Hashable, Sendable {
    public var note: String
    public var line: Int

    public init(note: String, line: Int) {
        self.note = note
        self.line = line
    }

    /// `$XDG_STATE_HOME/scribbles`, else `~/.local/state/scribbles`.
    public static func defaultFolder() -> String? {
        FileSystem.userFolder("XDG_STATE_HOME", fallback: ".local/state")
    }

    static func file(folder: String, root: String) -> String {
        folder + "/session-" + FileSystem.stableHash(root) + ".txt"
    }

    /// The session of the collection at `root`, if one was saved and reads back cleanly.
    public static func load(folder: String, root: String) -> Session? {
        guard let handle = fopen(file(folder: folder, root: root), "r") else { return nil }
        defer { fclose(handle) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while bytes.count < 65536 {
            let count = fread(&buffer, 1, buffer.count, handle)
            if count <= 0 { break }
            bytes += buffer[0..<count]
        }
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= 3, lines[0] == "scribbles-session 1", let line = Int(lines[2]), line >= 0 else { return nil }
        return Session(note: String(lines[1]), line: line)
    }

    /// Writes the session atomically (a temporary file renamed over the old one); failures are silent.
    public static func save(_ session: Session, folder: String, root: String) {
        guard !session.note.contains("\n"), FileSystem.makeFolders(folder) else { return }
        let path = file(folder: folder, root: root)
        let temporary = path + ".\(getpid()).tmp"
        guard let handle = fopen(temporary, "w") else { return }
        let text = "scribbles-session 1\n\(session.note)\n\(session.line)\n"
        let written = fputs(text, handle) >= 0
        if fclose(handle) == 0 && written { rename(temporary, path) } else { unlink(temporary) }
    }
}
