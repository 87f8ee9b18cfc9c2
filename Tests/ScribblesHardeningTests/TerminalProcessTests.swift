import Foundation
import Glibc
import Testing

/// The reader as a whole process on a pseudo-terminal: the bytes it writes while showing
/// hostile notes (colour on and off), and the state it leaves the terminal in however it ends.
extension Hardening {
@Suite struct TerminalProcessTests {
    static let content = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("content").path

    @Test func hostileNotesNeverReachTheTerminalAsControlSequences() throws {
        let hostile = HostileCollection.shared
        let before = treeFingerprint(hostile.root)
        let watch = AccessWatch(hostile.outside)
        _ = watch.drain()
        let notes = HostileCollection.sequences.map { "escapes/\($0.0).md" }
            + ["bytes/invalid-utf8.md", "bytes/nul.md", "out/climb.md", "deep/lists.md", "deep/emphasis-bomb.md",
               "vault/escapes.md", "vault/callouts-deep.md", "vault/climb.md"]
        for colour in [true, false] {
            for note in notes {
                let session = try TerminalSession(arguments: [hostile.root + "/" + note], colour: colour)
                #expect(session.waitFor((note as NSString).lastPathComponent, seconds: 60), "\(note): no first frame")
                for keys in ["G", "gg", "\t", "\t", "/", "red", "\r", "n", "\u{1B}", "o", "\u{1B}", "?", "\u{1B}", "B", "\u{1B}", "f", "\u{1B}"] {
                    session.send(keys)
                    usleep(40_000)
                }
                session.send("q")
                let ending = session.finish(seconds: 60)
                #expect(ending.status == 0, "\(note) colour \(colour): \(ending.ended)")
                #expect(TerminalBytes.screenViolations(session.output) == [], "\(note) colour \(colour)")
                #expect(!(session.output.contains(Array(HostileCollection.secret.utf8))), "\(note) showed the secret")
                session.assertTerminalRestored(note)
            }
        }
        #expect(watch.drain() == 0, "the reader opened or read something outside the collection")
        #expect(treeFingerprint(hostile.root) == before, "the reader changed something inside the collection")
    }

    @Test func theFiftyMegabyteNoteOpensAndScrolls() throws {
        let session = try TerminalSession(arguments: [HostileCollection.shared.root + "/big/fifty-mb.md"], colour: true)
        // Cut by its marks (it is dense with links and emphasis) well before its size: either notice says "only its first".
        #expect(session.waitFor("its first", seconds: 120), "the notice of the cut is shown")
        for keys in ["G", "k", "gg", "/", "dolor", "\r", "\u{1B}", "q"] {
            session.send(keys)
            usleep(100_000)
        }
        let ending = session.finish(seconds: 120)
        #expect(ending.status == 0, "\(ending.ended)")
        session.assertTerminalRestored("fifty-mb.md")
    }

    @Test func aCrashRestoresTheTerminalAndLeavesALog() throws {
        for kind in ["trap", "segv"] {
            let state = NSTemporaryDirectory() + "scribbles-crash-\(getpid())-\(kind)"
            defer { try? FileManager.default.removeItem(atPath: state) }
            let session = try TerminalSession(arguments: [Self.content], colour: true,
                                              environment: ["SCRIBBLES_TEST_CRASH": kind, "XDG_STATE_HOME": state])
            let ending = session.finish(seconds: 60)
            #expect(ending.signal != nil, "\(kind): the crash ends the process by its signal (\(ending.ended))")
            session.assertTerminalRestored(kind)
            let after = session.textAfterRestore
            #expect(after.contains("scribbles: crashed ("), "\(kind): reason after the restore: \(after.debugDescription)")
            let logs = (try? FileManager.default.contentsOfDirectory(atPath: state + "/scribbles")) ?? []
            let crashLog = try #require(logs.first { $0.hasPrefix("crash-") }, "\(kind): a crash log in the state folder: \(logs)")
            #expect(after.contains(crashLog), "\(kind): the message names the log")
            let log = try String(contentsOfFile: state + "/scribbles/" + crashLog, encoding: .utf8)
            #expect(log.contains("scribbles crashed:"), "\(log)")
            if kind == "trap" {
                #expect(after.contains("Fatal error: crash requested"), "\(after)")
                #expect(log.contains("Fatal error: crash requested"), "\(log)")
            }
            #expect(!(session.output.contains(Array("Backtracing".utf8))), "\(kind): the backtrace went to the log, not the screen")
        }
    }

    @Test func signalsAndALostTerminalEndCleanly() throws {
        for (signal, status, message) in [(SIGTERM, 143, "stopped by SIGTERM"), (SIGINT, 130, "stopped by SIGINT"),
                                          (SIGHUP, 129, "stopped by SIGHUP"), (SIGQUIT, 131, "stopped by SIGQUIT")] {
            let session = try TerminalSession(arguments: [Self.content], colour: true)
            #expect(session.waitFor("README.md", seconds: 60), "first frame")
            kill(session.pid, signal)
            let ending = session.finish(seconds: 30)
            #expect(ending.status == Int32(status), "\(message): \(ending.ended)")
            session.assertTerminalRestored(message)
            #expect(session.textAfterRestore.contains(message), "\(session.textAfterRestore.debugDescription)")
        }
        // The terminal goes away without a signal (its other side closed): no spinning, an end.
        let session = try TerminalSession(arguments: [Self.content], colour: true)
        #expect(session.waitFor("README.md", seconds: 60), "first frame")
        session.closeTerminal()
        let ending = session.finish(seconds: 30)
        #expect(!(ending.timedOut), "a lost terminal ends the reader")
        #expect(ending.status == 74, "\(ending.ended)")
    }
}
}

