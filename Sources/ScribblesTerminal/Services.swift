import Dispatch
import Glibc
import ScribblesApp
import ScribblesHighlight
import ScribblesLayout
import ScribblesMarkdown
import ScribblesSearch
import ScribblesVault
import Synchronization

/// Does the app's effects off the UI loop and posts their results back as events.
public final class Services: Sendable {
    private let vault = Mutex<Vault?>(nil)
    /// Left once the collection is open (effects that need it wait on it).
    private let opened = DispatchGroup()
    private let watcher = Mutex<FileWatcher?>(nil)
    private let post: @Sendable (Event) -> Void
    private let cacheFolder: String?
    private let stateFolder: String?
    /// The collection's root, which names its saved session.
    private let root: String
    private let index = Mutex<SearchIndex?>(nil)
    private let indexOpened = DispatchGroup()
    private let latestSearch = Atomic<Int>(0)
    private let backlinkReport = Mutex<LinkReport?>(nil)
    private let loadQueue = DispatchQueue(label: "scribbles.load", qos: .userInitiated)
    private let searchQueue = DispatchQueue(label: "scribbles.search", qos: .userInitiated)
    private let indexQueue = DispatchQueue(label: "scribbles.index", qos: .utility)
    private let linkQueue = DispatchQueue(label: "scribbles.links", qos: .utility)

    /// `post` delivers an event to the run loop from any thread.
    public init(root: String, cacheFolder: String?, stateFolder: String?, post: @escaping @Sendable (Event) -> Void) {
        self.root = root
        self.cacheFolder = cacheFolder
        self.stateFolder = stateFolder
        self.post = post
        opened.enter()
    }

    /// The open collection; waits while it is being opened; nil if it could not be.
    public var currentVault: Vault? {
        opened.wait()
        return vault.withLock { $0 }
    }

    /// Starts with a collection already open: watches it and brings its index up to date.
    public func adopt(_ vault: Vault) {
        self.vault.withLock { $0 = vault }
        opened.leave()
        watcher.withLock { $0 = FileWatcher(vault: vault, post: post) }
        startIndexing()
    }

    /// Opens the collection around `path` in the background (the first frame is already
    /// drawn), then tells the app and re-reads `note` so its cards show titles.
    public func open(_ path: String, reloading note: String?) {
        loadQueue.async { [self] in
            do throws(VaultLocator.Failure) {
                let collection = try Vault(opening: path)
                adopt(collection)
                post(.collectionOpened(Self.collection(collection)))
                if let warning = collection.warnings.first { post(.externalFailed(warning)) }
                if let slow = collection.skippedNotes.first {
                    let more = collection.skippedNotes.count > 1 ? " (and \(collection.skippedNotes.count - 1) more)" : ""
                    post(.externalFailed("\(slow)\(more): \(LinkChecker.tooCostly)"))
                }
                if let note { post(.collectionCompleted(note: note)) }
            } catch {
                opened.leave()
                post(.externalFailed(error.message))
            }
        }
    }

    /// A note's file on disk, by root-relative path (from the collection once it is open).
    public func file(of path: String) -> [UInt8]? {
        if let file = vault.withLock({ $0 })?.index.files[path] { return file.fsPath }
        guard !path.isEmpty, !path.split(separator: "/").contains("..") else { return nil }
        return Array(root.utf8) + [0x2F] + Array(path.utf8)
    }

    /// Stops watching files (at exit).
    public func stop() {
        watcher.withLock { $0?.stop() }
    }

    /// What the app shows while the collection opens: its name and an empty contents list.
    /// `first` is the note already read for the first frame (the README is not read twice).
    public static func placeholder(_ location: VaultLocation, first: Event) -> Collection {
        let title: String?
        if case .noteLoaded(let note) = first, note.path == location.readme {
            title = note.title
        } else {
            let readme = location.root + [0x2F] + Array(location.readme.utf8)
            title = (try? FileSystem.read(readme, limit: 1 << 20)).flatMap { NoteHead.read($0).title }
        }
        return Collection(title: title ?? folderName(location), toc: [], resolver: LinkResolver(index: VaultIndex()),
                          home: nil, isComplete: false)
    }

    /// The collection as the app sees it.
    public static func collection(_ vault: Vault) -> Collection {
        let toc = vault.tableOfContents()
        let readme = vault.index.files[vault.location.readme]?.isNote == true ? vault.location.readme : nil
        let home = readme ?? toc.listedNotes.first ?? vault.index.notes.first
        let title = readme.flatMap { vault.head(of: $0)?.title } ?? folderName(vault.location)
        return Collection(title: title, toc: toc.entries, resolver: vault.resolver, home: home)
    }

    private static func folderName(_ location: VaultLocation) -> String {
        location.rootDisplay.split(separator: "/").last.map(String.init) ?? "/"
    }

    /// Reads and parses a note straight from the disk, before the collection is open: no
    /// includes, and cards show paths until the note is read again.
    public static func load(_ path: String, root: [UInt8], dialect: Dialect = .plain) -> Event {
        var event = load(path, vault: nil) { () throws(FileSystem.Failure) in try FileSystem.read(root + [0x2F] + Array(path.utf8)) }
        if case .noteLoaded(var note) = event {
            note.showsProperties = dialect != .gitbook
            event = .noteLoaded(note)
        }
        return event
    }

    /// Reads and parses a note with everything its cards and mentions show. Runs on any thread.
    public static func load(_ path: String, from vault: Vault) -> Event {
        load(path, vault: vault) { () throws(FileSystem.Failure) in try vault.read(path) }
    }

