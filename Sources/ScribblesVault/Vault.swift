import ScribblesMarkdown
import Dispatch
import Synchronization

/// An open collection of notes: its root, every file under it, its table of contents, and
/// cached heads (title, description) of the notes read so far. Nothing is ever written.
public final class Vault: Sendable {
    public let location: VaultLocation
    public let index: VaultIndex
    public let toc: TableOfContents
    /// Problems met while opening (unreadable folders, symlinks leading out), each once.
    public let warnings: [String]
    private let heads = Mutex<[String: NoteHead]>([:])

    /// Opens the collection around `path` (a folder, or a note inside it).
    public init(opening path: String) throws(VaultLocator.Failure) {
        let location = try VaultLocator.locate(path)
        // Parse SUMMARY.md on a second core while the folders are scanned.
        let summaryPath = location.root + [0x2F] + Array(location.summary.utf8)
        let summary = Mutex<(Document?, String?)>((nil, nil))
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) {
            guard FileSystem.stat(summaryPath)?.kind == .file else { return }
            do throws(FileSystem.Failure) {
                let document = MarkdownParser.parse(try FileSystem.read(summaryPath))
                summary.withLock { $0.0 = document }
            } catch {
                summary.withLock { $0.1 = "\(error.description); the table of contents comes from the folders" }
            }
        }
        var scanner = VaultScanner()
        let index = scanner.scan(root: location.root)
        group.wait()
        let (summaryDocument, summaryFailure) = summary.withLock { $0 }
        self.location = location
        self.index = index
        self.warnings = location.warnings + scanner.warnings + (summaryFailure.map { [$0] } ?? [])
        if let summaryDocument {
            toc = TableOfContents(summary: summaryDocument, at: location.summary, index: index)
        } else {
            toc = TableOfContents(entries: [], isFromSummary: false)
        }
    }

    /// The resolver over this vault's files (with anchors, when a check filled them in).
    public var resolver: LinkResolver { LinkResolver(index: index) }

    /// Resolves a link of a note, Markdown or wiki.
    public func resolve(_ link: OutgoingLink, from note: String) -> Resolution {
        resolver.resolve(link, from: note)
    }

    /// The table of contents, built from the folder tree when there is no SUMMARY.md (this
    /// reads every note's head for its title, so it is computed on demand).
    public func tableOfContents() -> TableOfContents {
        if toc.isFromSummary { return toc }
        prefetchHeads(index.notes)
        return TableOfContents(entries: FolderTree.entries(index: index, readme: location.readme) { self.title(of: $0) },
                               isFromSummary: false)
    }

    /// The bytes of a note or file, by root-relative path.
    public func read(_ path: String) throws(FileSystem.Failure) -> [UInt8] {
        guard let file = index.files[path] else {
            throw FileSystem.Failure(path: path, reason: "not in the collection")
        }
        return try FileSystem.read(file.fsPath)
    }

    /// Title and description of a note, read once and cached; nil when unreadable.
    public func head(of note: String) -> NoteHead? {
        if let cached = heads.withLock({ $0[note] }) { return cached }
        guard let bytes = try? read(note) else { return nil }
        let head = NoteHead.read(bytes)
        heads.withLock { $0[note] = head }
        return head
    }

    /// Reads the heads of `notes` on all cores, so later `head(of:)` calls hit the cache.
    public func prefetchHeads(_ notes: [String]) {
        let chunks = max(1, min(notes.count, System.coreCount * 4))
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            var local: [(String, NoteHead)] = []
            for i in stride(from: chunk, to: notes.count, by: chunks) {
                if let bytes = try? read(notes[i]) { local.append((notes[i], NoteHead.read(bytes))) }
            }
            heads.withLock { cache in for (note, head) in local { cache[note] = head } }
        }
    }

    /// A note's title for display: its H1 or front-matter title, else its SUMMARY label,
    /// else its file name.
    public func title(of note: String) -> String {
        if let title = head(of: note)?.title { return title }
        if let entry = toc.entries.first(where: { $0.note == note }), !entry.title.isEmpty { return entry.title }
        return VaultIndex.noteName(note)
    }

    /// A note parsed, with its `{% include %}` blocks replaced by the included notes.
    public func document(_ note: String) throws(FileSystem.Failure) -> Document {
        expandingIncludes(MarkdownParser.parse(try read(note)), from: note)
    }

    /// `document` (the note at `note`) with its `{% include %}` blocks inlined.
    public func expandingIncludes(_ document: Document, from note: String) -> Document {
        var copy = document
        var includer = Includer(vault: self)
        copy.blocks = includer.expand(document.blocks, from: note, depth: 0, seen: [note])
        return copy
    }

    static func appendUnlisted(to entries: inout [TOCEntry], index: VaultIndex, skipping: Set<String>) {
        let listed = Set(entries.compactMap(\.note))
        let unlisted = index.notes.filter { !listed.contains($0) && !skipping.contains($0) }
        guard !unlisted.isEmpty else { return }
        entries.append(TOCEntry(kind: .group, title: "Unlisted", depth: 0))
        for note in unlisted {
            entries.append(TOCEntry(kind: .page(note), title: note, depth: 0))
        }
    }
}

