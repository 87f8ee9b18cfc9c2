import ScribblesMarkdown
import Dispatch
import Synchronization

/// An open collection of notes: its root, every file under it, its table of contents, and
/// cached heads (title, description) of the notes read so far. Nothing is ever written.
public final class Vault: Sendable {
    public let location: VaultLocation
    public let index: VaultIndex
    /// The table of contents from SUMMARY.md (or an empty one that says it is not from one).
    /// Read while the folders are scanned, or on first use when opened with `summary: false`.
    public var toc: TableOfContents {
        summaryTOC.withLock { toc in
            if let toc { return toc }
            let built = Self.tableOfContents(Self.readSummary(location).0, location: location, index: index)
            toc = built
            return built
        }
    }
    private let summaryTOC: Mutex<TableOfContents?>
    /// Problems met while opening (unreadable folders, symlinks leading out), each once.
    public let warnings: [String]
    private let heads = Mutex<[String: NoteHead]>([:])
    /// Notes by lower-cased alias, from the heads read so far.
    private let aliases = Mutex<[String: [String]]>([:])
    /// Notes whose head took too long to read: they are titled by their names, not read again.
    private let tooCostly = Mutex<Set<String>>([])

    /// Notes given up on while reading heads ("skipped: too costly to read"), in order.
    public var skippedNotes: [String] { tooCostly.withLock { $0 }.sorted(by: NaturalOrder.less) }

    /// Opens the collection around `path` (a folder, or a note inside it).
    /// - Parameter summary: whether SUMMARY.md is read now, on a second core while the folders
    ///   are scanned, or only when `toc` is first asked for (`search` needs it only to title
    ///   notes it indexes).
    public convenience init(opening path: String, summary readNow: Bool = true) throws(VaultLocator.Failure) {
        self.init(at: try VaultLocator.locate(path), summary: readNow)
    }

    /// Opens the collection found at `location` (see `init(opening:summary:)`).
    public init(at location: VaultLocation, summary readNow: Bool = true) {
        let summary = Mutex<(Document?, String?)>((nil, nil))
        let group = DispatchGroup()
        if readNow {
            DispatchQueue.global().async(group: group) {
                let read = Self.readSummary(location)
                summary.withLock { $0 = read }
            }
        }
        var scanner = VaultScanner()
        var index = scanner.scan(root: location.root)
        index.dialect = location.dialect
        group.wait()
        let (summaryDocument, summaryFailure) = summary.withLock { $0 }
        self.location = location
        self.index = index
        self.warnings = location.warnings + scanner.warnings + (summaryFailure.map { [$0] } ?? [])
        summaryTOC = Mutex(readNow ? Self.tableOfContents(summaryDocument, location: location, index: index) : nil)
    }

    /// The notes of the collection at `location` (root-relative path, path on disk), found by
    /// the scan's rules without building an index, with the scan's warnings.
    public static func notes(at location: VaultLocation) -> (notes: [(path: String, fsPath: [UInt8])], warnings: [String]) {
        let (notes, warnings) = VaultScanner.notes(root: location.root)
        return (notes, location.warnings + warnings)
    }

    /// SUMMARY.md parsed, or why it could not be read (nil, nil when there is none).
    private static func readSummary(_ location: VaultLocation) -> (Document?, String?) {
        let summaryPath = location.root + [0x2F] + Array(location.summary.utf8)
        guard FileSystem.stat(summaryPath)?.kind == .file else { return (nil, nil) }
        do throws(FileSystem.Failure) {
            return (MarkdownParser.parse(try FileSystem.read(summaryPath)), nil)
        } catch {
            return (nil, "\(error.description); the table of contents comes from the folders")
        }
    }

    private static func tableOfContents(_ summary: Document?, location: VaultLocation, index: VaultIndex) -> TableOfContents {
        guard let summary else { return TableOfContents(entries: [], isFromSummary: false) }
        return TableOfContents(summary: summary, at: location.summary, index: index)
    }

    /// The resolver over this vault's files, with the aliases of the note heads read so far
    /// (all of them once the folder-tree table of contents was built).
    public var resolver: LinkResolver {
        var copy = index
        copy.aliases = aliases.withLock { $0 }
        return LinkResolver(index: copy)
    }

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
        if tooCostly.withLock({ $0.contains(note) }) { return nil }
        guard let bytes = try? read(note) else { return nil }
        let head = NoteHead.read(bytes)
        remember([(note, head)])
        return head
    }

    private func remember(_ read: [(String, NoteHead)]) {
        heads.withLock { cache in for (note, head) in read { cache[note] = head } }
        let named = read.filter { !$0.1.aliases.isEmpty }
        guard !named.isEmpty else { return }
        aliases.withLock { table in
            for (note, head) in named {
                for alias in head.aliases where table[alias.lowercased()]?.contains(note) != true {
                    table[alias.lowercased(), default: []].append(note)
                }
            }
        }
    }

    /// Reads the heads of `notes` on all cores, so later `head(of:)` calls hit the cache.
    /// A note whose head holds up its worker for 2 s is given up on: the contents appear
    /// anyway, with that note titled by its name (`skippedNotes`).
    public func prefetchHeads(_ notes: [String]) {
        let found = ParallelWork.map(notes.count, patience: 2) { [self] i in (try? read(notes[i])).map(NoteHead.read) }
        var heads: [(String, NoteHead)] = []
        var skipped: [String] = []
        for (i, head) in found.enumerated() {
            switch head {
            case .some(.some(let head)): heads.append((notes[i], head))
            case .some(.none): continue
            case .none: skipped.append(notes[i])
            }
        }
        remember(heads)
        if !skipped.isEmpty { tooCostly.withLock { $0.formUnion(skipped) } }
    }

    /// A note's title for display: its H1 or front-matter title, else its SUMMARY label,
    /// else its file name.
    public func title(of note: String) -> String {
        if let title = head(of: note)?.title { return title }
        // (The "Unlisted" group shows paths, which are no titles.)
        if let entry = toc.entries.first(where: { $0.note == note }), !entry.title.isEmpty, entry.title != note { return entry.title }
        return VaultIndex.noteName(note)
    }

    /// A note parsed, with its `{% include %}` blocks and Obsidian embeds filled in.
    public func document(_ note: String) throws(FileSystem.Failure) -> Document {
        expandingIncludes(MarkdownParser.parse(try read(note)), from: note)
    }

    /// `document` (the note at `note`) with its `{% include %}` blocks inlined and its note
    /// embeds (`![[note]]`, `![[note#Heading]]`, `![[note#^id]]`) filled in.
    public func expandingIncludes(_ document: Document, from note: String) -> Document {
        var copy = document
        var includer = Includer(vault: self, resolver: resolver)
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

