import ScribblesMarkdown
import Yams

/// Finds a collection's root from a folder or a note inside it (GITBOOK.md §5.1).
///
/// Walking up from the starting folder, the first folder with a `.gitbook.yaml`, a
/// `SUMMARY.md` or an `.obsidian/` folder decides (and says the dialect); the walk stops at a repository's top (a folder holding `.git`).
/// `.gitbook.yaml`'s `root` is tried from the repository's top, then from the YAML's folder,
/// then the YAML's folder itself: the first that holds the summary or readme wins.
/// With neither file, the root is the opened folder (or, for a note, its repository's top
/// or its own folder).
public struct VaultLocation: Sendable {
    /// The root's real absolute path.
    public var root: [UInt8]
    /// Root-relative paths of the landing page and the table of contents.
    public var readme: String
    public var summary: String
    /// The root-relative path of the note that was opened, if a note was.
    public var openedNote: String?
    public var warnings: [String] = []
    /// Whose rules the collection's Markdown links follow, from the marker that found its root.
    public var dialect: Dialect = .plain

    public var rootDisplay: String { FileSystem.display(root) }
}

public enum VaultLocator {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    public static func locate(_ path: String) throws(Failure) -> VaultLocation {
        let given = Array(path.utf8)
        guard let real = FileSystem.realPath(given), let status = FileSystem.stat(real) else {
            throw Failure(message: "\(path): no such file or folder")
        }
        // A note's collection is found from the folder the note is named in, not from where a
        // symlink leads: a link to a file elsewhere must not make "elsewhere" the collection.
        let namedFolder = status.kind == .directory ? real : (FileSystem.realPath(given.contains(0x2F) ? parent(given) : [0x2E]) ?? parent(real))
        var location = findRoot(from: namedFolder, openedFolder: status.kind == .directory ? real : nil)
        if status.kind != .directory {
            let prefix = location.root + [0x2F]
            guard real.starts(with: prefix) else {
                let target = FileSystem.display(real)
                throw Failure(message: "\(path): a symlink to \(target), outside the collection \(location.rootDisplay); open the target itself")
            }
            location.openedNote = FileSystem.display(Array(real[prefix.count...]))
        }
        return location
    }

    private static func findRoot(from start: [UInt8], openedFolder: [UInt8]?) -> VaultLocation {
        var folder = start
        var repositoryTop: [UInt8]? = nil
        while true {
            if exists(folder + Array("/.gitbook.yaml".utf8)) {
                let top = repositoryTop ?? gitTop(above: folder) ?? folder
                return fromConfig(folder, repositoryTop: top)
            }
            if exists(folder + Array("/SUMMARY.md".utf8)) {
                return VaultLocation(root: folder, readme: "README.md", summary: "SUMMARY.md", dialect: .gitbook)
            }
            if FileSystem.stat(folder + Array("/.obsidian".utf8))?.kind == .directory {
                return VaultLocation(root: folder, readme: "README.md", summary: "SUMMARY.md", dialect: .obsidian)
            }
            if exists(folder + Array("/.git".utf8)) {
                repositoryTop = folder
                break
            }
            let up = parent(folder)
            if up == folder { break }
            folder = up
        }
        let root = openedFolder ?? repositoryTop ?? start
        return VaultLocation(root: root, readme: "README.md", summary: "SUMMARY.md")
    }

    private static func fromConfig(_ folder: [UInt8], repositoryTop: [UInt8]) -> VaultLocation {
        var location = VaultLocation(root: folder, readme: "README.md", summary: "SUMMARY.md", dialect: .gitbook)
        let yamlPath = folder + Array("/.gitbook.yaml".utf8)
        guard let bytes = try? FileSystem.read(yamlPath, limit: 1 << 20) else { return location }
        let text = String(String(decoding: bytes, as: UTF8.self).unicodeScalars.filter {
            $0.value != 0x200B && $0.value != 0x200C && $0.value != 0xFEFF
        })
        guard let map = BoundedYAML.load(text, maxBytes: 1 << 20) as? [String: Any] else {
            location.warnings.append("\(FileSystem.display(yamlPath)): not valid YAML; using defaults")
            return location
        }
        let structure = map["structure"] as? [String: Any]
        let readme = (structure?["readme"] as? String).map(clean) ?? "README.md"
        let summary = (structure?["summary"] as? String).map(clean) ?? "SUMMARY.md"
        location.readme = readme
        location.summary = summary
        guard let rootValue = (map["root"] as? String).map(clean), !rootValue.isEmpty, rootValue != "." else {
            return location
        }
        let relative = Array(rootValue.drop { $0 == "/" }.utf8)
        for base in [repositoryTop, folder] {
            guard let candidate = FileSystem.realPath(base + [0x2F] + relative),
                  FileSystem.stat(candidate)?.kind == .directory else { continue }
            if exists(candidate + [0x2F] + Array(summary.utf8)) || exists(candidate + [0x2F] + Array(readme.utf8)) {
                location.root = candidate
                return location
            }
        }
        return location
    }

    private static func clean(_ value: String) -> String {
        var v = value.trimmingCharacters(in: " \t")
        while v.hasPrefix("./") { v.removeFirst(2) }
        while v.hasSuffix("/") { v.removeLast() }
        return v
    }

    private static func gitTop(above folder: [UInt8]) -> [UInt8]? {
        var current = folder
        while true {
            if exists(current + Array("/.git".utf8)) { return current }
            let up = parent(current)
            if up == current { return nil }
            current = up
        }
    }

    static func exists(_ path: [UInt8]) -> Bool { FileSystem.stat(path) != nil }

    static func parent(_ path: [UInt8]) -> [UInt8] {
        guard let slash = path.lastIndex(of: 0x2F) else { return path }
        return slash == 0 ? [0x2F] : Array(path[..<slash])
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        let chars = Set(set)
        var s = Substring(self)
        while let f = s.first, chars.contains(f) { s.removeFirst() }
        while let l = s.last, chars.contains(l) { s.removeLast() }
        return String(s)
    }
}