/// Inlines `{% include %}` targets (without their front matter), with a cycle guard and a cap.
struct Includer {
    let vault: Vault
    static let maxDepth = 5

    mutating func expand(_ blocks: [Block], from note: String, depth: Int, seen: Set<String>) -> [Block] {
        var out: [Block] = []
        for block in blocks {
            switch block {
            case .include(let ref):
                guard depth < Self.maxDepth, case let target? = target(ref.path, from: note), !seen.contains(target),
                      let bytes = try? vault.read(target) else {
                    out.append(block)
                    continue
                }
                let included = MarkdownParser.parse(bytes).blocks
                out.append(contentsOf: expand(included, from: target, depth: depth + 1, seen: seen.union([target])))
            case .hint(var hint):
                hint.blocks = expand(hint.blocks, from: note, depth: depth, seen: seen)
                out.append(.hint(hint))
            case .tabs(var tabs):
                for i in tabs.indices { tabs[i].blocks = expand(tabs[i].blocks, from: note, depth: depth, seen: seen) }
                out.append(.tabs(tabs))
            case .details(var details):
                details.blocks = expand(details.blocks, from: note, depth: depth, seen: seen)
                out.append(.details(details))
            case .container(var container):
                container.blocks = expand(container.blocks, from: note, depth: depth, seen: seen)
                out.append(.container(container))
            default:
                out.append(block)
            }
        }
        return out
    }

    private func target(_ path: String, from note: String) -> String? {
        switch vault.resolver.resolve(path, from: note) {
        case .note(let target, _), .file(let target):
            return VaultIndex.isMarkdown(target) ? target : nil
        default:
            return nil
        }
    }
}

/// The table of contents of a folder without SUMMARY.md (GITBOOK.md §5.4 reader policy):
/// README.md as each folder's page, names in natural order, subfolders after notes.
enum FolderTree {
    static func entries(index: VaultIndex, readme: String, title: (String) -> String) -> [TOCEntry] {
        var children: [String: (notes: [String], folders: [String])] = [:]
        for note in index.notes { children[PathMath.folder(of: note), default: ([], [])].notes.append(note) }
        for folder in index.folders where !folder.isEmpty {
            children[PathMath.folder(of: folder), default: ([], [])].folders.append(folder)
        }
        var entries: [TOCEntry] = []
        func walk(_ folder: String, depth: Int) {
            let content = children[folder] ?? ([], [])
            let readmes = Set(["README.md", "readme.md", readme].map { folder.isEmpty ? $0 : folder + "/" + $0 })
            for note in content.notes.sorted(by: NaturalOrder.less) where !readmes.contains(note) {
                entries.append(TOCEntry(kind: .page(note), title: title(note), depth: depth))
            }
            for sub in content.folders.sorted(by: NaturalOrder.less) {
                guard hasNotes(sub) else { continue }
                let subReadme = ["README.md", "readme.md"].map { sub + "/" + $0 }.first { index.files[$0]?.isNote == true }
                if let subReadme {
                    entries.append(TOCEntry(kind: .page(subReadme), title: title(subReadme), depth: depth))
                } else {
                    entries.append(TOCEntry(kind: .unlinked, title: VaultIndex.noteName(sub), depth: depth))
                }
                walk(sub, depth: depth + 1)
            }
        }
        var withNotes: Set<String> = []
        for note in index.notes {
            var folder = PathMath.folder(of: note)
            while !folder.isEmpty, withNotes.insert(folder).inserted { folder = PathMath.folder(of: folder) }
        }
        func hasNotes(_ folder: String) -> Bool { withNotes.contains(folder) }
        if let rootReadme = ["README.md", "readme.md", readme].first(where: { index.files[$0]?.isNote == true }) {
            entries.append(TOCEntry(kind: .page(rootReadme), title: title(rootReadme), depth: 0))
        }
        walk("", depth: 0)
        return entries
    }
}

