import Glibc
import ScribblesText
import ScribblesVault

/// Leaves the terminal usable whatever ends the reader, even a crash.
///
/// While the reader runs, standard error goes to a log file in the state folder, so nothing
/// a library or the Swift runtime prints lands in the middle of the screen. On a clean exit
/// whatever was logged is shown after the screen is restored and the file removed. On a crash
/// (a Swift trap, a bad access, an abort) a signal handler, running on its own stack and using
/// only async-signal-safe calls:
///   1. writes the bytes that leave the alternate screen and show the cursor, and puts the
///      terminal modes back as they were found (echo, line editing);
///   2. keeps the log as `crash-<pid>.log`, adds the signal to it, and prints one line naming
///      the reason (the runtime's "Fatal error" line when there is one) and the log;
///   3. calls the handler that was there before (Swift's backtracer, which then writes its
///      backtrace into the log), then lets the default action end the process.
public enum CrashGuard {
    /// Remembers the terminal's modes; call before ncurses changes them.
    public static func saveTerminalModes(of descriptor: Int32) {
        var modes = termios()
        guard tcgetattr(descriptor, &modes) == 0 else { return }
        guardState.modes = modes
        guardState.hasModes = true
        guardState.terminal = descriptor
    }

    /// Starts guarding: `restore` is what takes the screen back (from the terminal's own
    /// capabilities); the log goes to `folder` (created if missing), nil for no log.
    public static func arm(restore: [UInt8], folder: String?) {
        let bytes = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: restore.count)
        _ = bytes.initialize(from: restore)
        guardState.restore = bytes
        guardState.reasonBuffer = .allocate(capacity: 4096)
        if let folder {
            FileSystem.makeFolders(folder)
            let pid = getpid()
            guardState.logPath = strdup("\(folder)/stderr-\(pid).log")
            guardState.crashPath = strdup("\(folder)/crash-\(pid).log")
            let log = open(guardState.logPath!, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0o600)
            if log >= 0 {
                guardState.savedError = dup(STDERR_FILENO)
                _ = fcntl(guardState.savedError, F_SETFD, FD_CLOEXEC)
                dup2(log, STDERR_FILENO)
                close(log)
            }
        }
        installHandlers()
    }

    /// Stops guarding after a clean end (the screen already restored): standard error comes
    /// back, and what was logged meanwhile is shown, then the log removed.
    public static func disarm() {
        if let previous = guardState.previous {
            for number in fatalSignals { sigaction(number, previous + Int(number), nil) }
        }
        guard guardState.savedError >= 0, let logPath = guardState.logPath else { return }
        dup2(guardState.savedError, STDERR_FILENO)
        close(guardState.savedError)
        guardState.savedError = -1
        let fd = open(logPath, O_RDONLY | O_CLOEXEC)
        if fd >= 0 {
            var logged: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while logged.count < 64 << 10 {
                let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if count <= 0 { break }
                logged += buffer[0..<count]
            }
            close(fd)
            // Shown as text: a library's message could hold anything.
            for line in String(decoding: logged, as: UTF8.self).split(separator: "\n") {
                let shown = TerminalText.visible(line) + "\n"
                _ = shown.withCString { write(STDERR_FILENO, $0, strlen($0)) }
            }
        }
        unlink(logPath)
    }

    static let fatalSignals: [Int32] = [SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGSEGV]

    private static func installHandlers() {
        // Its own stack, so a stack overflow can still be handled.
        let size = 64 << 10
        var stack = stack_t()
        stack.ss_sp = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        stack.ss_size = size
        stack.ss_flags = 0
        sigaltstack(&stack, nil)
        let previous = UnsafeMutablePointer<sigaction>.allocate(capacity: Int(SIGSYS) + 1)
        previous.initialize(repeating: sigaction(), count: Int(SIGSYS) + 1)
        guardState.previous = previous
        for number in fatalSignals {
            var action = sigaction()
            action.__sigaction_handler.sa_sigaction = crashed
            action.sa_flags = Int32(SA_ONSTACK | SA_SIGINFO)
            sigemptyset(&action.sa_mask)
            sigaction(number, &action, previous + Int(number))
        }
    }
}

/// What the handler needs, prepared in advance (it may not allocate).
private struct GuardState {
    var terminal: Int32 = STDOUT_FILENO
    var modes = termios()
    var hasModes = false
    var restore: UnsafeMutableBufferPointer<UInt8>? = nil
    /// Where the handler reads the end of the log.
    var reasonBuffer: UnsafeMutableBufferPointer<UInt8>? = nil
    var logPath: UnsafeMutablePointer<CChar>? = nil
    var crashPath: UnsafeMutablePointer<CChar>? = nil
    var savedError: Int32 = -1
    /// The handlers found before ours, by signal number.
    var previous: UnsafeMutablePointer<sigaction>? = nil
}

