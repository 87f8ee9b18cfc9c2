import ArgumentParser

@main
struct Scribbles: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scribbles",
        abstract: "A fast terminal reader for Markdown notes and GitBook doc sets.",
        discussion: """
        `scribbles [FOLDER|NOTE]` opens the full-screen reader (see `scribbles read --help` for \
        its keys); the subcommands below work without a screen.

        Renders notes with GitBook's tags ({% hint %}, {% tabs %}, {% page-ref %}, …) understood, \
        front-matter descriptions shown as summaries, and safe output: nothing from a note reaches \
        the terminal as a control sequence.

        Exit codes: 0 success; 1 `check` found broken links; 64 bad usage; 65 the file is not \
        a text note (binary); 66 the file or folder cannot be read (or holds no notes); 69 the \
        terminal cannot be driven; 128+N the reader was stopped by signal N.
        """ + "\n\nSettings (theme, keys, list width, default collection): \(UserConfig.path ?? "$XDG_CONFIG_HOME/scribbles/config.toml"); `scribbles config` checks it.",
        subcommands: [Read.self, Render.self, Search.self, Index.self, Check.self, Links.self, Backlinks.self, TOC.self, ConfigCommand.self],
        defaultSubcommand: Read.self
    )
}

extension Scribbles {
    /// Parses a named subcommand on its own (as ArgumentParser would, then runs it): building
    /// the whole command tree costs every process about 2 ms of Swift's type lookups. Help,
    /// completion and any argument that does not parse take ArgumentParser's own `main`; errors
    /// thrown by `run` are printed by the root command, as there.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        guard let first = arguments.first, let command = configuration.subcommands.first(where: { $0._commandName == first }),
              !arguments.contains(where: { $0.hasPrefix("-h") || $0.hasPrefix("--h") || $0.hasPrefix("--version") || $0.hasPrefix("--generate-completion") || $0.hasPrefix("--experimental") || $0 == "help" }),
              var parsed = try? command.parseAsRoot(Array(arguments.dropFirst())) else {
            return main(arguments)
        }
        do {
            try parsed.run()
        } catch {
            exit(withError: error)
        }
    }
}
