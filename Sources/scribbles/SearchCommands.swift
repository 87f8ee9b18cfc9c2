import ArgumentParser
import ScribblesSearch
import ScribblesText
import ScribblesVault
#if canImport(Glibc)
import Glibc
#endif

/// Where the index of a vault lives for the CLI.
enum IndexOpener {
    static func open(_ vault: Vault, noCache: Bool) -> SearchIndex {
        SearchIndex(for: vault, cacheFolder: noCache ? nil : SearchIndex.defaultCacheFolder())
    }
}

struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search", abstract: "Search a collection by keywords; the best notes first, with highlighted snippets.",
        discussion: """
        Notes holding every word come first, then, when they are few, notes holding most of \
        them; common words like "the" never keep a note out. The last word matches as a \
        prefix. A word of 5 letters or more also matches words one edit away (two from 9 \
        letters) when the collection does not hold it, and the words used are listed \
        ("also: effect"). "exact phrases", -excluded, a OR b, title:word, tag:name and \
        path:folder/ work. Stemming finds "community" for "communities" and accents are \
        ignored ("cafe" finds "café"). The index is refreshed first (only changed notes are \
        read) and cached under $XDG_CACHE_HOME/scribbles, never inside the collection.
        """
    )

    @Argument(help: "What to look for.")
    var query: String

    @Argument(help: "The collection's folder (default: the current folder).")
    var folder: String = "."

    @Option(help: "At most this many hits.")
    var limit: Int = 10

    @Flag(help: "Print a JSON array of {path, title, score, heading, line, snippet, also}; also lists the corrections used.")
    var json = false

    @Flag(help: "Keep the index in memory only.")
    var noCache = false

    @Option(help: "When to use colour: auto, always or never.")
    var color: ColorChoice = .auto

    func validate() throws {
        if limit < 1 { throw ValidationError("--limit must be at least 1 (got \(limit)).") }
    }

    func run() throws {
        var stopwatch = Stopwatch()
        defer { stopwatch.report() }
        let results: SearchResults
        let location = try VaultOpener.locate(folder)
        let root = location.root
        let cached = noCache ? nil : SearchIndex.defaultCacheFolder().map {
            SearchIndex.searchingIfFresh(location: location, cacheFolder: $0, query, limit: limit,
                                         read: { try? FileSystem.read(root + [0x2F] + Array($0.utf8)) })
        }
        if let cached, let found = cached.results {
            // Nothing changed since the index was last refreshed: no collection to open.
            VaultOpener.warn(cached.warnings)
            stopwatch.lap("fresh")
            results = found
        } else {
            // SUMMARY.md is read only if notes must be indexed (it titles those without an H1).
            let vault = Vault(at: location, summary: false)
            VaultOpener.warn(vault.warnings)
            stopwatch.lap("open")
            let index = cached?.index ?? SearchIndex(location: location, cacheFolder: nil)
            index.refresh(vault)
            stopwatch.lap("refresh")
            results = index.find(query, limit: limit, vault: vault)
        }
        stopwatch.lap("search")
        let hits = results.hits
        var output = StandardOutput()
        if json {
            output.write(JSONText.array(hits.map { hit in
                [("path", .string(hit.path)), ("title", .string(hit.title)), ("score", .decimal(hit.score)),
                 ("heading", .string(hit.heading ?? "")), ("line", .number(hit.line)), ("snippet", .string(hit.snippet.plainText)),
                 ("also", .strings(results.corrections))]
            }))
            output.write("\n")
        } else {
            if !results.corrections.isEmpty {
                var stderr = StandardError()
                print("also: " + TerminalSafe.quote(results.corrections.joined(separator: ", ")), to: &stderr)
            }
            let palette = color.enabled(for: Terminal.current)
            let writer = ANSIWriter(colors: palette)
            for hit in hits {
                let title = StyledLine([Span(TerminalText.visible(hit.title), Style(.heading(2), [.bold]))])
                output.write(writer.styled(title) + "  " + TerminalSafe.quote("\(hit.path):\(hit.line)") +
                             (hit.heading.map { "  · " + TerminalSafe.quote($0) } ?? "") + "\n")
                output.write("  " + writer.styled(hit.snippet) + "\n")
            }
        }
        output.flush()
        if hits.isEmpty && !json {
            var stderr = StandardError()
            print("no notes match \(TerminalSafe.quote(query))", to: &stderr)
        }
    }
}

extension Index {
    /// For `make bench`: runs each query of a file (one per line) in this process and prints
    /// the median and 95th percentile latency.
    func measure(_ index: SearchIndex, queries path: String) throws {
        let bytes = try NoteFile.read(path)
        let queries = String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
        var times: [Double] = []
        for query in queries {
            let start = Stopwatch.now()
            _ = index.search(query, limit: 10)
            times.append(Stopwatch.now() - start)
        }
        times.sort()
        guard !times.isEmpty else { return }
        let p50 = times[times.count / 2], p95 = times[min(times.count - 1, times.count * 95 / 100)]
        print("queries: \(times.count), p50 \(Int(p50 * 100) / 100) ms, p95 \(Int(p95 * 100) / 100) ms")
    }
}

struct Index: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index", abstract: "Build or refresh a collection's search index, then print counts and time.")

    @Argument(help: "The collection's folder (default: the current folder).")
    var folder: String = "."

    @Flag(help: "Keep the index in memory only (useful to time a cold build).")
    var noCache = false

    @Option(help: .hidden)
    var measureQueries: String?

    func run() throws {
        let vault = try VaultOpener.open(folder)
        let index = IndexOpener.open(vault, noCache: noCache)
        let showProgress = isatty(STDERR_FILENO) == 1
        let stats = index.refresh(vault) { done, total in
            guard showProgress else { return }
            let width = 30
            let filled = total == 0 ? width : done * width / total
            var stderr = StandardError()
            print("\r[" + String(repeating: "█", count: filled) + String(repeating: " ", count: width - filled) + "] \(done)/\(total)", terminator: "", to: &stderr)
        }
        if showProgress {
            var stderr = StandardError()
            print("\r\u{1B}[K", terminator: "", to: &stderr)
        }
        if let measureQueries { try measure(index, queries: measureQueries) }
        let where_ = index.cachePath.map { TerminalSafe.quote($0) } ?? "memory"
        print("\(index.count) notes indexed (\(stats.added) added, \(stats.updated) updated, \(stats.removed) removed, \(stats.unchanged) unchanged) in \(Int(stats.milliseconds)) ms; index: \(where_)")
    }
}
