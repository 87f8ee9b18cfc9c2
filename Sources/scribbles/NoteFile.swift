import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads note files, turning failures into one clear line that names the file.
enum NoteFile {
    struct Failure: Error, CustomStringConvertible {
        var message: String
        var code: Int32
        var description: String { message }
    }

    /// The bytes of `path`, or an error naming it (unreadable, a folder, binary).
    static func read(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw fail(path, String(cString: strerror(errno)), 66) }
        defer { close(fd) }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            throw fail(path, "is a folder, not a note", 66)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(max(0, info.st_size)))
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw fail(path, String(cString: strerror(errno)), 66)
            }
            if count == 0 { break }
            bytes.append(contentsOf: buffer[0..<count])
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

/// Tells binary files from notes: magic numbers, or many NUL and control bytes early on.
enum BinarySniffer {
    static func isBinary(_ bytes: [UInt8]) -> Bool {
        let head = bytes.prefix(8192)
        let magics: [[UInt8]] = [
            [0x89, 0x50, 0x4E, 0x47], [0x25, 0x50, 0x44, 0x46], [0x7F, 0x45, 0x4C, 0x46], [0x50, 0x4B, 0x03, 0x04],
            [0x1F, 0x8B], [0xFF, 0xD8, 0xFF], [0x47, 0x49, 0x46, 0x38],
        ]
        if magics.contains(where: { head.starts(with: $0) }) { return true }
        guard !head.isEmpty else { return false }
        var suspicious = 0
        for byte in head where byte == 0 || (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D && byte != 0x0C && byte != 0x1B) {
            suspicious += 1
        }
        return suspicious * 10 > head.count
    }
}
