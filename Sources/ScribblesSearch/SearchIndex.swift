import Dispatch
import GRDB
import ScribblesMarkdown
import ScribblesText
import ScribblesVault
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// One search result.
public struct SearchHit: Hashable, Sendable {
    public var path: String
    public var title: String
    /// bm25 with the title boost; lower is better (SQLite's convention), shown negated.
    public var score: Double
    /// The heading the match sits under, if any.
    public var heading: String?
    /// The line of the note file where the first matched word is (1-based).
    public var line: Int
    /// Context around the match, matched words in the `.match` style.
    public var snippet: StyledLine

    public init(path: String, title: String, score: Double, heading: String?, line: Int, snippet: StyledLine) {
        self.path = path
        self.title = title
        self.score = score
        self.heading = heading
        self.line = line
        self.snippet = snippet
    }
}

/// What a refresh did.
public struct RefreshStats: Hashable, Sendable {
    public var added = 0
    public var updated = 0
    public var removed = 0
    public var unchanged = 0
    public var milliseconds = 0.0
}

/// A vault's full-text index in SQLite FTS5, cached per vault under
/// `$XDG_CACHE_HOME/scribbles/` (never inside the vault) and refreshed by size and mtime.
/// A corrupt, locked or unwritable cache falls back to rebuilding, then to memory.
public final class SearchIndex: Sendable {
    static let schemaVersion = 3
    let writer: any DatabaseWriter
    /// Where the cache lives; nil in memory.
    public let cachePath: String?

    /// Opens (or creates) the index of `vault`. `cacheFolder` nil means in memory.
    public convenience init(for vault: Vault, cacheFolder: String?) {
        self.init(location: vault.location, cacheFolder: cacheFolder)
    }

    /// Opens (or creates) the index of the collection at `location`.
    public init(location: VaultLocation, cacheFolder: String?) {
        if let folder = cacheFolder,
           let (writer, path) = Self.openCache(folder: folder, key: FileSystem.display(location.root)) {
            self.writer = writer
            cachePath = path
        } else {
            writer = Self.memory()
            cachePath = nil
        }
    }

    private init(writer: any DatabaseWriter, cachePath: String) {
        self.writer = writer
        self.cachePath = cachePath
    }

    /// The cached index of the collection at `location`, opened only to read (one connection,
    /// nothing set up or written), or nil when there is no such cache file.
    static func reading(location: VaultLocation, cacheFolder: String) -> SearchIndex? {
        let path = cacheFolder + "/" + fileName(for: FileSystem.display(location.root))
        guard FileSystem.stat(Array(path.utf8))?.kind == .file else { return nil }
        var config = configuration()
        config.readonly = true
        guard let queue = try? DatabaseQueue(path: path, configuration: config) else { return nil }
        return SearchIndex(writer: queue, cachePath: path)
    }

    /// The default cache folder: `$XDG_CACHE_HOME/scribbles`, else `~/.cache/scribbles`.
    public static func defaultCacheFolder() -> String? {
        FileSystem.userFolder("XDG_CACHE_HOME", fallback: ".cache")
    }

    private static func memory() -> DatabaseQueue {
        // An in-memory database cannot fail to open or to take the schema.
        let queue = try! DatabaseQueue()
        try? queue.write { try createSchema($0) }
        return queue
    }

    private static func openCache(folder: String, key: String) -> ((any DatabaseWriter), String)? {
        guard FileSystem.makeFolders(folder) else { return nil }
        let path = folder + "/" + fileName(for: key)
        for attempt in 0..<2 {
            do {
                let pool = try DatabasePool(path: path, configuration: configuration())
                // A cache of this schema for this root is only read: a write's commit costs a
                // sync, which `search` on a fresh index would pay every time. The count reads
                // the notes table, so a corrupt file fails here (a new schema has nothing to fail).
                let ready = try pool.read { db -> Bool in
                    guard try Int.fetchOne(db, sql: "PRAGMA user_version") == schemaVersion else { return false }
                    _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM notes")
                    return try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'root'") == key
                }
                if !ready {
                    try pool.write { db in
                        let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
                        if version != schemaVersion {
                            try dropAll(db)
                            try createSchema(db)
                        }
                        try db.execute(sql: "INSERT INTO meta(key, value) VALUES('root', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", arguments: [key])
                    }
                }
                return (pool, path)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
                // Another process holds the cache: never delete its file; search from memory.
                return nil
            } catch {
                // Corrupt or foreign file: remove it once and start again, else give up.
                if attempt == 0 { for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) } }
            }
        }
        return nil
    }

    private static func configuration() -> Configuration {
        var config = Configuration()
        config.busyMode = .timeout(2)
        return config
    }

    static func createSchema(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
            CREATE TABLE IF NOT EXISTS notes(id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE,
                size INTEGER NOT NULL, mtime INTEGER NOT NULL, outline TEXT NOT NULL);
            CREATE VIRTUAL TABLE IF NOT EXISTS notes_fts USING fts5(title, headings, path, body, aliases, tags,
                tokenize = 'porter unicode61 remove_diacritics 2');
            CREATE TABLE IF NOT EXISTS words(word TEXT PRIMARY KEY) WITHOUT ROWID;
            PRAGMA user_version = \(schemaVersion);
            """)
    }

    private static func dropAll(_ db: Database) throws {
        try db.execute(sql: "DROP TABLE IF EXISTS words; DROP TABLE IF EXISTS notes_fts; DROP TABLE IF EXISTS notes; DROP TABLE IF EXISTS meta;")
    }

    /// A file name for a vault: a readable tail of its path and a hash of the whole.
    static func fileName(for key: String) -> String {
        let tail = key.split(separator: "/").last.map { String($0.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-") }.map(Character.init)) } ?? "root"
        return "\(tail.prefix(40))-\(FileSystem.stableHash(key)).sqlite"
    }
}
