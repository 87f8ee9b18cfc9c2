import ScribblesMarkdown
import ScribblesText

/// Every file and folder under a vault's root, by root-relative path, with the look-up
/// tables link resolution needs. Built once by `VaultScanner`; the resolver never touches disk.
public struct VaultIndex: Sendable {
    /// A file under the root. `path` is root-relative with `/` separators (invalid UTF-8 shown
    /// as U+FFFD); `fsPath` is the real name on disk, byte for byte.
    public struct File: Hashable, Sendable {
        public var path: String
        public var fsPath: [UInt8]
        /// A Markdown note outside `.gitbook/` (includes and assets are files, not notes).
        public var isNote: Bool
    }

    public private(set) var files: [String: File] = [:]
    /// Root-relative folder paths; the root is "".
    public private(set) var folders: Set<String> = [""]
    /// Notes in natural order of their paths.
    public private(set) var notes: [String] = []
    private var lowercased: [String: String] = [:]
    private var spaceNormalized: [String: String] = [:]
    private var byName: [String: [String]] = [:]
    /// Every file by its lower-cased file name (`note.md`, `photo.png`), for Obsidian's rules,
    /// with its lower-cased path (compared with a link's on every look-up).
    private var byFileName: [String: [(path: String, lower: String)]] = [:]
    /// Heading anchors per note, when known (explicit ids and slugs); filled by the checker.
    public var anchors: [String: Set<String>] = [:]
    /// Headings per note as Obsidian names them, when known; filled by the checker.
    public var headings: [String: HeadingPath.Table] = [:]
    /// Block ids (`^id`, lower-cased, without `^`) per note, when known; filled by the checker.
    public var blockIDs: [String: Set<String>] = [:]
    /// Notes by lower-cased front-matter alias, when known (the checker, or the vault once it
    /// has read every note's head).
    public var aliases: [String: [String]] = [:]
    /// Whose rules Markdown links follow here.
    public var dialect: Dialect = .plain

    public init() {}

    /// Records what a parsed note offers as link targets.
    public mutating func setTargets(of note: String, _ targets: NoteTargets) {
        anchors[note] = targets.anchors
        headings[note] = targets.headings
        blockIDs[note] = targets.blockIDs
        for alias in targets.aliases {
            let key = alias.lowercased()
            if aliases[key]?.contains(note) != true { aliases[key, default: []].append(note) }
        }
    }

    /// Files whose file name is `name`, ignoring case, in no particular order.
    public func files(named name: String) -> [String] {
        (byFileName[name.lowercased()] ?? []).map(\.path)
    }

    /// The same with each file's lower-cased path.
    func candidates(named name: String) -> [(path: String, lower: String)] {
        byFileName[name.lowercased()] ?? []
    }

    mutating func add(_ file: File) {
        files[file.path] = file
        let lower = Self.lowercase(file.path)
        if lowercased[lower] == nil { lowercased[lower] = file.path }
        let spaced = Self.normalizeSpaces(file.path)
        if spaced != file.path, spaceNormalized[spaced] == nil { spaceNormalized[spaced] = file.path }
        let base = String(Self.fileName(lower))
        if file.isNote {
            notes.append(file.path)
            byName[Self.withoutExtension(base), default: []].append(file.path)
        }
        byFileName[base, default: []].append((file.path, lower))
    }

    /// `lowercased()`, with a fast path for ASCII (nearly every path): the scan lowers each
    /// path once, and Unicode's case mapping costs more than the rest of adding it.
    static func lowercase(_ text: String) -> String {
        ByteSearch.withBytes(text) { bytes in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return text.lowercased() }
            guard bytes.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return text }
            return String(decoding: bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
        }
    }

    mutating func addFolder(_ path: String) {
        folders.insert(path)
        let lower = path.lowercased()
        if lowercased[lower] == nil { lowercased[lower] = path }
    }

    mutating func finish() {
        notes = NaturalOrder.sorted(notes)
        for key in byName.keys where byName[key]!.count > 1 { byName[key] = NaturalOrder.sorted(byName[key]!) }
    }

    /// The exact path if it exists as a file, else a case-insensitive or NBSP-tolerant match.
    public func file(matching path: String) -> String? {
        if files[path] != nil { return path }
        if let hit = lowercased[path.lowercased()], files[hit] != nil { return hit }
        if let hit = spaceNormalized[Self.normalizeSpaces(path)] { return hit }
        return nil
    }

    /// The folder at `path`, matched like `file(matching:)`.
    public func folder(matching path: String) -> String? {
        if folders.contains(path) { return path }
        if let hit = lowercased[path.lowercased()], folders.contains(hit) { return hit }
        return nil
    }

    /// Notes whose file name (without `.md`) is `name`, ignoring case; for wikilinks.
    public func notes(named name: String) -> [String] {
        byName[name.lowercased()] ?? []
    }

    /// `a/b/My note.md` → `My note`.
    public static func noteName(_ path: String) -> String {
        withoutExtension(fileName(path))
    }

    /// `a/b/My note.md` → `My note.md` (found from the end, without splitting the path).
    static func fileName(_ path: String) -> Substring {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return path[...] }
        return path[path.utf8.index(after: slash)...]
    }

    /// A file name without `.md` or `.markdown` (any case).
    static func withoutExtension<S: StringProtocol>(_ name: S) -> String {
        let utf8 = name.utf8
        for ext in [".markdown", ".md"] where utf8.count > ext.utf8.count {
            let tail = utf8.suffix(ext.utf8.count)
            if tail.elementsEqual(ext.utf8, by: { $0 | 0x20 == $1 | 0x20 }) {
                return String(name.dropLast(ext.count))
            }
        }
        return String(name)
    }

    static func normalizeSpaces(_ s: String) -> String {
        guard ByteSearch.withBytes(s, { $0.contains { $0 == 0xC2 || $0 == 0xE2 } }) else { return s }
        return String(s.map { $0 == "\u{A0}" || $0 == "\u{202F}" ? " " : $0 })
    }

    public static func isMarkdown(_ name: String) -> Bool {
        let lower = lowercase(name)
        return markdownSuffixes.contains { lower.hasSuffix($0.description) }
    }

    private static let markdownSuffixes: [StaticString] = [".md", ".markdown"]

    /// `isMarkdown` of a file name's bytes, without a string when its end is ASCII (a
    /// character that lower-cases to ASCII, like the Kelvin sign, takes the string's way).
    static func isMarkdown(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !name.suffix(12).contains(where: { $0 >= 0x80 }) else { return isMarkdown(FileSystem.display(Array(name))) }
        @inline(__always) func endsWith(_ suffix: StaticString) -> Bool {
            let count = suffix.utf8CodeUnitCount
            guard name.count >= count else { return false }
            let start = name.count - count, bytes = suffix.utf8Start
            for i in 0..<count {
                let byte = name[start + i]
                if (byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) != bytes[i] { return false }
            }
            return true
        }
        return markdownSuffixes.contains(where: endsWith)
    }
}

