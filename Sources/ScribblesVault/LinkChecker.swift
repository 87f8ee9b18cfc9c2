#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import ScribblesMarkdown
import Synchronization

/// A problem with a link, like a compiler diagnostic.
public struct LinkProblem: Hashable, Sendable, Codable {
    public enum Severity: String, Hashable, Sendable, Codable { case error, warning }
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
        var anchors: Set<String> = []
        var lines: [Substring] = []
        var failure: String?
    }

    public static func check(_ vault: Vault, workers: Int = max(1, System.coreCount)) -> LinkReport {
        let notes = vault.index.notes
        let results = Mutex<[Parsed?]>(Array(repeating: nil, count: notes.count))
        let chunks = max(1, min(workers * 4, notes.count))
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            var local: [(Int, Parsed)] = []
            for i in stride(from: chunk, to: notes.count, by: chunks) {
                local.append((i, parse(notes[i], in: vault)))
            }
            results.withLock { all in for (i, parsed) in local { all[i] = parsed } }
        }
        let parsed = results.withLock { $0 }
        var index = vault.index
        for (i, note) in notes.enumerated() { index.anchors[note] = parsed[i]?.anchors ?? [] }
        let resolver = LinkResolver(index: index)
        var report = LinkReport()
        report.notesChecked = notes.count
        for (i, note) in notes.enumerated() {
            guard let result = parsed[i] else { continue }
            if let failure = result.failure {
                report.problems.append(LinkProblem(file: note, line: 1, column: 1, target: note, kind: "unreadable",
                                                   severity: .error, message: failure))
                continue
            }
            for link in result.links {
                report.linksChecked += 1
                let resolution = resolver.resolve(link, from: note)
                let column = Self.column(of: link, in: result.lines)
                switch resolution {
                case .note(let target, _):
                    report.backlinks[target, default: []].append(Backlink(source: note, line: link.line, kind: link.kind))
                case .broken(let reason):
                    let warning = reason.kind == .missingFile && (link.isAsset || Self.looksLikeAsset(link.destination))
                    report.problems.append(LinkProblem(
                        file: note, line: max(1, link.line), column: column, target: link.destination,
                        kind: warning ? "missing-asset" : reason.kind.rawValue, severity: warning ? .warning : .error,
                        message: reason.message))
                default:
                    continue
                }
            }
        }
        return report
    }

    private static func parse(_ note: String, in vault: Vault) -> Parsed {
        let bytes: [UInt8]
        do {
            bytes = try vault.read(note)
        } catch {
            return Parsed(failure: "cannot read: \(error.reason)")
        }
        let document = MarkdownParser.parse(bytes)
        let text = String(decoding: bytes, as: UTF8.self)
        return Parsed(links: NoteLinks.extract(document), anchors: NoteLinks.anchors(document),
                      lines: text.split(separator: "\n", omittingEmptySubsequences: false))
    }

    /// A destination naming a file that is not a note (an image, a PDF, a zip…).
    static func looksLikeAsset(_ destination: String) -> Bool {
        let path = destination.split(separator: "#").first.map(String.init) ?? destination
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return false }
        let ext = path[path.index(after: dot)...].lowercased()
        return !ext.isEmpty && ext != "md" && ext != "markdown" && ext.count <= 5
    }

    /// The 1-based column of a link's destination on its line, found in the source text.
    static func column(of link: OutgoingLink, in lines: [Substring]) -> Int {
        guard link.line >= 1, link.line <= lines.count else { return max(1, link.column) }
        let line = lines[link.line - 1]
        for needle in [link.destination, "(" + link.destination] where !link.destination.isEmpty {
            if let range = line.firstRange(of: needle) {
                return line[..<range.lowerBound].count + 1
            }
        }
        return max(1, link.column)
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
