#if canImport(Glibc)
import Glibc
#endif
import ScribblesText
import Synchronization

/// Which of KSyntaxHighlighting's definitions a code block's language names: the info
/// string's first word (` ```py `) or `{% code %}`'s, with the usual aliases.
public enum SyntaxLanguage {
    static let aliases: [String: String] = [
        "sh": "Bash", "bash": "Bash", "shell": "Bash", "console": "Bash", "shell-session": "Bash", "shellsession": "Bash",
        "terminal": "Bash", "ksh": "Bash", "zsh": "Zsh",
        "json": "JSON", "jsonc": "JSON", "json5": "JSON", "yaml": "YAML", "yml": "YAML", "toml": "TOML",
        "ini": "INI Files", "cfg": "INI Files", "conf": "INI Files", "properties": "INI Files", "dosini": "INI Files",
        "javascript": "JavaScript", "js": "JavaScript", "mjs": "JavaScript", "cjs": "JavaScript", "node": "JavaScript",
        "jsx": "JavaScript React (JSX)", "typescript": "TypeScript", "ts": "TypeScript", "tsx": "TypeScript React (TSX)",
        "python": "Python", "py": "Python", "python3": "Python", "py3": "Python", "swift": "Swift",
        "go": "Go", "golang": "Go", "rust": "Rust", "rs": "Rust", "java": "Java", "kotlin": "Kotlin", "kt": "Kotlin",
        "kts": "Kotlin", "c": "C", "h": "C", "cpp": "C++", "c++": "C++", "cc": "C++", "cxx": "C++", "hpp": "C++",
        "csharp": "C#", "cs": "C#", "c#": "C#", "ruby": "Ruby", "rb": "Ruby", "php": "PHP/PHP", "sql": "SQL",
        "mysql": "SQL (MySQL)", "postgresql": "SQL (PostgreSQL)", "postgres": "SQL (PostgreSQL)", "psql": "SQL (PostgreSQL)",
        "plsql": "SQL (Oracle)", "html": "HTML", "htm": "HTML", "xhtml": "HTML", "xml": "XML", "svg": "XML",
        "xsd": "XML", "plist": "XML", "css": "CSS", "scss": "SCSS", "diff": "Diff", "patch": "Diff",
        "dockerfile": "Dockerfile", "docker": "Dockerfile", "makefile": "Makefile", "make": "Makefile",
        "mk": "Makefile", "cmake": "CMake", "markdown": "Markdown", "md": "Markdown", "graphql": "GraphQL",
        "gql": "GraphQL", "lua": "Lua", "perl": "Perl", "pl": "Perl", "r": "R Script", "scala": "Scala",
        "haskell": "Haskell", "hs": "Haskell", "elixir": "Elixir", "ex": "Elixir", "dart": "Dart",
        "objective-c": "Objective-C", "objc": "Objective-C", "powershell": "PowerShell", "ps1": "PowerShell",
        "pwsh": "PowerShell", "groovy": "Groovy", "gradle": "Groovy", "terraform": "Terraform", "tf": "Terraform",
        "hcl": "Terraform", "proto": "Protobuf", "protobuf": "Protobuf",
    ]

    /// The definition for `language` as written (case ignored; `language-py` and
    /// `python{.numberLines}` too), nil when we know none.
    public static func definition(for language: String) -> String? {
        let key = String(language.lowercased().trimmingPrefix("language-"))
        guard !key.isEmpty, key.count <= 40 else { return nil }
        if let name = aliases[key] { return name }
        return aliases[String(key.prefix { $0.isLetter || $0.isNumber || "+#-".contains($0) })]
    }

    /// KSyntaxHighlighting's text styles (`Theme::TextStyle`) as our kinds; nil for plain.
    /// Its Diff definition marks added lines as variables and removed ones as strings.
    static func kind(ofStyle style: Int32, definition: String = "") -> SyntaxKind? {
        if definition == "Diff" {
            if style == 3 { return .added }
            if style == 12 { return .removed }
        }
        switch style {
        case 1, 4: return .keyword
        case 2: return .function
        case 3: return .variable
        case 5: return .operator
        case 6, 7: return .builtin
        case 8, 15: return .preprocessor
        case 9, 23: return .attribute
        case 10, 12, 13, 14: return .string
        case 11: return .escape
        case 16: return .type
        case 17, 18, 19: return .number
        case 20: return .constant
        case 21, 22, 24, 25, 26, 27: return .comment
        case 28, 29: return .error
        default: return nil
        }
    }
}