/// Whose link rules a collection follows (its marker: `.gitbook.yaml` or `SUMMARY.md` for
/// GitBook, `.obsidian/` for Obsidian; neither for a plain folder of notes).
public enum Dialect: String, Hashable, Sendable {
    /// Markdown links are relative to the note (GITBOOK.md §6).
    case gitbook
    /// Markdown links follow Obsidian's rules, like wikilinks (name anywhere in the vault).
    case obsidian
    /// Markdown links are relative to the note, else found by Obsidian's rules.
    case plain
}

/// What a note offers links: heading anchors, headings by text, block ids, aliases.
public struct NoteTargets: Hashable, Sendable {
    public var anchors: Set<String> = []
    public var headings = HeadingPath.Table([])
    public var blockIDs: Set<String> = []
    public var aliases: [String] = []

    public init() {}
}

/// Natural sort: digit runs compare as numbers (`note2` before `note10`), ASCII letters
/// without case; other bytes by value. Works on UTF-8 bytes, so sorting 100,000 paths is quick.
public enum NaturalOrder {
    public static func less(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in b.withUTF8 { y in compare(x, y) } }
    }

    /// `strings` in this order: the same as sorting with `less`, but their bytes are laid out
    /// once in one buffer, so comparing touches no reference counts (10,000 paths sorted in
    /// a fraction of the time).
    public static func sorted(_ strings: [String]) -> [String] {
        guard strings.count > 1 else { return strings }
        var bytes: [UInt8] = []
        var bounds: [Range<Int>] = []
        bounds.reserveCapacity(strings.count)
        for string in strings {
            let start = bytes.count
            bytes.append(contentsOf: string.utf8)
            bounds.append(start..<bytes.count)
        }
        var order = Array(0..<strings.count)
        bytes.withUnsafeBufferPointer { all in
            bounds.withUnsafeBufferPointer { bounds in
                order.sort { a, b in
                    compare(UnsafeBufferPointer(rebasing: all[bounds[a]]), UnsafeBufferPointer(rebasing: all[bounds[b]]))
                }
            }
        }
        return order.map { strings[$0] }
    }

    private static func compare(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Bool {
        // Paths share long prefixes (`section-012/note-0`): the loop below would walk the same
        // bytes of both the same way, so it starts where they first differ, or at the start
        // of the run of digits that difference is in.
        var same = 0
        let shorter = min(x.count, y.count)
        // 8 bytes at a time: the first differing byte is the lowest differing one (little-endian).
        if let xs = x.baseAddress, let ys = y.baseAddress {
            while same + 8 <= shorter {
                let a = UnsafeRawPointer(xs + same).loadUnaligned(as: UInt64.self)
                let b = UnsafeRawPointer(ys + same).loadUnaligned(as: UInt64.self)
                if a != b {
                    same += (UInt64(littleEndian: a) ^ UInt64(littleEndian: b)).trailingZeroBitCount / 8
                    break
                }
                same += 8
            }
        }
        while same < shorter && x[same] == y[same] { same += 1 }
        while same > 0 && isDigit(x[same - 1]) { same -= 1 }
        var i = same, j = same
        while i < x.count && j < y.count {
            let p = x[i], q = y[j]
            if isDigit(p) && isDigit(q) {
                var i2 = i, j2 = j
                while i2 < x.count && x[i2] == 0x30 { i2 += 1 }
                while j2 < y.count && y[j2] == 0x30 { j2 += 1 }
                var iEnd = i2, jEnd = j2
                while iEnd < x.count && isDigit(x[iEnd]) { iEnd += 1 }
                while jEnd < y.count && isDigit(y[jEnd]) { jEnd += 1 }
                if iEnd - i2 != jEnd - j2 { return iEnd - i2 < jEnd - j2 }
                for k in 0..<(iEnd - i2) where x[i2 + k] != y[j2 + k] { return x[i2 + k] < y[j2 + k] }
                i = iEnd
                j = jEnd
                continue
            }
            let lp = lower(p), lq = lower(q)
            if lp != lq { return lp < lq }
            i += 1
            j += 1
        }
        if (x.count - i) != (y.count - j) { return x.count - i < y.count - j }
        return x.count < y.count || (x.count == y.count && x.lexicographicallyPrecedes(y))
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    private static func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b + 32 : b }
}
