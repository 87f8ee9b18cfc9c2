import ScribblesApp
import ScribblesText
import ScribblesVault
import TOMLKit

/// A colour a config file chooses for a role.
public enum ThemeColor: Hashable, Sendable {
    /// The terminal's own foreground.
    case terminalDefault
    /// One of the 256 palette colours (0–15 are the terminal's named colours).
    case palette(Int)
}

/// How a config file changes one role's look; nil fields keep the default.
public struct ThemeEntry: Hashable, Sendable {
    public var color: ThemeColor?
    public var bold: Bool?
    public var dim: Bool?
    public var italic: Bool?
    public var underline: Bool?
    public var reverse: Bool?

    public init(color: ThemeColor? = nil, bold: Bool? = nil, dim: Bool? = nil, italic: Bool? = nil,
                underline: Bool? = nil, reverse: Bool? = nil) {
        self.color = color
        self.bold = bold
        self.dim = dim
        self.italic = italic
        self.underline = underline
        self.reverse = reverse
    }
}

/// The user's settings from `$XDG_CONFIG_HOME/scribbles/config.toml` (else
/// `~/.config/scribbles/config.toml`). A missing file is no error; anything wrong in it is
/// one warning naming the file and line, and the defaults stand for that setting.
///
///     collection = "~/notes"     # opened when no folder is named
///     list-width = 32            # columns of the list pane
///
///     [theme]                    # a colour for each role: 0-255, a name, "#rrggbb"
///     link = "cyan"
///     heading1 = { color = 213, bold = true }
///
///     [keys]                     # actions bound to more keys
///     search = "s"
///     down = ["ctrl-k", "J"]
public struct Config: Sendable {
    public var collection: String?
    public var listWidth: Int?
    public var theme: [Role: ThemeEntry] = [:]
    /// Key → the key of the action it is bound to.
    public var keys: [Key: Key] = [:]
    public var warnings: [String] = []

    public init() {}

    public static let listWidthRange = 12...200

    /// Where the file is looked for, from the environment (nil without XDG_CONFIG_HOME or HOME).
    public static func defaultPath(_ environment: (String) -> String?) -> String? {
        if let folder = environment("XDG_CONFIG_HOME"), folder.hasPrefix("/") { return folder + "/scribbles/config.toml" }
        guard let home = environment("HOME"), !home.isEmpty else { return nil }
        return home + "/.config/scribbles/config.toml"
    }

    /// Reads and checks the file at `path`; a file that does not exist gives the defaults.
    public static func load(path: String, home: String?) -> Config {
        let bytes: [UInt8]
        var config = Config()
        guard FileSystem.stat(Array(path.utf8)) != nil else { return config }
        do {
            bytes = try FileSystem.read(Array(path.utf8), limit: 1 << 20)
        } catch {
            config.warnings = ["\(path): \(error.reason) (the defaults stand)"]
            return config
        }
        guard bytes.count < 1 << 20 else {
            config.warnings = ["\(path): larger than 1 MB, not read (the defaults stand)"]
            return config
        }
        return parse(String(decoding: bytes, as: UTF8.self), file: path, home: home)
    }