nonisolated(unsafe) private var guardState = GuardState()

/// The crash handler. Only async-signal-safe calls: write, pread, open, rename, tcsetattr,
/// dup2, signal, raise (and memchr/memmem on a buffer allocated in advance).
private func crashed(_ number: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _ context: UnsafeMutableRawPointer?) {
    let state = guardState
    if let restore = state.restore { _ = write(state.terminal, restore.baseAddress, restore.count) }
    if state.hasModes {
        var modes = state.modes
        tcsetattr(state.terminal, TCSANOW, &modes)
    }
    let out = state.savedError >= 0 ? state.savedError : STDERR_FILENO
    put(out, "scribbles: crashed (")
    put(out, signalName(number))
    put(out, ")")
    var log: Int32 = -1
    if let logPath = state.logPath, let crashPath = state.crashPath {
        rename(logPath, crashPath)
        log = open(crashPath, O_RDWR | O_APPEND)
        if log >= 0 {
            putReason(from: log, to: out)
            put(out, "; the terminal was restored; details in ")
            _ = write(out, crashPath, strlen(crashPath))
            put(log, "\nscribbles crashed: ")
            put(log, signalName(number))
            put(log, "\n")
        }
    }
    put(out, "\n")
    // Whatever runs next (Swift's backtracer) writes into the log, not over the shell.
    // Its input is not the terminal either: an interactive backtracer would wait for keys.
    if log >= 0 {
        dup2(log, STDOUT_FILENO)
        dup2(log, STDERR_FILENO)
    }
    let null = open("/dev/null", O_RDONLY)
    if null >= 0 { dup2(null, STDIN_FILENO) }
    // The handler found before ours runs now, with the same details; then the default
    // action ends the process by this signal (when this handler returns, for a fault).
    if let before = state.previous?[Int(number)] {
        if before.sa_flags & Int32(SA_SIGINFO) != 0, let handler = before.__sigaction_handler.sa_sigaction {
            handler(number, info, context)
        } else if let handler = before.__sigaction_handler.sa_handler, unsafeBitCast(handler, to: Int.self) > 1 {
            handler(number)
        }
    }
    signal(number, SIG_DFL)
    raise(number)
}

/// Reads the end of the log for the runtime's own message ("…: Fatal error: …", "…:
/// Precondition failed: …") and prints its last such line, control bytes left out.
private func putReason(from log: Int32, to out: Int32) {
    guard let buffer = guardState.reasonBuffer else { return }
    let end = lseek(log, 0, SEEK_END)
    let start = max(0, end - off_t(buffer.count))
    let count = pread(log, buffer.baseAddress, Int(end - start), start)
    guard count > 0 else { return }
    var reason: (start: Int, end: Int)? = nil
    var lineStart = 0
    while lineStart < count {
        let newline = memchr(buffer.baseAddress! + lineStart, 0x0A, count - lineStart)
        let lineEnd = newline.map { $0 - UnsafeMutableRawPointer(buffer.baseAddress!) } ?? count
        let line = buffer.baseAddress! + lineStart
        if holds(line, lineEnd - lineStart, "error:") || holds(line, lineEnd - lineStart, "failed:") {
            reason = (lineStart, lineEnd)
        }
        lineStart = lineEnd + 1
    }
    guard let reason else { return }
    var kept = reason.start
    for position in reason.start..<reason.end where buffer[position] >= 0x20 && buffer[position] != 0x7F {
        buffer[kept] = buffer[position]
        kept += 1
    }
    put(out, ": ")
    _ = write(out, buffer.baseAddress! + reason.start, kept - reason.start)
}

/// Whether `count` bytes at `bytes` hold `needle` (memmem is not in Swift's Glibc module).
private func holds(_ bytes: UnsafeMutablePointer<UInt8>, _ count: Int, _ needle: StaticString) -> Bool {
    let length = needle.utf8CodeUnitCount
    guard count >= length else { return false }
    return (0...(count - length)).contains { memcmp(bytes + $0, needle.utf8Start, length) == 0 }
}

private func put(_ fd: Int32, _ text: StaticString) {
    _ = write(fd, text.utf8Start, text.utf8CodeUnitCount)
}

private func signalName(_ number: Int32) -> StaticString {
    switch number {
    case SIGILL: return "SIGILL: a Swift runtime trap"
    case SIGTRAP: return "SIGTRAP: a Swift runtime trap"
    case SIGABRT: return "SIGABRT"
    case SIGBUS: return "SIGBUS"
    case SIGFPE: return "SIGFPE"
    case SIGSEGV: return "SIGSEGV: bad memory access"
    default: return "a fatal signal"
    }
}
