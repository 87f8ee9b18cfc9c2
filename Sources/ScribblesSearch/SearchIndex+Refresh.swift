import Dispatch
import GRDB
import ScribblesMarkdown
import ScribblesVault
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

extension SearchIndex {
    private struct Row: Sendable {
        var path: String
        var size: Int
        var mtime: Int
        var text: PlainText
        /// Its distinct words for `Corrections` (the `words` table).
        var words: Set<String> = []
    }

    /// Brings the index up to date with the vault: new and changed notes (by size and
    /// modification time) are parsed on all cores and written by one writer; deleted notes go.
    ///
    /// Notes are committed in batches of `batchSize`, so queries from other threads (the
    /// database is in WAL mode) see every note indexed so far while the refresh goes on; the
    /// next batch is parsed while the previous one is written. `progress(done, total)` is
    /// called after each commit, on the writer's thread, with the notes indexed so far.
    @discardableResult
    public func refresh(_ vault: Vault, batchSize: Int = 256,
                        progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) -> RefreshStats {
        let start = Self.milliseconds()
        var stats = RefreshStats()
        // Every note's size and modification time, on all cores: the freshness check is a
        // stat per note and nothing more, and when the digest of them all is the one stored by
        // the last complete refresh, nothing changed and nothing else is read.
        let notes = vault.index.notes.filter { $0 != vault.location.summary }
        guard let statuses = Self.statuses(of: notes.map { vault.index.files[$0]?.fsPath ?? [] }) else {
            // Some stats never came back (a stalled file system): changing nothing is safer
            // than taking those notes for deleted.
            stats.milliseconds = Self.milliseconds() - start
            return stats
        }
        let digest = Self.digest(notes, statuses)
        if storedDigest == digest {
            stats.unchanged = statuses.count { $0 != nil }
            stats.milliseconds = Self.milliseconds() - start
            return stats
        }
        var known: [String: (Int, Int)] = [:]
        for note in (try? writer.read(Self.indexed)) ?? [] { known[note.path] = (note.size, note.modified) }
        var changed: [(String, [UInt8], Int, Int)] = []
        var current: Set<String> = []
        for (note, status) in zip(notes, statuses) {
            guard let status, let file = vault.index.files[note] else { continue }
            current.insert(note)
            if let old = known[note], old == (status.size, status.modified) {
                stats.unchanged += 1
            } else {
                changed.append((note, file.fsPath, status.size, status.modified))
                if known[note] == nil { stats.added += 1 } else { stats.updated += 1 }
            }
        }
        let removed = known.keys.filter { !current.contains($0) }
        stats.removed = removed.count
        // Any write that fails leaves the digest unstored, so the next refresh looks again.
        let failed = Mutex(false)
        if !removed.isEmpty {
            let deleted: Void? = try? writer.write { db in
                for path in removed {
                    try db.execute(sql: "DELETE FROM notes_fts WHERE rowid = (SELECT id FROM notes WHERE path = ?)", arguments: [path])
                    try db.execute(sql: "DELETE FROM notes WHERE path = ?", arguments: [path])
                }
            }
            if deleted == nil { failed.withLock { $0 = true } }
        }
        // Parse batch n+1 on all cores while one writer commits batch n.
        let writes = DispatchQueue(label: "scribbles.index.writer")
        // At most one batch waits for the writer: when writing is the slower half, parsed
        // batches would otherwise pile up in memory.
        let waiting = DispatchSemaphore(value: 1)
        let total = changed.count
        // A note without an opening H1 or a front-matter title is titled by its SUMMARY entry,
        // else its file name.
        // Only the changed notes' labels are kept, and SUMMARY.md is read only if some note changed.
        var labels: [String: String] = [:]
        if total > 0, vault.toc.isFromSummary {
            let wanted = Set(changed.map(\.0))
            for entry in vault.toc.entries {
                if let note = entry.note, wanted.contains(note), labels[note] == nil, !entry.title.isEmpty { labels[note] = entry.title }
            }
        }
        // Words written by this refresh, so each is offered to the table once.
        let written = Mutex(Set<String>())
        for first in stride(from: 0, to: total, by: max(1, batchSize)) {
            let end = min(total, first + max(1, batchSize))
            let rows = Self.parse(Array(changed[first..<end]), labels: labels)
            waiting.wait()
            writes.async { [writer] in
                defer { waiting.signal() }
                // A failed write leaves those notes out; the next refresh tries them again.
                let wrote: Void? = try? writer.write { db in
                    for row in rows { try Self.write(row, db) }
                    let new = written.withLock { known in
                        let fresh = rows.reduce(into: Set<String>()) { $0.formUnion($1.words) }.subtracting(known)
                        known.formUnion(fresh)
                        return fresh
                    }
                    // Words stay when their notes go: a correction no note holds is dropped when searched.
                    let insert = try db.cachedStatement(sql: "INSERT OR IGNORE INTO words(word) VALUES(?)")
                    for word in new { try insert.execute(arguments: [word]) }
                    // The last batch stores the digest in its own commit (one fsync, not two).
                    if end == total, !failed.withLock({ $0 }) { try Self.storeDigest(db) }
                }
                if wrote == nil { failed.withLock { $0 = true } }
                progress(end, total)
            }
        }
        writes.sync {}
        if total == 0, !failed.withLock({ $0 }) { try? writer.write { try Self.storeDigest($0) } }
        stats.milliseconds = Self.milliseconds() - start
        return stats
    }

