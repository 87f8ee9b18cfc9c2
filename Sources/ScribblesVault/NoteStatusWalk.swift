#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Every note's path, size and modification time, hashed (FNV-1a) and the hashes added, so
/// the order the notes come in does not matter: what tells whether a search index is fresh.
public struct NoteDigest: Sendable, Equatable {
    public var count = 0
    public var sum: UInt64 = 0

    public init() {}

    public mutating func add(_ path: String, size: Int, modified: Int) {
        add(after: Self.basis, name: path.utf8, size: size, modified: modified)
    }

    /// FNV-1a's starting state.
    static let basis: UInt64 = 0xcbf2_9ce4_8422_2325

    @inline(__always) static func mix(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
        (hash ^ UInt64(byte)) &* 0x100_0000_01b3
    }

    /// The hash state after `folder/`, where each of the folder's notes' names goes on (the
    /// basis at the top): a folder's path is hashed once, not once per note.
    static func state(after folder: String.UTF8View?) -> UInt64 {
        guard let folder, !folder.isEmpty else { return basis }
        return mix(folder.reduce(basis, mix), 0x2F)
    }

    /// A note whose path's hash goes on from `state` (see `state(after:)`) with `name`.
    mutating func add<Name: Sequence<UInt8>>(after state: UInt64, name: Name, size: Int, modified: Int) {
        var hash = Self.mix(name.reduce(state, Self.mix), 0)
        func mix(_ value: Int) {
            for shift in stride(from: 0, to: 64, by: 8) { hash = Self.mix(hash, UInt8(truncatingIfNeeded: value >> shift)) }
        }
        mix(size)
        mix(modified)
        count += 1
        sum &+= hash
    }

    mutating func add(_ other: NoteDigest) {
        count += other.count
        sum &+= other.sum
    }
}

/// The digest of a collection's notes as they are on disk, found on all cores: what `search`
/// needs to tell whether its index is fresh, at about the cost of `find -printf` (issue 12).
///
/// Folders are read a level at a time, each level's folders in parallel, and each note is
/// stat'ed by name in its open folder (`fstatat`), so the kernel does not walk the path again;
/// no path is built for a note, only hashed.
/// It follows `VaultScanner.walk`'s rules and finds the same notes under the same paths. It
/// gives up (nil) on anything where the two could differ or where the scan would warn: a
/// symlink, a folder reached twice, an unreadable folder, more entries than the scan takes.
/// The caller then takes the scan's own way.
public enum NoteStatusWalk {
    private struct Folder: Sendable {
        var fsPath: [UInt8]
        var relative: String
        var inGitBook: Bool
    }

    private struct Listing: Sendable {
        var digest = NoteDigest()
        var folders: [(folder: Folder, id: [UInt64])] = []
        var entries = 0
    }

    /// The digest of the notes under `root`, leaving out `excluded` (a path at the top).
    public static func digest(root: [UInt8], excluding excluded: String) -> NoteDigest? {
        guard let rootStatus = FileSystem.stat(root), rootStatus.kind == .directory else { return nil }
        var visited: Set<[UInt64]> = [[rootStatus.device, rootStatus.inode]]
        var level = [Folder(fsPath: root, relative: "", inGitBook: false)]
        var digest = NoteDigest()
        var entries = 0
        while !level.isEmpty {
            let folders = level
            let listings = ParallelWork.map(folders.count, patience: 2) { list(folders[$0], excluding: excluded) }
            level = []
            for listing in listings {
                guard let listing = listing, let listing else { return nil }
                entries += listing.entries
                guard entries <= VaultScanner.maxEntries else { return nil }
                digest.add(listing.digest)
                for (folder, id) in listing.folders {
                    guard visited.insert(id).inserted else { return nil }
                    level.append(folder)
                }
            }
        }
        return digest
    }

    /// One folder's notes (stat'ed) and subfolders; nil where the scan's way must be taken.
    private static func list(_ folder: Folder, excluding excluded: String) -> Listing? {
        let fd = folder.fsPath.withCString { open($0, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NONBLOCK) }
        guard fd >= 0 else { return nil }
        guard let dir = fdopendir(fd) else {
            close(fd)
            return nil
        }
        defer { closedir(dir) }
        var listing = Listing()
        var info = stat()
        let top = folder.relative.isEmpty
        let state = NoteDigest.state(after: top ? nil : folder.relative.utf8)
        while let raw = readdir(dir) {
            // The name is read in place: no copy for the entries that are not notes.
            let kept: Bool? = withUnsafePointer(to: &raw.pointee.d_name) { tuple in
                tuple.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: raw.pointee.d_name)) { cName in
                    let name = UnsafeBufferPointer(start: UnsafeRawPointer(cName).assumingMemoryBound(to: UInt8.self), count: strlen(cName))
                    if name.elementsEqual([0x2E]) || name.elementsEqual([0x2E, 0x2E]) { return true }
                    listing.entries += 1
                    var type = Int32(raw.pointee.d_type)
                    if type == Int32(DT_UNKNOWN) {
                        guard fstatat(fd, cName, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
                        let mode = info.st_mode & S_IFMT
                        type = mode == S_IFDIR ? Int32(DT_DIR) : mode == S_IFREG ? Int32(DT_REG) : mode == S_IFLNK ? Int32(DT_LNK) : Int32(DT_UNKNOWN)
                    }
                    switch type {
                    case Int32(DT_LNK):
                        return nil
                    case Int32(DT_DIR):
                        let display = FileSystem.display(Array(name))
                        if VaultScanner.skipsFolder(display) { return true }
                        guard fstatat(fd, cName, &info, 0) == 0 else { return nil }
                        let path = folder.relative.isEmpty ? display : folder.relative + "/" + display
                        listing.folders.append((Folder(fsPath: folder.fsPath + [0x2F] + name, relative: path,
                                                       inGitBook: folder.inGitBook || display == ".gitbook"),
                                                [UInt64(info.st_dev), UInt64(info.st_ino)]))
                    case Int32(DT_REG):
                        guard !folder.inGitBook, VaultIndex.isMarkdown(name) else { return true }
                        // A note that vanished since the folder was read is left out, as `stat` leaves it.
                        guard fstatat(fd, cName, &info, 0) == 0 else { return true }
                        // A name that is not UTF-8 is hashed as the scan's path spells it.
                        if name.allSatisfy({ $0 < 0x80 }) || String(validating: name, as: UTF8.self) != nil {
                            if top && name.elementsEqual(excluded.utf8) { return true }
                            listing.digest.add(after: state, name: name, size: Int(info.st_size), modified: modified(info))
                        } else {
                            let display = FileSystem.display(Array(name))
                            listing.digest.add(after: state, name: display.utf8, size: Int(info.st_size), modified: modified(info))
                        }
                    default:
                        break
                    }
                    return true
                }
            }
            guard kept != nil else { return nil }
        }
        return listing
    }

    private static func modified(_ info: stat) -> Int {
        Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec)
    }
}
