import ScribblesMarkdown
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few POSIX calls the vault needs: file names as bytes (they need not be UTF-8),
/// never following a path outside what the caller checked. Nothing here writes.
public enum FileSystem {
    public enum Kind: Sendable { case file, directory, other }

    public struct Entry: Sendable {
        public var name: [UInt8]
        public var kind: Kind
        public var isSymlink: Bool
    }

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path): \(reason)" }
    }

    /// The entries of a directory, without `.` and `..`.
    public static func list(_ path: [UInt8]) throws(Failure) -> [Entry] {
        guard let dir = path.withCString({ opendir($0) }) else { throw failure(path) }
        defer { closedir(dir) }
        var entries: [Entry] = []
        while let raw = readdir(dir) {
            let name: [UInt8] = withUnsafeBytes(of: raw.pointee.d_name) { buffer in
                Array(buffer.prefix { $0 != 0 })
            }
            if name == [0x2E] || name == [0x2E, 0x2E] { continue }
            var kind: Kind
            var isLink = false
            switch Int32(raw.pointee.d_type) {
            case Int32(DT_REG): kind = .file
            case Int32(DT_DIR): kind = .directory
            case Int32(DT_LNK):
                isLink = true
                kind = stat(path + [0x2F] + name)?.kind ?? .other
            case Int32(DT_UNKNOWN): kind = stat(path + [0x2F] + name)?.kind ?? .other
            default: kind = .other
            }
            entries.append(Entry(name: name, kind: kind, isSymlink: isLink))
        }
        return entries
    }

    public struct Status: Sendable {
        public var kind: Kind
        public var size: Int
        public var modified: Int
        public var device: UInt64
        public var inode: UInt64
    }

    /// `stat` (following links), or nil when the path cannot be reached.
    public static func stat(_ path: [UInt8]) -> Status? {
        var info = Glibc.stat()
        let result = path.withCString { fstatat(AT_FDCWD, $0, &info, 0) }
        guard result == 0 else { return nil }
        let mode = info.st_mode & S_IFMT
        let kind: Kind = mode == S_IFDIR ? .directory : mode == S_IFREG ? .file : .other
        return Status(kind: kind, size: Int(info.st_size), modified: Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec),
                      device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }

    /// The canonical absolute path (symlinks resolved), or nil.
    public static func realPath(_ path: [UInt8]) -> [UInt8]? {
        guard let resolved = path.withCString({ realpath($0, nil) }) else { return nil }
        defer { free(resolved) }
        return Array(UnsafeBufferPointer(start: UnsafeRawPointer(resolved).assumingMemoryBound(to: UInt8.self),
                                         count: strlen(resolved)))
    }

    /// The file, or a failure naming it. By default no more than the parser takes (plus one
    /// byte, so it knows to say the note was cut): a 50 MB note costs 4 MB of memory.
    public static func read(_ path: [UInt8], limit: Int = MarkdownParser.sizeLimit + 1) throws(Failure) -> [UInt8] {
        // O_NONBLOCK: a FIFO or device put where a note was must not block the open.
        let fd = path.withCString { open($0, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY) }
        guard fd >= 0 else { throw failure(path) }
        defer { close(fd) }
        var info = Glibc.stat()
        guard fstat(fd, &info) == 0 else { throw failure(path) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw Failure(path: display(path), reason: "is a folder, not a note")
        default: throw Failure(path: display(path), reason: "is not a regular file (a pipe or device?)")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(limit, Int(max(0, info.st_size))))
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while bytes.count < limit {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure(path)
            }
            if count == 0 { break }
            bytes.append(contentsOf: buffer[0..<count])
        }
        return bytes
    }

    /// The current directory.
    public static func currentDirectory() -> [UInt8] {
        guard let cwd = getcwd(nil, 0) else { return Array("/".utf8) }
        defer { free(cwd) }
        return Array(String(cString: cwd).utf8)
    }

    /// A file name shown to people: invalid UTF-8 becomes U+FFFD.
    public static func display(_ path: [UInt8]) -> String {
        String(decoding: path, as: UTF8.self)
    }

    private static func failure(_ path: [UInt8]) -> Failure {
        Failure(path: display(path), reason: String(cString: strerror(errno)))
    }
}

extension Array where Element == UInt8 {
    func withCString<R>(_ body: (UnsafePointer<CChar>) -> R) -> R {
        (self + [0]).withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { body($0) }
        }
    }
}

/// Folders and file names outside any collection (cache, state).
extension FileSystem {
    /// Creates `path` and its missing parents (mode 700); whether it then exists and is writable.
    /// For the cache and state folders, never for anything under a collection.
    public static func makeFolders(_ path: String) -> Bool {
        var current = ""
        for part in path.split(separator: "/") {
            current += "/" + part
            if mkdir(current, 0o700) != 0 && errno != EEXIST { return false }
        }
        return access(path, W_OK) == 0
    }

    /// A stable 64-bit FNV-1a hash of `text` in hexadecimal: names files kept per collection.
    public static func stableHash(_ text: String) -> String {
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100000001b3 }
        return String(hash, radix: 16)
    }

    /// Scribbles' folder under an XDG base directory: `$variable/scribbles` when the variable
    /// holds an absolute path, else `~/fallback/scribbles`; nil without a home.
    public static func userFolder(_ variable: String, fallback: String) -> String? {
        if let base = getenv(variable).map({ String(cString: $0) }), base.hasPrefix("/") { return base + "/scribbles" }
        guard let home = getenv("HOME").map({ String(cString: $0) }), !home.isEmpty else { return nil }
        return home + "/" + fallback + "/scribbles"
    }
}