    /// Checks the text of a config file; `file` names it in warnings.
    public static func parse(_ text: String, file: String, home: String? = nil) -> Config {
        var config = Config()
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            config.warnings = ["\(file):\(error.source.begin.line): \(error.description) (the file is not read; the defaults stand)"]
            return config
        } catch {
            config.warnings = ["\(file): cannot be read as TOML (the defaults stand)"]
            return config
        }
        var reader = Reader(file: file, lines: text.split(separator: "\n", omittingEmptySubsequences: false))
        for (rawKey, value) in table {
            let key = rawKey.replacing("_", with: "-")
            switch key {
            case "collection":
                guard let path = value.tomlValue.string, !path.isEmpty else {
                    reader.warn(nil, rawKey, "must be a folder, as a string"); continue
                }
                config.collection = path.hasPrefix("~/") ? (home.map { $0 + path.dropFirst(1) } ?? path) : path
            case "list-width":
                guard let width = value.tomlValue.int, listWidthRange.contains(width) else {
                    reader.warn(nil, rawKey, "must be a number of columns from \(listWidthRange.lowerBound) to \(listWidthRange.upperBound)"); continue
                }
                config.listWidth = width
            case "theme":
                guard let theme = value.tomlValue.table else { reader.warn(nil, rawKey, "must be a table ([theme])"); continue }
                for (name, entry) in theme { reader.themeEntry(name, entry.tomlValue, into: &config.theme) }
            case "keys":
                guard let keys = value.tomlValue.table else { reader.warn(nil, rawKey, "must be a table ([keys])"); continue }
                for (name, entry) in keys { reader.binding(name, entry.tomlValue, into: &config.keys) }
            default:
                reader.warn(nil, rawKey, "is not a setting (known: collection, list-width, [theme], [keys])")
            }
        }
        config.warnings = reader.warnings
        return config
    }

    /// The roles a theme can set, by the names a config file uses.
    public static let roles: [String: Role] = {
        var roles: [String: Role] = [
            "text": .text, "title": .title, "summary": .summary, "quote": .quote, "quote-bar": .quoteBar,
            "marker": .marker, "code": .code, "code-block": .codeBlock, "code-frame": .codeFrame, "link": .link,
            "broken-link": .brokenLink, "image": .image, "embed": .embed, "card": .card, "card-frame": .cardFrame,
            "table-header": .tableHeader, "table-frame": .tableFrame, "rule": .rule, "dim": .dim,
            "unknown-tag": .unknownTag, "footnote": .footnote, "math": .math, "keyboard": .keyboard, "tag": .tag,
            "property": .property, "match": .match, "api-method": .apiMethod, "chrome": .chrome, "accent": .accent,
            "status": .status, "error": .error, "label": .label,
        ]
        for level in 1...6 { roles["heading\(level)"] = .heading(level) }
        for kind in SyntaxKind.allCases { roles["syntax-" + kind.rawValue] = .syntax(kind) }
        for kind in HintKind.allCases { roles["hint-" + kind.rawValue] = .hint(kind) }
        for color in ["red", "orange", "yellow", "green", "blue", "purple", "highlight"] {
            roles["mark-" + color] = .mark(MarkColor(rawValue: color)!)
        }
        return roles
    }()

    static let colorNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// A colour as written: 0–255, a name (`blue`, `bright-blue`, `default`), or `#rrggbb`
    /// (the nearest colour of the 256-colour cube).
    static func color(_ value: TOMLValue) -> ThemeColor? {
        if let number = value.int { return (0...255).contains(number) ? .palette(number) : nil }
        guard let text = value.string?.lowercased() else { return nil }
        if text == "default" || text == "none" { return .terminalDefault }
        if let index = colorNames.firstIndex(of: text) { return .palette(index) }
        for prefix in ["bright-", "bright", "light-"] where text.hasPrefix(prefix) {
            if let index = colorNames.firstIndex(of: String(text.dropFirst(prefix.count))) { return .palette(index + 8) }
        }
        if text == "gray" || text == "grey" { return .palette(8) }
        if text.hasPrefix("#"), text.count == 7, let rgb = Int(text.dropFirst(), radix: 16) {
            let level = { (shift: Int) in (((rgb >> shift) & 0xFF) * 5 + 127) / 255 }
            return .palette(16 + 36 * level(16) + 6 * level(8) + level(0))
        }
        return nil
    }
}

/// Walks a parsed file, finding the line of each key in the text for warnings.
private struct Reader {
    let file: String
    let lines: [Substring]
    /// Each warning with its line (0 when unknown), put in line order at the end.
    private var found: [(line: Int, text: String)] = []
    var warnings: [String] { found.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map(\.element.text) }

    init(file: String, lines: [Substring]) {
        self.file = file
        self.lines = lines
    }