    private static func load(_ path: String, vault: Vault?, read: () throws(FileSystem.Failure) -> [UInt8]) -> Event {
        let bytes: [UInt8]
        do {
            bytes = try read()
        } catch {
            return .noteFailed(path: path, message: "\(path): \(error.reason)")
        }
        if BinarySniffer.isBinary(bytes) { return .noteFailed(path: path, message: "\(path) is not a text note (it looks binary)") }
        let parsed = MarkdownParser.parse(bytes)
        guard let vault else {
            highlightCode(parsed)
            return .noteLoaded(LoadedNote(path: path, document: parsed, title: NoteHead.read(bytes).title ?? VaultIndex.noteName(path),
                                          description: parsed.frontMatter.description))
        }
        let document = vault.expandingIncludes(parsed, from: path)
        highlightCode(document)
        var cards: [String: CardInfo] = [:], mentions: [String: String] = [:]
        for link in NoteLinks.extract(document) where [.pageRef, .contentRef, .mention].contains(link.kind) {
            guard case .note(let target, _) = vault.resolver.resolve(link.destination, from: path) else { continue }
            if link.kind == .mention {
                mentions[link.destination] = vault.title(of: target)
            } else {
                cards[link.destination] = CardInfo(title: vault.title(of: target), description: vault.head(of: target)?.description)
            }
        }
        let description = document.frontMatter.description
        return .noteLoaded(LoadedNote(path: path, document: document, title: vault.title(of: path),
                                      description: description, cards: cards, mentions: mentions,
                                      showsProperties: vault.location.dialect != .gitbook))
    }

    /// Colours the note's code blocks (the ones layout colours: `CodeHighlighting`) off the UI
    /// loop, so the reader's layout finds them in the highlighter's cache.
    static func highlightCode(_ document: Document) {
        for block in CodeHighlighting.blocks(of: document) { _ = SyntaxHighlighter.shared.highlight(block.code, language: block.language) }
    }

    /// Opens the index and brings it up to date in the background, reporting progress.
    public func startIndexing() {
        indexOpened.enter()
        indexQueue.async { [self] in
            guard let vault = currentVault else { indexOpened.leave(); return }
            if index.withLock({ $0 }) == nil { index.withLock { $0 = SearchIndex(for: vault, cacheFolder: cacheFolder) } }
            indexOpened.leave()
            refreshIndex(vault)
        }
    }

    private func refreshIndex(_ vault: Vault) {
        guard let index = index.withLock({ $0 }) else { return }
        let lastReport = Atomic<Int>(-1)
        let stats = index.refresh(vault) { [post] done, total in
            // At most one progress event per percent.
            let step = max(1, total / 100)
            let bucket = done / step
            if lastReport.exchange(bucket, ordering: .relaxed) != bucket { post(.indexProgress(done: done, total: total)) }
        }
        post(.indexFinished(notes: stats.added + stats.updated + stats.unchanged))
    }

    /// Performs one effect. `.quit` is the run loop's business.
    public func perform(_ effect: Effect) {
        switch effect {
        case .loadNote(let path):
            loadQueue.async { [self] in
                guard let vault = currentVault else { return }
                post(Self.load(path, from: vault))
            }
        case .search(let generation, let query):
            latestSearch.store(generation, ordering: .relaxed)
            searchQueue.async { [self] in
                // Only the newest query is worth running; older ones would be dropped anyway.
                guard latestSearch.load(ordering: .relaxed) == generation else { return }
                indexOpened.wait()
                guard let index = index.withLock({ $0 }), let vault = currentVault else { return }
                let results = index.find(query, limit: 50, vault: vault)
                post(.searchFinished(generation: generation, hits: results.hits, also: results.corrections))
            }
        case .findBacklinks(let path):
            linkQueue.async { [self] in
                guard let vault = currentVault else { return }
                let report = backlinkReport.withLock { $0 } ?? LinkChecker.check(vault)
                backlinkReport.withLock { $0 = report }
                post(.backlinksFound(path: path, report.backlinks[path] ?? []))
            }
        case .findTags:
            searchQueue.async { [self] in
                _ = currentVault
                indexOpened.wait()
                post(.tagsFound(index.withLock { $0 }?.tagCounts() ?? []))
            }
        case .describe(let path):
            loadQueue.async { [self] in post(.described(path, currentVault?.head(of: path)?.description)) }
        case .openExternal(let url):
            Launcher.open(url, post: post)
        case .openFile(let path):
            guard let file = vault.withLock({ $0 })?.index.files[path] else { return }
            Launcher.open(FileSystem.display(file.fsPath), post: post)
        case .reopenCollection:
            loadQueue.async { [self] in
                guard let root = currentVault?.location.rootDisplay else { return }
                guard let reopened = try? Vault(opening: root) else {
                    post(.externalFailed("\(root) can no longer be opened"))
                    return
                }
                vault.withLock { $0 = reopened }
                watcher.withLock { $0?.watch(reopened) }
                backlinkReport.withLock { $0 = nil }
                post(.collectionOpened(Self.collection(reopened)))
                indexQueue.async { [self] in refreshIndex(reopened) }
            }
        case .saveSession(let path, let line):
            guard let stateFolder else { return }
            Session.save(Session(note: path, line: line), folder: stateFolder, root: root)
        case .quit, .edit:
            // The run loop's own: they need the terminal.
            break
        }
    }

    /// Drops cached link data after files changed.
    public func filesChanged() {
        backlinkReport.withLock { $0 = nil }
    }
}
