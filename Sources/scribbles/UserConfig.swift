import ScribblesConfig
#if canImport(Glibc)
import Glibc
#endif

/// The user's config file, found through the environment.
enum UserConfig {
    static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Where the file is read from, as `--help` shows it.
    static var path: String? { Config.defaultPath(environment) }

    static var helpText: String {
        """
        Settings are read from \(path ?? "$XDG_CONFIG_HOME/scribbles/config.toml") (TOML; a missing file \
        means the defaults): `collection = "~/notes"` (opened when no folder is named), \
        `list-width = 32`, a [theme] table of roles and colours (`link = "cyan"`, \
        `heading1 = { color = 213, bold = true }`; 0-255, a name or #rrggbb) and a [keys] table \
        binding actions to more keys (`search = "s"`, `down = ["ctrl-k"]`; the actions are \
        named in `scribbles read --help`). A bad line is reported once, naming the file and \
        line, and the defaults stand.
        """
    }

    static func load() -> Config {
        guard let path else { return Config() }
        return Config.load(path: path, home: environment("HOME"))
    }
}

import ArgumentParser

struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Show where the config file is and check it.",
        discussion: UserConfig.helpText + "\n\nExit codes: 0 the file is good or absent; 1 it has problems (each printed).")

    func run() throws {
        guard let path = UserConfig.path else {
            print("no config file: neither XDG_CONFIG_HOME nor HOME is set")
            return
        }
        let config = UserConfig.load()
        var stderr = StandardError()
        for warning in config.warnings { print(TerminalSafe.quote(warning), to: &stderr) }
        let exists = access(path, F_OK) == 0
        print("\(TerminalSafe.quote(path)): \(exists ? (config.warnings.isEmpty ? "read, no problems" : "\(config.warnings.count) problem\(config.warnings.count == 1 ? "" : "s")") : "not there (the defaults)")")
        if !config.warnings.isEmpty { throw ExitCode(1) }
    }
}
