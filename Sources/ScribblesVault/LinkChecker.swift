#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import ScribblesMarkdown
import Synchronization

/// A problem with a link, like a compiler diagnostic.
public struct LinkProblem: Hashable, Sendable, Codable {
    /// Errors are broken links; warnings missing attachments; infos links to notes not
    /// written yet (how vault users sketch), which only `--strict` counts.
    public enum Severity: String, Hashable, Sendable, Codable { case error, warning, info }
    public var file: String
    public var line: Int
    public var column: Int
    public var target: String
    public var kind: String
    public var severity: Severity
    public var message: String
}

/// Where a note is linked from.
public struct Backlink: Hashable, Sendable {
    public var source: String
    public var line: Int
    public var kind: OutgoingLink.Kind
    /// The 1-based column (characters) of the link's first character.
    public var column = 1
}

/// The links of every note, resolved: problems, and backlinks per note.
public struct LinkReport: Sendable {
    public var problems: [LinkProblem] = []
    public var backlinks: [String: [Backlink]] = [:]
    public var notesChecked = 0
    public var linksChecked = 0
}

/// Parses every note (on all cores), collects links and anchors, then resolves every link.
public enum LinkChecker {
    private struct Parsed: Sendable {
        var links: [OutgoingLink] = []
        var targets = NoteTargets()
        var failure: String?
    }

    public static func check(_ vault: Vault, workers: Int = max(1, System.coreCount)) -> LinkReport {
        let notes = vault.index.notes
        let (parsed, index) = parseAll(vault, workers: workers)
        let resolver = LinkResolver(index: index)
        // The links are resolved on all cores, a chunk of notes at a time, and reported in
        // the notes' order (a chunk given up on is resolved here).
        let chunk = 64
        @Sendable func resolve(_ c: Int) -> [[Resolution]] {
            (c * chunk..<min(notes.count, (c + 1) * chunk)).map { i in parsed[i].links.map { resolver.resolve($0, from: notes[i]) } }
        }
        let chunks = ParallelWork.map((notes.count + chunk - 1) / chunk, workers: workers) { resolve($0) }
        let resolutions = chunks.enumerated().flatMap { c, resolved in resolved ?? resolve(c) }
        var report = LinkReport()
        report.notesChecked = notes.count
        for (i, note) in notes.enumerated() {
            let result = parsed[i]
            if let failure = result.failure {
                let costly = failure == tooCostly
                report.problems.append(LinkProblem(file: note, line: 1, column: 1, target: note, kind: costly ? "tooCostly" : "unreadable",
                                                   severity: costly ? .warning : .error, message: failure))
                continue
            }
            for (link, resolution) in zip(result.links, resolutions[i]) {
                report.linksChecked += 1
                switch resolution {
                case .note(let target, _):
                    report.backlinks[target, default: []].append(Backlink(source: note, line: link.line, kind: link.kind,
                                                                          column: link.column))
                case .broken(let reason):
                    report.problems.append(problem(link, reason, in: note, dialect: index.dialect))
                default:
                    continue
                }
            }
        }
        return report
    }

    /// A broken link as a diagnostic: missing attachments are warnings, notes not written
    /// yet infos, everything else errors.
    private static func problem(_ link: OutgoingLink, _ reason: BrokenReason, in note: String, dialect: Dialect) -> LinkProblem {
        let asset = reason.kind == .missingFile && (link.isAsset || Self.looksLikeAsset(link.destination))
        var severity: LinkProblem.Severity = asset ? .warning : reason.kind == .notCreated ? .info : .error
        // An empty `href=""` is a placeholder Obsidian ignores; GitBook calls it broken.
        if reason.kind == .empty && dialect != .gitbook { severity = .warning }
        return LinkProblem(file: note, line: max(1, link.line), column: max(1, link.column), target: link.destination,
                           kind: asset ? "missing-asset" : reason.kind.rawValue, severity: severity, message: reason.message)
    }

    /// A resolver that answers as `check` does (headings, blocks and aliases of every note).
    public static func resolver(for vault: Vault) -> LinkResolver {
        LinkResolver(index: parseAll(vault, workers: max(1, System.coreCount)).1)
    }

    /// A resolver that answers as `check` does, and one note's links as `check` read them (or
    /// why they could not be read): the note is parsed once, with the others.
    public static func resolver(for vault: Vault, linksOf note: String) -> (LinkResolver, Result<[OutgoingLink], Unreadable>) {
        let (parsed, index) = parseAll(vault, workers: max(1, System.coreCount))
        let mine = vault.index.notes.firstIndex(of: note).map { parsed[$0] }
        let links: Result<[OutgoingLink], Unreadable> = switch mine {
        case .some(let found) where found.failure == nil: .success(found.links)
        case .some(let found): .failure(Unreadable(reason: found.failure ?? tooCostly))
        case .none: .failure(Unreadable(reason: "not a note in the collection"))
        }
        return (LinkResolver(index: index), links)
    }

    /// Why a note's links could not be read.
    public struct Unreadable: Error, Sendable {
        public var reason: String
    }

    /// Every note parsed on all cores, and the index with what each offers links. A note that
    /// holds up its worker for long is given up on (`ParallelWork`) and reported once.
    private static func parseAll(_ vault: Vault, workers: Int) -> ([Parsed], VaultIndex) {
        let notes = vault.index.notes
        let parsed = ParallelWork.map(notes.count, workers: workers) { i in parse(notes[i], in: vault) }
            .map { $0 ?? Parsed(failure: tooCostly) }
        var index = vault.index
        for (i, note) in notes.enumerated() { index.setTargets(of: note, parsed[i].targets) }
        return (parsed, index)
    }

    /// What a note given up on is reported as.
    public static let tooCostly = "skipped: too costly to read"

    private static func parse(_ note: String, in vault: Vault) -> Parsed {
        let bytes: [UInt8]
        do {
            bytes = try vault.read(note)
        } catch {
            return Parsed(failure: "cannot read: \(error.reason)")
        }
        let document = MarkdownParser.parse(bytes)
        return Parsed(links: NoteLinks.extract(document, source: bytes), targets: NoteLinks.targets(document))
    }

    /// A destination naming a file that is not a note (an image, a PDF, a zip…).
    static func looksLikeAsset(_ destination: String) -> Bool {
        let path = destination.split(separator: "#").first.map(String.init) ?? destination
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return false }
        let ext = path[path.index(after: dot)...].lowercased()
        return !ext.isEmpty && ext != "md" && ext != "markdown" && ext.count <= 5
    }

}

/// Facts about the machine.
public enum System {
    public static var coreCount: Int {
        #if canImport(Glibc)
        return Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        #else
        return 2
        #endif
    }
}
