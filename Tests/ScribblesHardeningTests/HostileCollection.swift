import Foundation
import Glibc
import ScribblesVault

/// A collection written to be as unpleasant as notes from strangers can be: escape sequences
/// everywhere text can go (titles, text, link targets, file names), invalid UTF-8, NUL bytes,
/// huge notes and lines, deep nesting, link and tag floods, emphasis bombs, symlinks that loop
/// or lead out, links that climb out, unreadable files, and a 1 MB SUMMARY.md.
///
/// Beside the collection sits `outside/`, holding a secret that nothing may ever read: its
/// text is `HostileCollection.secret`, so any output containing it proves a leak.
///
/// Build once per test process (the 50 MB note takes a moment); `HOSTILE_KEEP=1` keeps the
/// folder and prints where it is, to try the app on it by hand.
final class HostileCollection: @unchecked Sendable {
    static let shared = HostileCollection()
    static let secret = "SECRET-OUTSIDE-THE-COLLECTION-7f3a"

    let base: String
    var root: String { base + "/notes" }
    var outside: String { base + "/outside" }

    /// Escape and control sequences a terminal would act on.
    static let sequences: [(String, [UInt8])] = [
        ("csi-clear", Array("\u{1B}[2J\u{1B}[H".utf8)),
        ("csi-colour", Array("\u{1B}[38;2;1;2;3mRED\u{1B}[0m".utf8)),
        ("csi-queries", Array("\u{1B}[6n\u{1B}[21t\u{1B}[c".utf8)),
        ("osc52-clipboard", Array("\u{1B}]52;c;cm0gLXJmIH4K\u{07}".utf8)),
        ("osc8-hyperlink", Array("\u{1B}]8;;https://evil.example\u{1B}\\click\u{1B}]8;;\u{1B}\\".utf8)),
        ("osc-title", Array("\u{1B}]0;pwned\u{1B}\\".utf8)),
        ("dcs", Array("\u{1B}P+q544e\u{1B}\\".utf8)),
        ("c1-csi-utf8", Array("\u{9B}2J\u{9D}52;c;eA==\u{9C}".utf8)),
        ("c1-raw-bytes", [0x9B, 0x32, 0x4A, 0x9D, 0x30, 0x3B, 0x78, 0x07]),
        ("bell-backspace", [0x07, 0x08, 0x08, 0x7F, 0x0D]),
        ("bidi", Array("abc\u{202E}fed\u{2066}x".utf8)),
    ]

    /// Every sequence joined, for places that take one string.
    static var allSequences: [UInt8] { sequences.flatMap(\.1) }

    private init() {
        base = NSTemporaryDirectory() + "scribbles-hostile-\(getpid())"
        try? FileManager.default.removeItem(atPath: base)
        write()
        if ProcessInfo.processInfo.environment["HOSTILE_KEEP"] == "1" {
            print("hostile collection kept at \(root)")
        } else {
            let base = self.base
            atexit_remove(base)
        }
    }

    // MARK: - Writing

    private func write() {
        folder(base)
        folder(outside)
        file(outside + "/secret.md", Array("# \(Self.secret)\n\n\(Self.secret) [back](../notes/README.md)\n".utf8))
        file(outside + "/secret.png", Array(Self.secret.utf8))
        folder(root)
        escapes()
        encodings()
        sizes()
        nesting()
        floods()
        escapesOut()
        obsidian()
        summary()
        readme()
    }

