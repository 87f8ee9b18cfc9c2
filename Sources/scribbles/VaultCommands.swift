import ArgumentParser
import ScribblesApp
import ScribblesTerminal
import ScribblesMarkdown
import ScribblesVault

/// Opening a collection for a command, with failures as one line naming the path.
enum VaultOpener {
    static func open(_ path: String) throws -> Vault {
        do {
            let vault = try Vault(opening: path)
            warn(vault.warnings)
            return vault
        } catch {
            throw fail(error)
        }
    }

    /// Where the collection around `path` is, without opening it.
    static func locate(_ path: String) throws -> VaultLocation {
        do {
            return try VaultLocator.locate(path)
        } catch {
            throw fail(error)
        }
    }

    static func warn(_ warnings: [String]) {
        var stderr = StandardError()
        for warning in warnings { print("scribbles: warning: \(TerminalSafe.quote(warning))", to: &stderr) }
    }

    private static func fail(_ error: VaultLocator.Failure) -> Error {
        var stderr = StandardError()
        print("scribbles: \(TerminalSafe.quote(error.message))", to: &stderr)
        return ExitCode(66)
    }

    /// The collection around a note, and the note's root-relative path.
    static func openNote(_ path: String) throws -> (Vault, String) {
        let vault = try open(path)
        guard let note = vault.location.openedNote, vault.index.files[note] != nil else {
            var stderr = StandardError()
            print("scribbles: \(TerminalSafe.quote(path)): not a note in \(TerminalSafe.quote(vault.location.rootDisplay))", to: &stderr)
            throw ExitCode(66)
        }
        return (vault, note)
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Report every broken link, anchor, embed and include in a collection.",
        discussion: """
        Prints one line per problem, like a compiler: FILE:LINE:COLUMN: error|warning|info: message, \
        the column counting characters to the link's first one. Broken links, headings, blocks and \
        includes are errors; missing images and attachments warnings; links to notes not written yet \
        (kind notCreated, how Obsidian vaults sketch) infos. Exits 1 when there is an error (with \
        --strict: any problem), else 0. Reads every note on all cores; writes nothing.
        """
    )

    @Argument(help: "The collection's folder (default: the current folder).")
    var folder: String = "."

    @Flag(help: "Print a JSON array of {file, line, column, target, kind, severity, message} instead.")
    var json = false

    @Flag(help: "Exit 1 on warnings and on links to notes not written yet too.")
    var strict = false

    func run() throws {
        let vault = try VaultOpener.open(folder)
        let report = LinkChecker.check(vault)
        let problems = report.problems.sorted { ($0.file, $0.line, $0.column) < ($1.file, $1.line, $1.column) }
        var output = StandardOutput()
        if json {
            output.write(JSONText.array(problems.map { p in
                [("file", .string(p.file)), ("line", .number(p.line)), ("column", .number(p.column)),
                 ("target", .string(p.target)), ("kind", .string(p.kind)), ("severity", .string(p.severity.rawValue)),
                 ("message", .string(p.message))]
            }))
            output.write("\n")
        } else {
            for p in problems {
                output.write(TerminalSafe.quote("\(p.file):\(p.line):\(p.column): \(p.severity.rawValue): \(p.message)") + "\n")
            }
        }
        output.flush()
        let errors = problems.filter { $0.severity == .error }.count
        let warnings = problems.filter { $0.severity == .warning }.count
        let infos = problems.count - errors - warnings
        var stderr = StandardError()
        let notYet = infos == 0 ? "" : ", \(infos) link\(infos == 1 ? "" : "s") to notes not written yet"
        print("\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")\(notYet) in \(report.notesChecked) notes (\(report.linksChecked) links)", to: &stderr)
        if errors > 0 || (strict && !problems.isEmpty) { throw ExitCode(1) }
    }
}

struct Links: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "links", abstract: "List a note's outgoing links and what each resolves to.",
        discussion: "One line per link: LINE:COLUMN, kind, target as written, → what it resolves to.")

    @Argument(help: "The note.")
    var file: String

    func run() throws {
        let (vault, note) = try VaultOpener.openNote(file)
        // Headings, blocks and aliases of every note, so the answers are the ones `check` gives;
        // the note itself is read with the others, once.
        let (resolver, read) = LinkChecker.resolver(for: vault, linksOf: note)
        let links: [OutgoingLink]
        switch read {
        case .success(let found): links = found
        case .failure(let unreadable):
            var stderr = StandardError()
            print("scribbles: \(TerminalSafe.quote(note)): \(unreadable.reason)", to: &stderr)
            throw ExitCode(66)
        }
        var output = StandardOutput()
        for link in links {
            let shown = Describe.resolution(resolver.resolve(link, from: note))
            output.write(TerminalSafe.quote("\(link.line):\(max(1, link.column))\t\(link.kind.rawValue)\t\(link.destination)\t→ \(shown)") + "\n")
        }
        output.flush()
    }
}

