import Foundation
import ScribblesLayout
import ScribblesMarkdown
import ScribblesSearch
import ScribblesText
import ScribblesVault
import Testing

/// Properties of every command over the hostile collection: each finishes within a bound
/// without crashing, writes no control sequence from a note (colour on and off), reads nothing
/// outside the collection (inotify on the folder beside it, and its secret never printed), and
/// writes nothing inside it (a fingerprint of the tree before and after).
extension Hardening {
@Suite struct HostileCommandTests {
    var hostile: HostileCollection { HostileCollection.shared }
    /// A bound against hangs (not a speed target): generous for a loaded CI machine.
    let bound = 180.0

    /// In process: every note parsed, includes expanded and laid out at several widths.
    @Test func everyNoteLaysOutSafelyAtAnyWidth() throws {
        let vault = try Vault(opening: hostile.root)
        #expect(!(vault.index.notes.isEmpty))
        #expect(vault.index.files.keys.allSatisfy { !$0.hasPrefix("..") && !$0.hasPrefix("/") })
        #expect(vault.index.files["out/secret-link.md"] == nil, "a symlink leading out is not part of the collection")
        let toc = vault.tableOfContents()
        #expect(toc.entries.count > 1000, "the 1 MB SUMMARY.md is read")
        for entry in toc.entries {
            if let note = entry.note { #expect(vault.index.files[note] != nil, "TOC entry \(note) is in the collection") }
        }
        var slowest = (0.0, "")
        defer { print("hostile: laid out \(vault.index.notes.count) notes; slowest \(slowest.1.debugDescription) in \(String(format: "%.1f", slowest.0)) s") }
        for note in vault.index.notes {
            let start = Date()
            defer { if Date().timeIntervalSince(start) > slowest.0 { slowest = (Date().timeIntervalSince(start), note) } }
            guard let document = try? vault.document(note) else { continue }
            let expanded = vault.expandingIncludes(document, from: note)
            // Big notes at two widths only: this runs in a debug build.
            for width in (note.hasPrefix("big/") ? [1, 80] : [1, 9, 80, 233]) {
                let rendered = layout(expanded, width: width, cardInfo: { CardInfo(title: vault.title(of: $0), description: nil) })
                for (number, line) in rendered.lines.enumerated() {
                    #expect(!(line.spans.contains { TerminalText.needsCleaning($0.text) }), "\(note) line \(number) at \(width)")
                    #expect(line.width <= width, "\(note) line \(number) at width \(width)")
                }
                #expect(!(rendered.plainText.contains(HostileCollection.secret)), "\(note) shows the secret from outside")
            }
        }
    }

    @Test func lineCommandsAreSafe() throws {
        let cache = NSTemporaryDirectory() + "scribbles-hostile-cache-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: cache) }
        let environment = ["XDG_CACHE_HOME": cache, "XDG_STATE_HOME": cache, "NO_COLOR": ""]
        let before = treeFingerprint(hostile.root)
        let watch = AccessWatch(hostile.outside)
        _ = watch.drain()

        var runs: [(String, [[UInt8]])] = []
        let root = Array(hostile.root.utf8)
        for colour in ["always", "never"] {
            for note in notePaths() {
                runs.append(("render", [Array("render".utf8), note, Array("--color".utf8), Array(colour.utf8), Array("-w".utf8), Array("61".utf8)]))
            }
            for query in ["lorem", "word", "hint", "Title", "\u{1B}[2J", "\u{1B}]52;c;eA==\u{07}", "\"unclosed", "-x OR", "red*", "7f3a"] {
                runs.append(("search", [Array("search".utf8), Array(query.utf8), root, Array("--color".utf8), Array(colour.utf8)]))
            }
        }
        for command in ["check", "toc", "index"] { runs.append((command, [Array(command.utf8), root])) }
        runs.append(("check --json", [Array("check".utf8), root, Array("--json".utf8)]))
        runs.append(("search --json", [Array("search".utf8), Array("title".utf8), root, Array("--json".utf8)]))
        for note in ["out/climb.md", "escapes/osc52-clipboard.md", "floods/links.md", "bytes/nul.md", "vault/escapes.md",
                     "vault/climb.md", "vault/target.md"] {
            for command in ["links", "backlinks"] {
                runs.append((command, [Array(command.utf8), Array((hostile.root + "/" + note).utf8)]))
            }
        }

        var slowest = (0.0, "")
        for (name, arguments) in runs {
            let shown = "\(name) \(arguments.dropFirst().map { String(decoding: $0, as: UTF8.self) }.joined(separator: " ").debugDescription)"
            let result = Spawn.run(arguments, environment: environment, timeout: bound)
            if result.seconds > slowest.0 { slowest = (result.seconds, shown) }
            #expect(!(result.timedOut), "\(shown): \(result.ended)")
            #expect(result.signal == nil, "\(shown): \(result.ended)\n\(result.errorText.suffix(2000))")
            #expect(result.status < 100, "\(shown): \(result.ended) \(result.errorText.prefix(300))")
            #expect(TerminalBytes.lineViolations(result.output) == [], "\(shown) stdout")
            #expect(TerminalBytes.lineViolations(result.errors) == [], "\(shown) stderr")
            #expect(!(result.output.contains(Array(HostileCollection.secret.utf8))), "\(shown) printed the secret")
            #expect(!(result.errors.contains(Array(HostileCollection.secret.utf8))), "\(shown) printed the secret")
            #expect(watch.drain() == 0, "\(shown) opened or read something outside the collection")
            // Errors are one clear line each, never a dump.
            for line in result.errorText.split(separator: "\n") where !line.hasPrefix("  ") {
                #expect(line.count < 2000, "\(shown): an error line of \(line.count) characters")
            }
        }
        // Named explicitly, a symlink leading out is refused with one line, not followed.
        let link = Spawn.run([Array("render".utf8), Array((hostile.root + "/out/secret-link.md").utf8)], environment: environment)
        #expect(link.status == 66, "\(link.errorText)")
        #expect(link.errorText.contains("outside the collection"), "\(link.errorText)")
        #expect(watch.drain() == 0, "following the named symlink read the secret")
        print("hostile: \(runs.count) commands; slowest \(String(format: "%.1f", slowest.0)) s: \(slowest.1.prefix(120))")
        #expect(treeFingerprint(hostile.root) == before, "something inside the collection changed")
    }

    /// Every regular note file, by its real bytes (names with escapes and invalid UTF-8 too).
    private func notePaths() -> [[UInt8]] {
        var paths: [[UInt8]] = []
        for folder in ["", "/escapes", "/bytes", "/big", "/deep", "/floods", "/out", "/vault"] {
            let path = Array((hostile.root + folder).utf8)
            for entry in (try? FileSystem.list(path)) ?? [] where entry.name.count > 3 && entry.name.suffix(3).elementsEqual(Array(".md".utf8)) {
                // Of the embed chain, its start is enough (it reads the other 99).
                if folder == "/vault", entry.name.starts(with: Array("chain-".utf8)), !entry.name.elementsEqual(Array("chain-0.md".utf8)) { continue }
                paths.append(path + [0x2F] + entry.name)
            }
        }
        return paths
    }
}
}
