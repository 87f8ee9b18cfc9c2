/// Walks a vault's root and builds its `VaultIndex`.
///
/// Hidden folders (`.git`, `.obsidian`, …) and `node_modules` are skipped (hidden files are
/// not), except `.gitbook`,
/// whose includes and assets are indexed as files (not notes). `.gitignore` is not obeyed.
/// Symlinks are followed only when they stay inside the root, and each real folder is visited
/// once, so loops end. Unreadable folders are reported once and skipped.
struct VaultScanner {
    /// Files beyond this are not indexed (reported once).
    static let maxEntries = 1_000_000

    var warnings: [String] = []

    mutating func scan(root: [UInt8]) -> VaultIndex {
        var index = VaultIndex()
        walk(root: root, folder: { index.addFolder($0) }, file: { index.add($0) })
        index.finish()
        return index
    }

    /// The notes under `root` (root-relative path, path on disk), by the rules `scan` follows,
    /// without building an index: what `search` needs to tell whether its index is fresh.
    static func notes(root: [UInt8]) -> (notes: [(path: String, fsPath: [UInt8])], warnings: [String]) {
        var scanner = VaultScanner()
        var notes: [(path: String, fsPath: [UInt8])] = []
        scanner.walk(root: root, folder: { _ in }, file: { file in if file.isNote { notes.append((file.path, file.fsPath)) } })
        return (notes, scanner.warnings)
    }

    /// Hidden folders but `.gitbook`, and `node_modules`.
    static func skipsFolder(_ name: String) -> Bool {
        (name.hasPrefix(".") && name != ".gitbook") || name == "node_modules"
    }

    /// Visits every folder and file `scan` indexes, in its order.
    mutating func walk(root: [UInt8], folder addFolder: (String) -> Void, file addFile: (VaultIndex.File) -> Void) {
        var visited: Set<[UInt64]> = []
        var stack: [(fs: [UInt8], relative: String, inGitBook: Bool)] = [(root, "", false)]
        var count = 0
        let rootPrefix = root + [0x2F]
        if let status = FileSystem.stat(root) { visited.insert([status.device, status.inode]) }
        while let (folder, relative, inGitBook) = stack.popLast() {
            let entries: [FileSystem.Entry]
            do {
                entries = try FileSystem.list(folder)
            } catch {
                warnings.append("\(error.path): cannot read folder (\(error.reason)); skipped")
                continue
            }
            for entry in entries {
                count += 1
                if count > Self.maxEntries {
                    warnings.append("more than \(Self.maxEntries) files; the rest are not indexed")
                    return
                }
                let name = FileSystem.display(entry.name)
                let fsPath = folder + [0x2F] + entry.name
                let path = relative.isEmpty ? name : relative + "/" + name
                if entry.isSymlink, let real = FileSystem.realPath(fsPath), real != root, !real.starts(with: rootPrefix) {
                    warnings.append("\(FileSystem.display(fsPath)): symlink leads outside the collection; skipped")
                    continue
                }
                switch entry.kind {
                case .directory:
                    if Self.skipsFolder(name) { continue }
                    guard let status = FileSystem.stat(fsPath), visited.insert([status.device, status.inode]).inserted else {
                        continue
                    }
                    addFolder(path)
                    stack.append((fsPath, path, inGitBook || name == ".gitbook"))
                case .file:
                    // Hidden files stay: GitBook pages can be named `.net.md`. No stat here:
                    // opening stays quick; readers stat the files they read.
                    addFile(VaultIndex.File(path: path, fsPath: fsPath, isNote: !inGitBook && VaultIndex.isMarkdown(name)))
                case .other:
                    if entry.isSymlink, VaultIndex.isMarkdown(name) {
                        warnings.append("\(FileSystem.display(fsPath)): symlink leads nowhere; skipped")
                    }
                    continue
                }
            }
        }
    }
}