    /// Escape sequences in titles, text, link targets and texts, code, tables, tags, front matter.
    private func escapes() {
        folder(root + "/escapes")
        for (name, seq) in Self.sequences {
            var note: [UInt8] = []
            note += Array("---\ndescription: \"desc ".utf8) + yamlSafe(seq) + Array("\"\ntitle: t\n---\n".utf8)
            note += Array("# Title ".utf8) + seq + Array(" end\n\nText ".utf8) + seq + Array(" more *emph ".utf8) + seq
            note += Array("* and `code ".utf8) + seq + Array("`.\n\n[link ".utf8) + seq + Array("](".utf8) + seq
            note += Array(".md) and [ok](../README.md \"title ".utf8) + seq + Array("\")\n\n".utf8)
            note += Array("```\ncode ".utf8) + seq + Array("\n```\n\n| a | b |\n|---|---|\n| ".utf8) + seq + Array(" | x |\n\n".utf8)
            note += Array("{% hint style=\"info\" %}\nhint ".utf8) + seq + Array("\n{% endhint %}\n\n".utf8)
            note += Array("{% page-ref page=\"".utf8) + seq + Array(".md\" %}\n\n".utf8)
            note += Array("{% embed url=\"https://x.example/".utf8) + seq + Array("\" %}\n\n".utf8)
            note += Array("{% tabs %}\n{% tab title=\"".utf8) + seq + Array("\" %}\ntab\n{% endtab %}\n{% endtabs %}\n\n".utf8)
            note += Array("- [ ] task ".utf8) + seq + Array("\n> quote ".utf8) + seq + Array("\n\n[[wiki ".utf8) + seq
            note += Array("]] and footnote[^1]\n\n[^1]: note ".utf8) + seq + Array("\n\n<b>html ".utf8) + seq + Array("</b>\n".utf8)
            file(root + "/escapes/\(name).md", note)
        }
        // Escapes and odd bytes in file names; each note says its name in the title.
        let names: [[UInt8]] = [
            Array("\u{1B}[31mred.md".utf8), Array("\u{1B}]52;c;eA==\u{07}.md".utf8), [0x9B, 0x32, 0x4A] + Array(".md".utf8),
            Array("new\nline.md".utf8), Array("tab\tname.md".utf8), Array("\u{9B}c1.md".utf8),
        ]
        for name in names {
            file(Array((root + "/escapes/").utf8) + name, Array("# Named oddly\n\nSee [readme](../README.md).\n".utf8))
        }
    }

    /// Invalid UTF-8, NUL bytes, a binary file with a .md name, an empty note, CRLF and BOM.
    private func encodings() {
        folder(root + "/bytes")
        file(root + "/bytes/invalid-utf8.md", Array("# Invalid \u{FFFD}\n\n".utf8)
             + [0xC3, 0x28, 0xA0, 0xA1, 0xE2, 0x28, 0xA1, 0xF0, 0x28, 0x8C, 0xBC, 0xC0, 0xAF, 0xED, 0xA0, 0x80, 0xFF, 0xFE]
             + Array(" words after\n\n[link](".utf8) + [0xFF, 0xFE] + Array(".md)\n".utf8))
        file(root + "/bytes/nul.md", Array("# Nul\u{0}title\n\ntext\u{0}\u{0}with nul [x](a\u{0}b.md)\n".utf8))
        var binary: [UInt8] = Array("\u{89}PNG\r\n\u{1A}\n".utf8)
        var seed: UInt64 = 42
        for _ in 0..<65_536 {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            binary.append(UInt8(truncatingIfNeeded: seed >> 33))
        }
        file(root + "/bytes/binary.md", binary)
        file(root + "/bytes/empty.md", [])
        file(root + "/bytes/crlf-bom.md", [0xEF, 0xBB, 0xBF] + Array("# CRLF\r\n\r\ntext\r\n* item\r\n".utf8))
        file(root + "/bytes/unreadable.md", Array("# Unreadable\n".utf8))
        chmod(root + "/bytes/unreadable.md", 0)
        folder(root + "/bytes/closed-folder")
        file(root + "/bytes/closed-folder/inside.md", Array("# Inside a closed folder\n".utf8))
        chmod(root + "/bytes/closed-folder", 0)
        mkfifo(root + "/bytes/fifo.md", 0o644)
    }