    /// Stores the digest of what the index holds (another process may have refreshed at the
    /// same time): it equals the files' only if every note is indexed as it is now.
    private static func storeDigest(_ db: Database) throws {
        try db.execute(sql: "INSERT INTO meta(key, value) VALUES('digest', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                       arguments: [digest(try indexed(db))])
    }

    /// Every indexed note's path, size and modification time, read by column position (named
    /// columns cost GRDB a look-up per value: 15 ms for 10,000 rows).
    private static func indexed(_ db: Database) throws -> [(path: String, size: Int, modified: Int)] {
        var notes: [(path: String, size: Int, modified: Int)] = []
        let rows = try GRDB.Row.fetchCursor(db, sql: "SELECT path, size, mtime FROM notes")
        while let row = try rows.next() { notes.append((row[0], row[1], row[2])) }
        return notes
    }

    /// The digest stored by the last complete refresh.
    var storedDigest: String? {
        try? writer.read(Self.storedDigest)
    }

    static func storedDigest(_ db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'digest'")
    }

    /// The cached index of the collection at `location` when it is fresh (every note's path,
    /// size and modification time as at its last complete refresh), found without opening the
    /// collection: a walk by the scan's rules and a stat per note on all cores. Nil when a
    /// refresh is needed (or there is no cache), and the scan's warnings either way.
    public static func ifFresh(location: VaultLocation, cacheFolder: String) -> (index: SearchIndex?, warnings: [String]) {
        guard let index = reading(location: location, cacheFolder: cacheFolder), let stored = index.storedDigest else { return (nil, []) }
        let (current, warnings) = currentDigest(location)
        return (current == stored ? index : nil, warnings)
    }

    /// Searches the cached index of the collection at `location` while the other cores check
    /// that it is fresh: the hits when it is (read in one transaction with the digest they
    /// belong to), nil when the caller must refresh the index it gets back and search again.
    /// The scan's warnings either way.
    public static func searchingIfFresh(location: VaultLocation, cacheFolder: String, _ text: String, limit: Int,
                                        read: (@Sendable (String) -> [UInt8]?)?) -> (index: SearchIndex, results: SearchResults?, warnings: [String]) {
        // The cache is opened and searched while this thread walks the collection.
        let found = Mutex<(index: SearchIndex?, results: SearchResults, digest: String?)?>(nil)
        let searched = DispatchGroup()
        DispatchQueue.global(qos: .userInitiated).async(group: searched) {
            let index = SearchIndex.reading(location: location, cacheFolder: cacheFolder)
            let (results, digest) = index?.findWithDigest(text, limit: limit, read: read) ?? (SearchResults(), nil)
            found.withLock { $0 = (index, results, digest) }
        }
        let (current, warnings) = currentDigest(location)
        searched.wait()
        let (reader, results, stored) = found.withLock { $0! }
        guard let reader, let stored, stored == current else {
            // Stale or missing: the cache opened to be refreshed.
            return (SearchIndex(location: location, cacheFolder: cacheFolder), nil, warnings)
        }
        return (reader, results, warnings)
    }

    /// The digest of the collection's notes as they are on disk (nil when one could not be
    /// stat'ed in time), and the scan's warnings.
    private static func currentDigest(_ location: VaultLocation) -> (String?, [String]) {
        if let digest = NoteStatusWalk.digest(root: location.root, excluding: location.summary) {
            return (format(digest), location.warnings)
        }
        let (found, warnings) = Vault.notes(at: location)
        let notes = found.filter { $0.path != location.summary }
        // Measured: stats by path on both cores beat stats by name in each open folder on one.
        guard let statuses = Self.statuses(of: notes.map(\.fsPath)) else { return (nil, warnings) }
        return (digest(notes.map(\.path), statuses), warnings)
    }

    /// `stat` of each path, in chunks on all cores; nil for one that cannot be reached, and
    /// nil for all when a chunk was given up on.
    private static func statuses(of paths: [[UInt8]]) -> [FileSystem.Status?]? {
        let chunk = 512
        let chunks = ParallelWork.map((paths.count + chunk - 1) / chunk) { c -> [FileSystem.Status?] in
            paths[c * chunk..<min(paths.count, (c + 1) * chunk)].map { $0.isEmpty ? nil : FileSystem.stat($0) }
        }
        guard chunks.allSatisfy({ $0 != nil }) else { return nil }
        return chunks.flatMap { $0 ?? [] }
    }

    /// Every note's path, size and modification time hashed (FNV-1a) and the hashes added, so
    /// the order the notes were found in does not matter. A note that cannot be stat'ed is
    /// left out: the index holds no row for it.
    static func digest(_ notes: [String], _ statuses: [FileSystem.Status?]) -> String {
        digest(zip(notes, statuses).compactMap { note, status in status.map { (note, $0.size, $0.modified) } })
    }

    static func digest(_ notes: [(path: String, size: Int, modified: Int)]) -> String {
        var digest = NoteDigest()
        for (path, size, modified) in notes { digest.add(path, size: size, modified: modified) }
        return format(digest)
    }

    static func format(_ digest: NoteDigest) -> String {
        "v\(schemaVersion)-\(digest.count)-" + String(digest.sum, radix: 16)
    }

    private static func write(_ row: Row, _ db: Database) throws {
        let outline = row.text.outline.map { "\($0.0)\t\($0.1)" }.joined(separator: "\n")
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM notes WHERE path = ?", arguments: [row.path]) {
            try db.execute(sql: "UPDATE notes SET size = ?, mtime = ?, outline = ? WHERE id = ?",
                           arguments: [row.size, row.mtime, outline, id])
            try db.execute(sql: "DELETE FROM notes_fts WHERE rowid = ?", arguments: [id])
            try insertText(row, id: id, db)
        } else {
            try db.execute(sql: "INSERT INTO notes(path, size, mtime, outline) VALUES(?, ?, ?, ?)",
                           arguments: [row.path, row.size, row.mtime, outline])
            try insertText(row, id: db.lastInsertedRowID, db)
        }
    }