struct Backlinks: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backlinks", abstract: "List the notes that link to a note (embeds and front-matter links included).",
        discussion: "One line per link: SOURCE:LINE:COLUMN and the source's title.")

    @Argument(help: "The note.")
    var file: String

    func run() throws {
        let (vault, note) = try VaultOpener.openNote(file)
        let report = LinkChecker.check(vault)
        var output = StandardOutput()
        for link in (report.backlinks[note] ?? []).sorted(by: { ($0.source, $0.line, $0.column) < ($1.source, $1.line, $1.column) }) {
            output.write(TerminalSafe.quote("\(link.source):\(link.line):\(link.column)\t\(vault.title(of: link.source))") + "\n")
        }
        output.flush()
    }
}

struct TOC: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "toc", abstract: "Print a collection's table of contents (from SUMMARY.md, else its folders).")

    @Argument(help: "The collection's folder (default: the current folder).")
    var folder: String = "."

    @Option(help: .hidden)
    var measureSwitcher: String?

    func run() throws {
        var stopwatch = Stopwatch()
        let vault = try VaultOpener.open(folder)
        if let measureSwitcher { return try Self.measure(vault, queries: measureSwitcher) }
        let toc = vault.tableOfContents()
        stopwatch.lap("toc")
        var stderr = StandardError()
        for note in vault.skippedNotes { print("scribbles: warning: \(TerminalSafe.quote(note)): \(LinkChecker.tooCostly)", to: &stderr) }
        var output = StandardOutput()
        defer {
            stopwatch.lap("print")
            stopwatch.report()
        }
        for entry in toc.entries {
            let indent = String(repeating: "  ", count: entry.depth)
            let line: String
            switch entry.kind {
            case .group: line = "## " + entry.title
            case .separator: line = "---"
            case .page(let path): line = indent + "- " + entry.title + "  (" + path + (entry.anchor.map { "#" + $0 } ?? "") + ")"
            case .external(let url): line = indent + "- " + entry.title + "  <" + url + ">"
            case .unlinked: line = indent + "- " + entry.title
            case .missing(let reason): line = indent + "- " + entry.title + "  [missing: " + reason + "]"
            }
            output.write(TerminalSafe.quote(line) + "\n")
        }
        output.flush()
    }
}

enum Describe {
    static func resolution(_ resolution: Resolution) -> String {
        switch resolution {
        case .note(let path, let anchor): return path + (anchor.map { "#" + $0 } ?? "")
        case .file(let path): return "file " + path
        case .external(let url): return "external " + url
        case .crossSpace(let url): return "another GitBook space " + url
        case .samePage(let anchor): return "this note #" + anchor
        case .top: return "top of this note"
        case .broken(let reason): return "BROKEN: " + reason.message
        }
    }
}

/// Minimal JSON writing (strings escaped per RFC 8259), so output never depends on Foundation.
enum JSONText {
    enum Value { case string(String), number(Int), decimal(Double), strings([String]) }

    static func array(_ objects: [[(String, Value)]]) -> String {
        "[" + objects.map { object in
            "{" + object.map { key, value in
                quote(key) + ":" + {
                    switch value {
                    case .string(let s): return quote(s)
                    case .number(let n): return String(n)
                    case .decimal(let d): return d.isFinite ? String(d) : "0"
                    case .strings(let list): return "[" + list.map(quote).joined(separator: ",") + "]"
                    }
                }()
            }.joined(separator: ",") + "}"
        }.joined(separator: ",\n") + "]"
    }

    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

extension TOC {
    /// For `make bench`: types each query of a file (one per line) into the quick switcher of
    /// the pure app, a key at a time, and prints the time of each key's update and frame.
    static func measure(_ vault: Vault, queries path: String) throws {
        let bytes = try NoteFile.read(path)
        let queries = String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
        var state = AppState(width: 120, height: 40)
        _ = update(&state, .collectionOpened(Services.collection(vault)))
        var opening: [Double] = [], keys: [Double] = []
        for query in queries {
            var start = Stopwatch.now()
            _ = update(&state, .key(.character("t")))
            _ = render(state)
            opening.append(Stopwatch.now() - start)
            for character in query {
                start = Stopwatch.now()
                _ = update(&state, .key(.character(character)))
                _ = render(state)
                keys.append(Stopwatch.now() - start)
            }
            _ = update(&state, .key(.escape))
        }
        keys.sort()
        guard !keys.isEmpty, let first = opening.first else { return }
        let later = opening.dropFirst().sorted()
        let p50 = keys[keys.count / 2], p95 = keys[min(keys.count - 1, keys.count * 95 / 100)]
        let rounded = { (value: Double) in Double(Int(value * 100)) / 100 }
        print("keys: \(keys.count) in \(queries.count) queries over \(state.switcher.index?.entries.count ?? 0) notes, " +
              "p50 \(rounded(p50)) ms, p95 \(rounded(p95)) ms, max \(rounded(keys.last!)) ms; " +
              "first t (the index built) \(rounded(first)) ms, later t \(rounded(later.isEmpty ? first : later[later.count / 2])) ms")
    }
}