    /// A 50 MB note, a 5 MB line.
    private func sizes() {
        folder(root + "/big")
        let paragraph = Array("Lorem ipsum *dolor* sit amet, [link](../README.md) consectetur `code` adipiscing elit.\n\n".utf8)
        var big: [UInt8] = Array("# Fifty megabytes\n\n".utf8)
        big.reserveCapacity(50 << 20 + paragraph.count)
        var section = 0
        while big.count < 50 << 20 {
            if big.count / (1 << 20) > section {
                section += 1
                big += Array("## Section \(section)\n\n".utf8)
            }
            big += paragraph
        }
        file(root + "/big/fifty-mb.md", big)
        var line: [UInt8] = Array("# Long line\n\n".utf8)
        let words = Array("word **bold** [l](x.md) ".utf8)
        while line.count < 5 << 20 { line += words }
        file(root + "/big/five-mb-line.md", line + [0x0A])
    }

    /// Lists and quotes 10,000 deep, alone and interleaved, and deep inline nesting.
    private func nesting() {
        folder(root + "/deep")
        var lists: [UInt8] = Array("# Deep lists\n\n".utf8)
        for depth in 0..<10_000 { lists += [UInt8](repeating: 0x20, count: depth * 2) + Array("- level \(depth)\n".utf8) }
        file(root + "/deep/lists.md", lists)
        file(root + "/deep/quotes.md", Array("# Deep quotes\n\n".utf8) + [UInt8](repeating: 0x3E, count: 10_000) + Array(" bottom\n".utf8))
        file(root + "/deep/mixed.md", Array("# Mixed\n\n".utf8) + Array(String(repeating: "> - ", count: 5_000).utf8) + Array("x\n".utf8))
        file(root + "/deep/brackets.md", Array("# Brackets\n\n".utf8) + Array(String(repeating: "[", count: 50_000).utf8)
             + Array("x".utf8) + Array(String(repeating: "](y)", count: 50_000).utf8) + [0x0A])
        let bomb = String(repeating: "*a **b ***c _d __e ~~f ", count: 20_000) + String(repeating: "`", count: 10_000)
            + String(repeating: "<a ", count: 10_000) + String(repeating: "![", count: 20_000)
        file(root + "/deep/emphasis-bomb.md", Array(("# Emphasis bomb\n\n" + bomb + "\n").utf8))
        var tags = "# Tags\n\n"
        for index in 0..<10_000 { tags += index % 3 == 0 ? "{% hint style=\"info\" %}\n" : index % 3 == 1 ? "{% tabs %}{% tab title=\"t\" %}\n" : "{% code title=\"c\" %}\n" }
        file(root + "/deep/unclosed-tags.md", Array(tags.utf8))
        file(root + "/deep/closers-only.md", Array(("# Closers\n\n" + String(repeating: "{% endhint %}{% endtabs %}\n", count: 10_000)).utf8))
    }

    /// 100,000 links in one note, half of them broken.
    private func floods() {
        folder(root + "/floods")
        var links = "# Links\n\n"
        for index in 0..<100_000 {
            links += index % 2 == 0 ? "[l\(index)](../README.md) " : "[b\(index)](missing-\(index).md#h) "
            if index % 20 == 19 { links += "\n" }
        }
        file(root + "/floods/links.md", Array(links.utf8))
    }

