import ArgumentParser
import ScribblesApp
import ScribblesConfig
import ScribblesHighlight
import ScribblesSearch
import ScribblesTerminal
import ScribblesVault
#if canImport(Glibc)
import Glibc
#endif

struct Read: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read", abstract: "Open the interactive reader (the default command).",
        discussion: Self.keysText + "\n\n" + UserConfig.helpText
    )

    static let keysText = """
        Opens a collection of notes: the table of contents on the left, the note on the right. \
        PATH may be a folder (its collection; the last note read there is restored) or a note \
        (opened, with its collection around it). Keys follow less and vim: j/k scroll, Space/b \
        page, Tab selects a link, Enter follows it, Backspace goes back, / searches, o shows \
        the outline, B the backlinks, t opens a note by a few letters of its name, # lists the \
        tags, e edits the note in $VISUAL or $EDITOR (else vi) at the line shown, ? lists every \
        key, q quits.

        Actions a config file can bind: \(Keymap.actions.map(\.name).joined(separator: ", ")).

        The search index is cached under $XDG_CACHE_HOME/scribbles and the last position under \
        $XDG_STATE_HOME/scribbles; nothing is ever written into the notes folder. NO_COLOR or \
        TERM=dumb turn colour off.
        """

    @Argument(help: "A folder of notes or a note (default: the config file's collection, else the current folder).",
              completion: .file())
    var path: String?

    @Flag(help: "Keep the search index in memory instead of the cache folder.")
    var noCache = false

    @Option(help: "When to use colour: auto or never.")
    var color: ColorChoice = .auto

    func run() throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            fail("the reader needs a terminal; `scribbles render FILE` prints a note", code: 64)
        }
        var stopwatch = Stopwatch()
        let config = UserConfig.load()
        Theme.configure(config.theme)
        let path = self.path ?? config.collection ?? "."
        let stateFolder = Session.defaultFolder()
        let location: VaultLocation
        do {
            location = try VaultLocator.locate(path)
        } catch {
            fail(TerminalSafe.quote(error.message), code: 66)
        }
        // With a known first note (named, remembered, or the README) the screen comes up
        // before the collection is scanned; otherwise scan first, to know there are notes.
        var opened: (Vault, Collection)? = nil
        var first = quickStart(location, stateFolder: stateFolder)
        if first == nil {
            let vault = try VaultOpener.open(path)
            guard !vault.index.notes.isEmpty else {
                fail("\(TerminalSafe.quote(vault.location.rootDisplay)): no Markdown notes here (looked for *.md)", code: 66)
            }
            // Nothing named, remembered or README: the collection's home page.
            let collection = Services.collection(vault)
            opened = (vault, collection)
            first = (collection.home ?? vault.index.notes[0], .top)
        }
        stopwatch.lap("locate")
        let (note, target) = first!
        let colors: ColorMode = color == .never ? .monochrome : ColorMode.fromEnvironment()
        let backend: CursesBackend
        CrashGuard.saveTerminalModes(of: STDIN_FILENO)
        Runtime.holdTerminatingSignals()
        do {
            backend = try CursesBackend(colors: colors)
        } catch {
            fail(error.description, code: 69)
        }
        // From here a crash still restores the terminal; standard error goes to a log.
        CrashGuard.arm(restore: backend.emergencyRestore, folder: stateFolder ?? Self.fallbackLogFolder())
        stopwatch.lap("terminal")
        let (width, height) = backend.size()
        var state = AppState(width: width, height: height)
        state.keyBindings = config.keys
        state.listWidth = config.listWidth
        // Monochrome too: keywords stay bold and comments dim.
        state.highlight = { SyntaxHighlighter.shared.cached($1, language: $0) }
        let runtime = Runtime(backend: backend, state: state)
        runtime.installSignalHandlers()
        let services = Services(root: location.rootDisplay, cacheFolder: noCache ? nil : SearchIndex.defaultCacheFolder(),
                                stateFolder: stateFolder, post: runtime.poster)
        // The first frame comes before any background work starts.
        if let (vault, collection) = opened {
            runtime.dispatch(.collectionOpened(collection)) { _ in nil }
            runtime.dispatch(.launched(note, target)) { Services.load($0, from: vault) }
        } else {
            let loaded = Services.load(note, root: location.root, dialect: location.dialect)
            runtime.dispatch(.collectionOpened(Services.placeholder(location, first: loaded))) { _ in nil }
            runtime.dispatch(.launched(note, target)) { _ in loaded }
        }
        if let warning = config.warnings.first {
            let more = config.warnings.count > 1 ? " (and \(config.warnings.count - 1) more: `scribbles config` lists them)" : ""
            runtime.dispatch(.externalFailed(warning + more)) { _ in nil }
        }
        stopwatch.lap("note")
        runtime.draw()
        stopwatch.lap("frame")
        Self.crashIfAsked()
        if let (vault, _) = opened { services.adopt(vault) } else { services.open(path, reloading: note) }
        runtime.attach(services: services)
        let ending = runtime.run()
        // `q` saved the position through its effect; a signal ends the loop without one.
        if case .signal = ending, let path = runtime.finalState.currentPath, let stateFolder {
            Session.save(Session(note: path, line: runtime.finalState.reader.scroll), folder: stateFolder, root: location.rootDisplay)
        }
        backend.restore()
        CrashGuard.disarm()
        services.stop()
        stopwatch.report()
        switch ending {
        case .signal(let number): fail("stopped by \(Self.signalName(number))", code: 128 + number)
        case .terminalLost: fail("the terminal went away (it can no longer be read or written); stopped", code: 74)
        case .quit: break
        }
        // Background work (an index refresh) may still run: SQLite's journal makes stopping safe.
        Glibc.exit(0)
    }

    /// The first note when it is known without scanning the collection: the note named, else
    /// the one last read here (if it still exists), else the README.
    private func quickStart(_ location: VaultLocation, stateFolder: String?) -> (String, OpenTarget)? {
        func exists(_ note: String) -> Bool {
            FileSystem.stat(location.root + [0x2F] + Array(note.utf8))?.kind == .file
        }
        if let opened = location.openedNote { return (opened, .top) }
        if let stateFolder, let session = Session.load(folder: stateFolder, root: location.rootDisplay), exists(session.note) {
            return (session.note, .scroll(session.line))
        }
        return exists(location.readme) ? (location.readme, .top) : nil
    }

    /// Where the log of standard error goes without a state folder (no HOME).
    private static func fallbackLogFolder() -> String {
        (getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp") + "/scribbles-\(getuid())"
    }

    /// A test hook (e2e and the hardening tests): SCRIBBLES_TEST_CRASH=trap or segv crashes
    /// the reader right after its first frame, to prove the terminal comes back.
    private static func crashIfAsked() {
        switch getenv("SCRIBBLES_TEST_CRASH").map({ String(cString: $0) }) {
        case "trap": fatalError("crash requested by SCRIBBLES_TEST_CRASH")
        case "segv": raise(SIGSEGV)
        default: break
        }
    }

    private func fail(_ message: String, code: Int32) -> Never {
        var stderr = StandardError()
        print("scribbles: \(message)", to: &stderr)
        Glibc.exit(code)
    }

    static func signalName(_ number: Int32) -> String {
        switch number {
        case SIGINT: return "SIGINT (Ctrl-C)"
        case SIGTERM: return "SIGTERM"
        case SIGHUP: return "SIGHUP (the terminal closed)"
        case SIGQUIT: return "SIGQUIT"
        default: return "signal \(number)"
        }
    }
}