    /// The 1-based line where `key` is set in `[section]` (nil: the top level), if found.
    func line(_ section: String?, _ key: String) -> Int? {
        var current: String? = nil
        for (number, raw) in lines.enumerated() {
            let line = raw.drop { $0 == " " || $0 == "\t" }
            if line.hasPrefix("[") {
                let name = line.dropFirst().prefix { $0 != "]" }.trimmingBlanks
                current = name.isEmpty ? nil : String(name)
                if section == nil, current == key { return number + 1 }
                continue
            }
            guard current == section else { continue }
            for written in [key, "\"\(key)\"", "'\(key)'"] where line.hasPrefix(written) {
                if line.dropFirst(written.count).drop(while: { $0 == " " || $0 == "\t" }).hasPrefix("=") { return number + 1 }
            }
        }
        return nil
    }

    mutating func warn(_ section: String?, _ key: String, _ problem: String) {
        let number = line(section, key)
        let place = number.map { "\(file):\($0)" } ?? file
        let name = section.map { "\(key) in [\($0)]" } ?? key
        found.append((number ?? 0, "\(place): \(name) \(problem) (the default stands)"))
    }

    mutating func themeEntry(_ name: String, _ value: TOMLValue, into theme: inout [Role: ThemeEntry]) {
        guard let role = Config.roles[name.lowercased().replacing("_", with: "-")] else {
            warn("theme", name, "is not a role (roles: \(Config.roles.keys.sorted().prefix(8).joined(separator: ", ")), …)")
            return
        }
        if let table = value.table {
            var entry = ThemeEntry()
            for (field, setting) in table {
                let setting = setting.tomlValue
                switch field {
                case "color", "colour", "fg":
                    guard let color = Config.color(setting) else { return warn("theme", name, "has a bad colour: use 0-255, a name or #rrggbb") }
                    entry.color = color
                case "bold", "dim", "italic", "underline", "reverse":
                    guard let flag = setting.bool else { return warn("theme", name, "has \(field) that is not true or false") }
                    switch field {
                    case "bold": entry.bold = flag
                    case "dim": entry.dim = flag
                    case "italic": entry.italic = flag
                    case "underline": entry.underline = flag
                    default: entry.reverse = flag
                    }
                default:
                    return warn("theme", name, "has \(field), which is not color, bold, dim, italic, underline or reverse")
                }
            }
            theme[role] = entry
        } else if let color = Config.color(value) {
            theme[role] = ThemeEntry(color: color)
        } else {
            warn("theme", name, "is not a colour: use 0-255, a name (blue, bright-blue, default) or #rrggbb")
        }
    }

    mutating func binding(_ action: String, _ value: TOMLValue, into keys: inout [Key: Key]) {
        guard let target = Keymap.actions.first(where: { $0.name == action.lowercased().replacing("_", with: "-") })?.key else {
            warn("keys", action, "is not an action (actions: \(Keymap.actions.prefix(6).map(\.name).joined(separator: ", ")), … in `scribbles --help`)")
            return
        }
        let names: [String]
        if let one = value.string {
            names = [one]
        } else if let many = value.array, many.allSatisfy({ $0.tomlValue.string != nil }) {
            names = many.map { $0.tomlValue.string! }
        } else {
            return warn("keys", action, "must be a key or a list of keys (\"s\", \"ctrl-s\", \"space\")")
        }
        for name in names {
            guard let key = Keymap.key(named: name) else {
                let lower = name.lowercased()
                if let letter = lower.last, lower.count > 1, Keymap.unboundControls.contains(letter), lower.dropLast().hasSuffix("-") || lower.hasPrefix("^") {
                    warn("keys", action, "cannot use \"\(name)\": the terminal keeps it (Enter, Tab, Backspace, a signal or flow control)")
                } else {
                    warn("keys", action, "names no key: \"\(name)\"")
                }
                continue
            }
            keys[key] = target
        }
    }
}

private extension Substring {
    var trimmingBlanks: Substring {
        var text = self
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return text
    }
}