/// Colours code with KSyntaxHighlighting, loaded on first use from `libScribblesSyntax.so`
/// next to the executable (or `$SCRIBBLES_SYNTAX_LIBRARY`): a process that shows no code
/// never loads Qt. Without the library, code stays plain. Blocks are cached by language and
/// text, so a note laid out again at another width is not highlighted again.
public final class SyntaxHighlighter: Sendable {
    public static let shared = SyntaxHighlighter()

    /// Longer blocks stay plain (a note's budget is `CodeHighlighting`'s, in layout).
    public static let blockLimit = 256 << 10

    typealias TokenCallback = @convention(c) (UnsafeMutableRawPointer?, Int32, Int32, Int32, Int32) -> Void
    typealias HighlightFunction = @convention(c) (UnsafePointer<CChar>?, UnsafePointer<CChar>?, Int, TokenCallback?, UnsafeMutableRawPointer?) -> Int32

    private struct Library: @unchecked Sendable {
        let highlight: HighlightFunction
    }

    private let library = Mutex<Library??>(nil)
    private let cache = Mutex<[Key: [[SyntaxToken]]]>([:])
    private struct Key: Hashable { let definition: String; let code: String }

    init() {}

    /// What is already highlighted, never highlighting: for the reader's layout, which runs
    /// on the UI loop after the note's loader highlighted it.
    public func cached(_ code: String, language: String) -> [[SyntaxToken]]? {
        guard let definition = SyntaxLanguage.definition(for: language) else { return nil }
        return cache.withLock { $0[Key(definition: definition, code: code)] }
    }

    /// Whether the library could be loaded (loads it).
    public var isAvailable: Bool { loaded() != nil }

    /// The tokens of each line of `code` in `language`, nil when the language is unknown, the
    /// block too long or the library missing.
    public func highlight(_ code: String, language: String) -> [[SyntaxToken]]? {
        guard let definition = SyntaxLanguage.definition(for: language), code.utf8.count <= Self.blockLimit else { return nil }
        let key = Key(definition: definition, code: code)
        if let cached = cache.withLock({ $0[key] }) { return cached }
        guard let library = loaded() else { return nil }
        final class Collector {
            let definition: String
            var lines: [[SyntaxToken]] = []
            init(_ definition: String) { self.definition = definition }
        }
        let collector = Collector(definition)
        let known = withExtendedLifetime(collector) { () -> Int32 in
            let context = Unmanaged.passUnretained(collector).toOpaque()
            let callback: TokenCallback = { context, line, start, length, style in
                guard let context else { return }
                let collector = Unmanaged<Collector>.fromOpaque(context).takeUnretainedValue()
                guard let kind = SyntaxLanguage.kind(ofStyle: style, definition: collector.definition) else { return }
                let index = Int(line)
                if collector.lines.count <= index { collector.lines += Array(repeating: [], count: index + 1 - collector.lines.count) }
                collector.lines[index].append(SyntaxToken(start: start, length: length, kind: kind))
            }
            return definition.withCString { name in
                var text = code
                return text.withUTF8 { bytes in
                    bytes.withMemoryRebound(to: CChar.self) { chars in
                        library.highlight(name, chars.baseAddress, chars.count, callback, context)
                    }
                }
            }
        }
        guard known != 0 else { return nil }
        cache.withLock { cache in
            // A bounded cache: a session reading many notes does not keep every block.
            if cache.count > 512 { cache.removeAll() }
            cache[key] = collector.lines
        }
        return collector.lines
    }

    private func loaded() -> Library? {
        library.withLock { state in
            if let known = state { return known }
            let found = Self.open()
            state = .some(found)
            return found
        }
    }

    private static func open() -> Library? {
        var candidates: [String] = []
        if let path = getenv("SCRIBBLES_SYNTAX_LIBRARY").map({ String(cString: $0) }), !path.isEmpty { candidates.append(path) }
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if count > 0 {
            let executable = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if let slash = executable.lastIndex(of: "/") { candidates.append(executable[..<slash] + "/libScribblesSyntax.so") }
        }
        candidates.append("libScribblesSyntax.so")
        for path in candidates {
            guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL), let symbol = dlsym(handle, "scribbles_highlight") else { continue }
            return Library(highlight: unsafeBitCast(symbol, to: HighlightFunction.self))
        }
        return nil
    }
}
