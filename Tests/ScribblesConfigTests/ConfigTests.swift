import ScribblesApp
@testable import ScribblesConfig
import ScribblesText
import Testing

@Suite struct ConfigTests {
    static let file = "/home/u/.config/scribbles/config.toml"

    @Test func everySettingIsRead() {
        let config = Config.parse("""
            # mine
            collection = "~/notes"
            list_width = 30

            [theme]
            link = "cyan"
            heading1 = { color = 213, bold = true }
            quote = "#ff0000"
            text = "default"
            hint-warning = 208

            [keys]
            search = "s"
            down = ["ctrl-k", "J"]
            page-down = "space"
            """, file: Self.file, home: "/home/u")
        #expect(config.warnings == [])
        #expect(config.collection == "/home/u/notes")
        #expect(config.listWidth == 30)
        #expect(config.theme[.link] == ThemeEntry(color: .palette(6)))
        #expect(config.theme[.heading(1)] == ThemeEntry(color: .palette(213), bold: true))
        #expect(config.theme[.quote] == ThemeEntry(color: .palette(196)))
        #expect(config.theme[.text] == ThemeEntry(color: .terminalDefault))
        #expect(config.theme[.hint(.warning)] == ThemeEntry(color: .palette(208)))
        #expect(config.keys == [.character("s"): .character("/"), .control("k"): .character("j"),
                                .character("J"): .character("j"), .character(" "): .character(" ")])
    }

    @Test func eachProblemIsOneLineNamingTheFileAndLine() {
        let config = Config.parse("""
            list-width = 3
            colour = "blue"

            [theme]
            link = "ultraviolet"
            flux = 4
            heading2 = { color = 300 }

            [keys]
            teleport = "z"
            search = "ctrl-"
            quit = 4
            """, file: Self.file)
        #expect(config.warnings == [
            "\(Self.file):1: list-width must be a number of columns from 12 to 200 (the default stands)",
            "\(Self.file):2: colour is not a setting (known: collection, list-width, [theme], [keys]) (the default stands)",
            "\(Self.file):5: link in [theme] is not a colour: use 0-255, a name (blue, bright-blue, default) or #rrggbb (the default stands)",
            "\(Self.file):6: flux in [theme] is not a role (roles: accent, api-method, broken-link, card, card-frame, chrome, code, code-block, …) (the default stands)",
            "\(Self.file):7: heading2 in [theme] has a bad colour: use 0-255, a name or #rrggbb (the default stands)",
            "\(Self.file):10: teleport in [keys] is not an action (actions: down, up, page-down, page-up, half-page-down, half-page-up, … in `scribbles --help`) (the default stands)",
            "\(Self.file):11: search in [keys] names no key: \"ctrl-\" (the default stands)",
            "\(Self.file):12: quit in [keys] must be a key or a list of keys (\"s\", \"ctrl-s\", \"space\") (the default stands)",
        ])
        // What was good still counts.
        #expect(config.theme.isEmpty && config.keys.isEmpty && config.listWidth == nil)
    }

    @Test func badTOMLIsOneLineAndNothingElse() {
        let config = Config.parse("list-width = 30\n[theme\nlink = 4\n", file: Self.file)
        #expect(config.warnings.count == 1)
        #expect(config.warnings[0].hasPrefix("\(Self.file):2: "))
        #expect(config.listWidth == nil)
    }

    @Test func aMissingFileIsTheDefaults() {
        let config = Config.load(path: "/nonexistent/scribbles/config.toml", home: nil)
        #expect(config.warnings.isEmpty && config.collection == nil)
    }

    @Test func whereTheFileIs() {
        #expect(Config.defaultPath { ["XDG_CONFIG_HOME": "/x", "HOME": "/h"][$0] } == "/x/scribbles/config.toml")
        #expect(Config.defaultPath { ["XDG_CONFIG_HOME": "relative", "HOME": "/h"][$0] } == "/h/.config/scribbles/config.toml")
        #expect(Config.defaultPath { _ in nil } == nil)
    }

    @Test func keyNames() {
        #expect(Keymap.key(named: "ctrl-k") == .control("k"))
        #expect(Keymap.key(named: "C-x") == .control("x"))
        #expect(Keymap.key(named: "shift-tab") == .backTab)
        #expect(Keymap.key(named: "PgDn") == .pageDown)
        #expect(Keymap.key(named: "#") == .character("#"))
        #expect(Keymap.key(named: "ctrl-1") == nil)
        #expect(Keymap.key(named: "hyper") == nil)
    }
}