/// One run of the reader on a fresh pseudo-terminal of 100×30, its output collected.
final class TerminalSession: @unchecked Sendable {
    let pid: pid_t
    private var master: Int32
    /// Kept open to read the terminal's modes after the process ends.
    private let slave: Int32
    private var reader: TerminalReader!

    init(arguments: [String], colour: Bool, environment: [String: String] = [:]) throws {
        var env = ["TERM": "xterm-256color", "NO_COLOR": colour ? "" : "1", "LANG": "C.UTF-8",
                   "XDG_STATE_HOME": NSTemporaryDirectory() + "scribbles-pty-state-\(getpid())",
                   "XDG_CACHE_HOME": NSTemporaryDirectory() + "scribbles-pty-cache-\(getpid())", "BROWSER": "true"]
        for (key, value) in environment { env[key] = value }
        guard let (pid, master, slave) = Spawn.startInTerminal(arguments.map { Array($0.utf8) }, environment: env, width: 100, height: 30) else {
            throw PseudoTerminalUnavailable()
        }
        self.pid = pid
        self.master = master
        self.slave = slave
        reader = TerminalReader(master)
    }

    var output: [UInt8] { reader.output }

    func send(_ keys: String) {
        _ = keys.withCString { write(master, $0, strlen($0)) }
    }

    /// Waits until the output contains `text`.
    func waitFor(_ text: String, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        let needle = Array(text.utf8)
        while Date() < deadline {
            if output.contains(needle) { return true }
            usleep(20_000)
        }
        return false
    }

    func finish(seconds: Double) -> (status: Int32, signal: Int32?, timedOut: Bool, ended: String) {
        let (status, signal, timedOut) = Spawn.wait(pid, timeout: seconds)
        usleep(100_000)
        let ended = timedOut ? "timed out" : signal.map { "killed by signal \($0)" } ?? "exit \(status)"
        return (status, signal, timedOut, ended)
    }

    func closeTerminal() {
        // The reader thread must be out of read() first: a read in progress keeps the
        // terminal's master side open, and the process would never see it go.
        reader.stop()
        close(master)
        master = -1
    }

    /// What was written after the last switch back to the main screen.
    var textAfterRestore: String {
        let all = String(decoding: output, as: UTF8.self)
        guard let leave = all.range(of: "\u{1B}[?1049l", options: .backwards) else { return "" }
        return String(all[leave.lowerBound...])
    }

    /// The main screen is back, the cursor shown, echo and line editing on.
    func assertTerminalRestored(_ context: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let all = String(decoding: output, as: UTF8.self)
        if let entered = all.range(of: "\u{1B}[?1049h", options: .backwards) {
            #expect(all.range(of: "\u{1B}[?1049l", range: entered.upperBound..<all.endIndex) != nil, "\(context): left the alternate screen", sourceLocation: sourceLocation)
        }
        if let hidden = all.range(of: "\u{1B}[?25l", options: .backwards) {
            #expect(all.range(of: "\u{1B}[?25h", range: hidden.upperBound..<all.endIndex) != nil, "\(context): cursor shown again", sourceLocation: sourceLocation)
        }
        var modes = termios()
        #expect(tcgetattr(slave, &modes) == 0, sourceLocation: sourceLocation)
        #expect(modes.c_lflag & tcflag_t(ECHO) != 0, "\(context): echo is on", sourceLocation: sourceLocation)
        #expect(modes.c_lflag & tcflag_t(ICANON) != 0, "\(context): line editing is on", sourceLocation: sourceLocation)
    }

    deinit {
        reader.stop()
        if master >= 0 { close(master) }
        close(slave)
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, WNOHANG)
    }
}

/// Collects what the process writes to its terminal, on a thread of its own that polls, so
/// it can be stopped.
private final class TerminalReader: @unchecked Sendable {
    private let lock = NSLock()
    private var bytes: [UInt8] = []
    private var stopping = false
    private let done = DispatchSemaphore(value: 0)

    init(_ master: Int32) {
        Thread.detachNewThread { [self] in
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            while !lock.withLock({ stopping }) {
                guard poll(&descriptor, 1, 50) > 0 else { continue }
                let count = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { break }
                lock.withLock { bytes += buffer[0..<count] }
            }
            done.signal()
        }
    }

    var output: [UInt8] { lock.withLock { bytes } }

    /// Stops the thread and waits for it (once).
    func stop() {
        let first = lock.withLock { () -> Bool in
            defer { stopping = true }
            return !stopping
        }
        if first { done.wait() }
    }
}
