/// Every key of the interface, as the help overlay lists it.
public enum Keymap {
    public struct Entry: Hashable, Sendable {
        public var keys: String
        public var action: String
    }

    /// What a config file can bind a key to: each action by name, with the key that does it
    /// by default. A bound key acts as that key (outside text entry).
    public static let actions: [(name: String, key: Key)] = [
        ("down", .character("j")), ("up", .character("k")),
        ("page-down", .character(" ")), ("page-up", .character("b")),
        ("half-page-down", .character("d")), ("half-page-up", .character("u")),
        ("top", .character("g")), ("bottom", .character("G")),
        ("scroll-right", .character(">")), ("scroll-left", .character("<")),
        ("next-link", .tab), ("previous-link", .backTab), ("follow", .enter),
        ("hints", .character("f")), ("open-external", .character("x")),
        ("back", .character("H")), ("forward", .character("L")),
        ("next-page", .character("]")), ("previous-page", .character("[")),
        ("outline", .character("o")), ("backlinks", .character("B")),
        ("switcher", .character("t")), ("tags", .character("#")),
        ("focus-list", .character("h")), ("focus-reader", .character("l")), ("toggle-list", .character("\\")),
        ("search", .character("/")), ("next-match", .character("n")), ("previous-match", .character("N")),
        ("edit", .character("e")), ("reload", .character("r")), ("help", .character("?")), ("quit", .character("q")),
    ]

    /// A key as written in a config file: one character, or a name (`space`, `enter`, `tab`,
    /// `shift-tab`, `esc`, `backspace`, `delete`, `up`, `down`, `left`, `right`, `page-up`,
    /// `page-down`, `home`, `end`), or `ctrl-` and a letter.
    public static func key(named name: String) -> Key? {
        if name.count == 1, let character = name.first { return character == "\t" ? .tab : .character(character) }
        let lower = name.lowercased()
        for prefix in ["ctrl-", "ctrl+", "c-", "^"] where lower.hasPrefix(prefix) {
            let rest = lower.dropFirst(prefix.count)
            guard rest.count == 1, let letter = rest.first, letter.isASCII, letter.isLetter,
                  !unboundControls.contains(letter) else { return nil }
            return .control(letter)
        }
        let named: [String: Key] = [
            "space": .character(" "), "enter": .enter, "return": .enter, "tab": .tab, "shift-tab": .backTab,
            "backtab": .backTab, "esc": .escape, "escape": .escape, "backspace": .backspace, "delete": .delete,
            "del": .delete, "up": .up, "down": .down, "left": .left, "right": .right, "page-up": .pageUp,
            "pageup": .pageUp, "pgup": .pageUp, "page-down": .pageDown, "pagedown": .pageDown, "pgdn": .pageDown,
            "home": .home, "end": .end,
        ]
        return named[lower]
    }

    /// Ctrl keys a program never sees as such: Ctrl-H, I, J and M are Backspace, Tab and
    /// Enter; Ctrl-C, Ctrl-Z and Ctrl-\ are signals; Ctrl-Q and Ctrl-S are flow control.
    public static let unboundControls: Set<Character> = ["c", "h", "i", "j", "m", "q", "s", "z"]

    /// How the help overlay writes a key.
    public static func name(of key: Key) -> String {
        switch key {
        case .character(" "): return "Space"
        case .character(let character): return String(character)
        case .control(let letter): return "Ctrl-" + letter.uppercased()
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "Enter"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .backspace: return "Backspace"
        case .escape: return "Esc"
        case .delete: return "Delete"
        }
    }

    /// The help rows: every key, then the keys the config file binds, if any.
    public static func help(bindings: [Key: Key]) -> [Entry] {
        guard !bindings.isEmpty else { return help }
        let names = Dictionary(actions.map { ($0.key, $0.name) }, uniquingKeysWith: { a, _ in a })
        let rows = bindings.map { Entry(keys: name(of: $0.key), action: names[$0.value] ?? name(of: $0.value)) }
            .sorted { $0.action == $1.action ? $0.keys < $1.keys : $0.action < $1.action }
        return help + [Entry(keys: "", action: "Yours (config.toml)")] + rows
    }

    /// A heading row has empty keys.
    public static let help: [Entry] = [
        Entry(keys: "", action: "Reading"),
        Entry(keys: "j k ↓ ↑", action: "scroll a line (move in lists)"),
        Entry(keys: "Space PgDn  b PgUp", action: "page down / up"),
        Entry(keys: "d u", action: "half a page down / up"),
        Entry(keys: "g G", action: "top / bottom"),
        Entry(keys: "> <", action: "scroll wide code and tables sideways"),
        Entry(keys: "Tab Shift-Tab", action: "select the next / previous link"),
        Entry(keys: "Enter", action: "follow the link, open the entry or hit"),
        Entry(keys: "f", action: "number the visible links; type one to follow"),
        Entry(keys: "x", action: "open the selected URL or file ($BROWSER)"),
        Entry(keys: "Backspace H", action: "back"),
        Entry(keys: "L", action: "forward"),
        Entry(keys: "] [", action: "next / previous page of the contents"),
        Entry(keys: "o", action: "outline: jump to a heading"),
        Entry(keys: "B", action: "backlinks: notes linking here"),
        Entry(keys: "t", action: "open a note by a few letters of its name"),
        Entry(keys: "#", action: "tags: every tag with its notes; Enter searches"),
        Entry(keys: "", action: "Panes"),
        Entry(keys: "h ←  l →", action: "focus the list / the reader"),
        Entry(keys: "\\", action: "show or hide the list"),
        Entry(keys: "/", action: "search the collection as you type"),
        Entry(keys: "↓ ↑ Tab", action: "in the query: move in the hits, go to them"),
        Entry(keys: "n N", action: "next / previous match in the note"),
        Entry(keys: "Esc", action: "back to the contents; clear a selection"),
        Entry(keys: "", action: "Other"),
        Entry(keys: "e", action: "edit the note in $VISUAL or $EDITOR, at this line"),
        Entry(keys: "r", action: "reload the note and the collection"),
        Entry(keys: "?", action: "this help"),
        Entry(keys: "q", action: "quit (the position is remembered)"),
        Entry(keys: "mouse", action: "wheel scrolls, click selects or follows"),
    ]
}
