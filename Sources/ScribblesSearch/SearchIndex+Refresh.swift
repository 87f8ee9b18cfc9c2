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
        let known: [String: (Int, Int)] = (try? writer.read { db in
            var map: [String: (Int, Int)] = [:]
            for row in try GRDB.Row.fetchAll(db, sql: "SELECT path, size, mtime FROM notes") {
                map[row["path"]] = (row["size"], row["mtime"])
            }
            return map
        }) ?? [:]
        var changed: [(String, [UInt8], Int, Int)] = []
        var current: Set<String> = []
        for note in vault.index.notes where note != vault.location.summary {
            guard let file = vault.index.files[note], let status = FileSystem.stat(file.fsPath) else { continue }
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
        if !removed.isEmpty {
            try? writer.write { db in
                for path in removed {
                    try db.execute(sql: "DELETE FROM notes_fts WHERE rowid = (SELECT id FROM notes WHERE path = ?)", arguments: [path])
                    try db.execute(sql: "DELETE FROM notes WHERE path = ?", arguments: [path])
                }
            }
        }
        // Parse batch n+1 on all cores while one writer commits batch n.
        let writes = DispatchQueue(label: "scribbles.index.writer")
        let total = changed.count
        // A note without an opening H1 or a front-matter title is titled by its SUMMARY entry,
        // else its file name.
        var labels: [String: String] = [:]
        if vault.toc.isFromSummary {
            for entry in vault.toc.entries { if let note = entry.note, labels[note] == nil, !entry.title.isEmpty { labels[note] = entry.title } }
        }
        for first in stride(from: 0, to: total, by: max(1, batchSize)) {
            let end = min(total, first + max(1, batchSize))
            let rows = Self.parse(Array(changed[first..<end]), labels: labels)
            writes.async { [writer] in
                // A failed write leaves those notes out; the next refresh tries them again.
                try? writer.write { db in for row in rows { try Self.write(row, db) } }
                progress(end, total)
            }
        }
        writes.sync {}
        stats.milliseconds = Self.milliseconds() - start
        return stats
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
                                   row.text.tags.map { $0.replacing("/", with: " ") + " " + $0 }.joined(separator: "\n")])
    }

    /// Parses notes to plain text on all cores. A note that cannot be read is skipped; one that
    /// is not valid Markdown still parses (any bytes give a document).
    private static func parse(_ notes: [(String, [UInt8], Int, Int)], labels: [String: String]) -> [Row] {
        let rows = ParallelWork.map(notes.count) { i -> Row? in
            let (path, fsPath, size, mtime) = notes[i]
            guard let bytes = try? FileSystem.read(fsPath) else { return nil }
            var text = PlainText.of(MarkdownParser.parse(bytes))
            if text.title.isEmpty { text.title = labels[path] ?? VaultIndex.noteName(path) }
            return Row(path: path, size: size, mtime: mtime, text: text)
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