    /// Obsidian's syntax at its worst: callouts 1,000 deep, 100,000 embeds, embed cycles and a
    /// chain of 100, unclosed `==`, `%%` and `[[`, a `^id` on every line, a wikilink to a folder,
    /// embeds that climb out, and escape sequences in callout titles, embeds, tags and properties.
    private func obsidian() {
        let vault = root + "/vault"
        folder(vault)
        var nested = "# Nested callouts\n\n"
        for depth in 1...1_000 { nested += String(repeating: "> ", count: depth) + "[!note]- level \(depth)\n" }
        file(vault + "/callouts-deep.md", Array(nested.utf8))
        file(vault + "/embeds-flood.md", Array(("# Embeds\n\n" + String(repeating: "![[target]] ![[target#Part]] ![[pic.png|30]]\n", count: 33_334)).utf8))
        file(vault + "/target.md", Array("# Target\n\n## Part\n\nSome text. ^block\n".utf8))
        file(vault + "/cycle-a.md", Array("![[cycle-b]]\n".utf8))
        file(vault + "/cycle-b.md", Array("![[cycle-a]]\n".utf8))
        file(vault + "/self.md", Array("me ![[self]] and ![[#Here]]\n\n## Here\n\n![[self#Here]]\n".utf8))
        for index in 0..<100 { file(vault + "/chain-\(index).md", Array("![[chain-\(index + 1)]]\n".utf8)) }
        file(vault + "/unclosed.md", Array(("# Unclosed\n\n" + String(repeating: "==open %%open [[open ^[open $open ", count: 20_000) + "\n").utf8))
        file(vault + "/ids.md", Array((0..<50_000).map { "line \($0) ^id-\($0)\n" }.joined().utf8))
        file(vault + "/brackets.md", Array(("# Brackets\n\n" + String(repeating: "[[", count: 100_000) + "\n").utf8))
        folder(vault + "/Folder")
        file(vault + "/Folder/inside.md", Array("inside\n".utf8))
        file(vault + "/to-folder.md", Array("[[Folder]] ![[Folder]]\n".utf8))
        file(vault + "/climb.md", Array(("![[../../outside/secret]] ![[../../outside/secret.md]] [[../../outside/secret]] "
            + "![[" + outside + "/secret.md]] ![[../../outside/secret.png]] [[secret]]\n").utf8))
        let seq = Self.allSequences
        var hostile = Array("---\naliases: [\"a ".utf8) + yamlSafe(seq) + Array("\"]\ntags: [\"t".utf8) + yamlSafe(seq)
        hostile += Array("\"]\nparent: \"[[x".utf8) + yamlSafe(seq) + Array("]]\"\n---\n".utf8)
        hostile += Array("> [!".utf8) + seq + Array("]- title ".utf8) + seq + Array("\n> body ".utf8) + seq + Array("\n\n".utf8)
        hostile += Array("![[".utf8) + seq + Array("]] ![[a.png|".utf8) + seq + Array("]] #tag".utf8) + seq
        hostile += Array(" ==mark ".utf8) + seq + Array("== ^[foot ".utf8) + seq + Array("] $".utf8) + seq + Array("$\n".utf8)
        file(vault + "/escapes.md", hostile)
    }

    /// Links, includes and symlinks that lead out of the collection; a symlink loop.
    private func escapesOut() {
        folder(root + "/out")
        let targets = ["../../outside/secret.md", "../../../../../../../../" + outside.dropFirst() + "/secret.md",
                       outside + "/secret.md", "/etc/passwd", "file://" + outside + "/secret.md",
                       "..%2F..%2Foutside%2Fsecret.md", "%2e%2e/%2e%2e/outside/secret.md", "../..//outside/./secret.md"]
        var note = "# Climbing out\n\n"
        for target in targets {
            note += "[md](\(target)) ![img](\(target.replacingOccurrences(of: ".md", with: ".png"))) <\(target)>\n\n"
            note += "{% include \"\(target)\" %}\n\n{% page-ref page=\"\(target)\" %}\n\n{% content-ref url=\"\(target)\" %}\n[x](\(target))\n{% endcontent-ref %}\n\n"
            note += "{% file src=\"\(target)\" %}\n\n[[\(target)]] [[\(target.replacingOccurrences(of: ".md", with: ""))]]\n\n"
        }
        file(root + "/out/climb.md", Array(note.utf8))
        symlink(outside + "/secret.md", root + "/out/secret-link.md")
        symlink(outside, root + "/out/outside-folder")
        symlink("../out", root + "/out/loop")
        symlink(".", root + "/out/self")
        symlink("nowhere.md", root + "/out/dangling.md")
        symlink("/dev/zero", root + "/out/zero.md")
    }