    private static func insertText(_ row: Row, id: Int64, _ db: Database) throws {
        try db.execute(sql: "INSERT INTO notes_fts(rowid, title, headings, path, body, aliases, tags) VALUES(?, ?, ?, ?, ?, ?, ?)",
                       arguments: [id, row.text.title, row.text.headings.joined(separator: "\n"), row.path, row.text.body,
                                   row.text.aliases.joined(separator: "\n"),
                                   tagsColumn(row.text.tags)])
    }

    /// Parses notes to plain text on all cores. A note that cannot be read is skipped; one that
    /// is not valid Markdown still parses (any bytes give a document).
    private static func parse(_ notes: [(String, [UInt8], Int, Int)], labels: [String: String]) -> [Row] {
        let rows = ParallelWork.map(notes.count) { i -> Row? in
            let (path, fsPath, size, mtime) = notes[i]
            guard let bytes = try? FileSystem.read(fsPath) else { return nil }
            var text = PlainText.of(MarkdownParser.parse(bytes))
            if text.title.isEmpty { text.title = labels[path] ?? VaultIndex.noteName(path) }
            let words = Corrections.words(of: [text.title, text.body] + text.headings + text.aliases + text.tags)
            return Row(path: path, size: size, mtime: mtime, text: text, words: words)
        }
        // A note given up on is indexed by its name alone, so the next refresh does not try it again.
        return rows.enumerated().compactMap { i, row in
            guard let row else {
                let (path, _, size, mtime) = notes[i]
                return Row(path: path, size: size, mtime: mtime,
                           text: PlainText(title: labels[path] ?? VaultIndex.noteName(path), headings: [], body: ""))
            }
            return row
        }
    }

    static func milliseconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) * 1000 + Double(ts.tv_nsec) / 1_000_000
    }
}