    /// A SUMMARY.md of about 1 MB: every note, hostile titles, links out, deep nesting.
    private func summary() {
        var lines: [UInt8] = Array("# Summary\n\n## Start\n\n* [Readme](README.md)\n".utf8)
        for (name, seq) in Self.sequences {
            lines += Array("* [".utf8) + seq + Array(" \(name)](escapes/\(name).md)\n".utf8)
        }
        for note in ["bytes/invalid-utf8.md", "bytes/nul.md", "bytes/binary.md", "big/fifty-mb.md", "big/five-mb-line.md",
                     "deep/lists.md", "deep/quotes.md", "deep/emphasis-bomb.md", "deep/unclosed-tags.md", "floods/links.md",
                     "out/climb.md", "out/secret-link.md", "../outside/secret.md", outside + "/secret.md"] {
            lines += Array("* [\(note)](\(note))\n".utf8)
        }
        lines += Array("\n## Flood\n\n".utf8)
        var index = 0
        while lines.count < 1 << 20 {
            let depth = index % 40
            lines += [UInt8](repeating: 0x20, count: depth * 2)
            lines += Array("* [Entry \(index) ".utf8) + (index % 7 == 0 ? Self.sequences[index % Self.sequences.count].1 : [])
            lines += Array("](missing/\(index).md)\n".utf8)
            index += 1
        }
        file(root + "/SUMMARY.md", lines)
    }

    private func readme() {
        file(root + "/README.md", Array("# Hostile collection\n\nStart at [climb](out/climb.md) or [links](floods/links.md).\n".utf8))
    }

    // MARK: - File system, by bytes

    private func folder(_ path: String) { mkdir(path, 0o755) }

    private func file(_ path: String, _ bytes: [UInt8]) { file(Array(path.utf8), bytes) }

    private func file(_ path: [UInt8], _ bytes: [UInt8]) {
        let fd = (path + [0]).withUnsafeBufferPointer { pointer in
            pointer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
        }
        precondition(fd >= 0, "cannot write \(String(decoding: path, as: UTF8.self))")
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                precondition(written > 0)
                offset += written
            }
        }
        close(fd)
    }

    private func yamlSafe(_ bytes: [UInt8]) -> [UInt8] { bytes.filter { $0 != 0x22 && $0 != 0x5C && $0 != 0x0A } }
}

/// Removes the collection at exit (the 50 MB note should not pile up in /tmp).
private nonisolated(unsafe) var removeAtExit: [String] = []
private func atexit_remove(_ path: String) {
    removeAtExit.append(path)
    atexit {
        for path in removeAtExit {
            // Closed folders first get their permissions back, so they can be removed.
            _ = chmod(path + "/notes/bytes/closed-folder", 0o755)
            try? FileManager.default.removeItem(atPath: path)
        }
    }
}

/// A fingerprint of every entry under a folder (not following symlinks): path bytes, kind,
/// size, modification time and a hash of the content. Equal before and after = nothing written.
func treeFingerprint(_ path: String) -> [String] {
    var rows: [String] = []
    func walk(_ path: [UInt8]) {
        var info = stat()
        guard (path + [0]).withUnsafeBufferPointer({ p in p.withMemoryRebound(to: CChar.self) { lstat($0.baseAddress!, &info) } }) == 0 else {
            rows.append("\(path) missing")
            return
        }
        let kind = info.st_mode & S_IFMT
        var row = "\(path) \(kind) \(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec) \(info.st_mode & 0o7777)"
        if kind == S_IFREG, (info.st_mode & 0o444) != 0 {
            var hash: UInt64 = 0xcbf29ce484222325
            if let data = FileManager.default.contents(atPath: String(decoding: path, as: UTF8.self)) {
                for byte in data { hash = (hash ^ UInt64(byte)) &* 0x100000001b3 }
            }
            row += " \(hash)"
        }
        rows.append(row)
        guard kind == S_IFDIR, let entries = try? FileSystem.list(path) else { return }
        for name in entries.map(\.name).sorted(by: { $0.lexicographicallyPrecedes($1) }) { walk(path + [0x2F] + name) }
    }
    walk(Array(path.utf8))
    return rows
}
