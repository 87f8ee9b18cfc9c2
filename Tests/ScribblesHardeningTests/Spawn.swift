import Foundation
import Glibc

/// Runs the `scribbles` executable as a whole process, with arguments given as raw bytes (file
/// names need not be UTF-8), a deadline, and every byte of its output kept.
enum Spawn {
    struct Result {
        var status: Int32 = -1
        /// Set when the process died of a signal (a crash) rather than exiting.
        var signal: Int32? = nil
        var timedOut = false
        var output: [UInt8] = []
        var errors: [UInt8] = []
        var seconds = 0.0

        var text: String { String(decoding: output, as: UTF8.self) }
        var errorText: String { String(decoding: errors, as: UTF8.self) }
        var ended: String {
            timedOut ? "timed out after \(Int(seconds)) s" : signal.map { "killed by signal \($0)" } ?? "exit \(status)"
        }
    }

    /// The executable under test: $SCRIBBLES_BIN (make test sets the release build), else the
    /// debug build beside this test bundle.
    static let executable: String = {
        if let path = ProcessInfo.processInfo.environment["SCRIBBLES_BIN"], !path.isEmpty {
            return URL(fileURLWithPath: path).standardizedFileURL.path
        }
        return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("scribbles").path
    }()

    /// Runs `scribbles arguments…` with `environment` added, killing it after `timeout` seconds.
    static func run(_ arguments: [[UInt8]], environment: [String: String] = [:], timeout: Double = 120) -> Result {
        var out: [Int32] = [-1, -1], err: [Int32] = [-1, -1]
        precondition(pipe(&out) == 0 && pipe(&err) == 0)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, out[1], 1)
        posix_spawn_file_actions_adddup2(&actions, err[1], 2)
        for fd in [out[0], out[1], err[0], err[1]] { posix_spawn_file_actions_addclose(&actions, fd) }
        defer { posix_spawn_file_actions_destroy(&actions) }
        let start = Date()
        guard let pid = spawn([Array(executable.utf8)] + arguments, environment, &actions) else {
            return Result(status: 127, errors: Array("cannot start \(executable)".utf8))
        }
        close(out[1])
        close(err[1])
        var result = Result()
        let group = DispatchGroup()
        let collected = Collected()
        for (fd, isError) in [(out[0], false), (err[0], true)] {
            DispatchQueue.global().async(group: group) {
                let bytes = readAll(fd)
                collected.set(bytes, isError: isError)
            }
        }
        (result.status, result.signal, result.timedOut) = wait(pid, timeout: timeout)
        group.wait()
        close(out[0])
        close(err[0])
        result.output = collected.output
        result.errors = collected.errors
        result.seconds = Date().timeIntervalSince(start)
        return result
    }

    /// Starts `scribbles arguments…` on the slave side of a new pseudo-terminal of the given
    /// size; returns the pid, the master descriptor (the test's side of the terminal) and the
    /// slave's, kept open to read the terminal's modes afterwards.
    static func startInTerminal(_ arguments: [[UInt8]], environment: [String: String], width: Int, height: Int)
        -> (pid: pid_t, master: Int32, slave: Int32)? {
        var master: Int32 = -1, slave: Int32 = -1
        var size = winsize(ws_row: UInt16(height), ws_col: UInt16(width), ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&master, &slave, nil, nil, &size) == 0 else { return nil }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        for fd: Int32 in 0...2 { posix_spawn_file_actions_adddup2(&actions, slave, fd) }
        posix_spawn_file_actions_addclose(&actions, slave)
        posix_spawn_file_actions_addclose(&actions, master)
        defer { posix_spawn_file_actions_destroy(&actions) }
        guard let pid = spawn([Array(executable.utf8)] + arguments, environment, &actions) else { return nil }
        _ = fcntl(master, F_SETFD, FD_CLOEXEC)
        _ = fcntl(slave, F_SETFD, FD_CLOEXEC)
        return (pid, master, slave)
    }

    /// Waits for `pid` up to `timeout` seconds, then kills it.
    static func wait(_ pid: pid_t, timeout: Double) -> (status: Int32, signal: Int32?, timedOut: Bool) {
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        var timedOut = false
        while waitpid(pid, &status, WNOHANG) == 0 {
            if Date() > deadline {
                timedOut = true
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                break
            }
            usleep(5_000)
        }
        let signalled = status & 0x7F
        if signalled != 0 && signalled != 0x7F { return (-1, timedOut ? nil : signalled, timedOut) }
        return ((status >> 8) & 0xFF, nil, timedOut)
    }

    private static func spawn(_ argv: [[UInt8]], _ extra: [String: String],
                              _ actions: inout posix_spawn_file_actions_t) -> pid_t? {
        var environment = ProcessInfo.processInfo.environment
        for (key, value) in extra { environment[key] = value }
        let envStrings = environment.map { Array("\($0.key)=\($0.value)".utf8) }
        let cArgs = (argv + envStrings).map { bytes -> UnsafeMutablePointer<CChar> in
            let pointer = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count + 1)
            for (index, byte) in bytes.enumerated() { pointer[index] = CChar(bitPattern: byte) }
            pointer[bytes.count] = 0
            return pointer
        }
        defer { cArgs.forEach { $0.deallocate() } }
        var args: [UnsafeMutablePointer<CChar>?] = Array(cArgs[0..<argv.count]) + [nil]
        var env: [UnsafeMutablePointer<CChar>?] = Array(cArgs[argv.count...]) + [nil]
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        // A session of its own: the child's terminal (if any) is the one given to it.
        posix_spawnattr_setflags(&attributes, 0x80) // POSIX_SPAWN_SETSID (glibc), not imported
        defer { posix_spawnattr_destroy(&attributes) }
        var pid: pid_t = 0
        guard posix_spawn(&pid, args[0]!, &actions, &attributes, &args, &env) == 0 else { return nil }
        return pid
    }

    static func readAll(_ fd: Int32) -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            bytes += buffer[0..<count]
        }
        return bytes
    }

    private final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var output: [UInt8] = []
        private(set) var errors: [UInt8] = []
        func set(_ bytes: [UInt8], isError: Bool) {
            lock.lock()
            if isError { errors = bytes } else { output = bytes }
            lock.unlock()
        }
    }
}

/// Checks bytes written to a terminal for anything a note could have smuggled in.
enum TerminalBytes {
    /// Output of the line commands: printable UTF-8, newlines, SGR (`ESC [ digits ; m`) and
    /// OSC 8 hyperlinks whose URI is printable ASCII (percent-encoded), nothing else.
    static func lineViolations(_ bytes: [UInt8]) -> [String] {
        var problems: [String] = []
        var index = 0
        while index < bytes.count, problems.count < 5 {
            let byte = bytes[index]
            if byte == 0x1B {
                var end = index + 1
                // Our own OSC 8 hyperlinks: ESC ] 8 ; ; URI ESC \, the URI printable ASCII only.
                if bytes[end...].starts(with: [0x5D, 0x38, 0x3B]) {
                    end += 3
                    while end < bytes.count, (0x21...0x7E).contains(bytes[end]) { end += 1 }
                    if end + 1 < bytes.count, bytes[end] == 0x1B, bytes[end + 1] == 0x5C {
                        index = end + 2
                        continue
                    }
                    problems.append("OSC 8 with a URI that is not printable ASCII at byte \(index): \(excerpt(bytes, index))")
                    index = end
                    continue
                }
                guard end < bytes.count, bytes[end] == 0x5B else {
                    problems.append("ESC not starting CSI at byte \(index): \(excerpt(bytes, index))")
                    index += 1
                    continue
                }
                end += 1
                while end < bytes.count, (0x30...0x3B).contains(bytes[end]) { end += 1 }
                if end >= bytes.count || bytes[end] != 0x6D {
                    problems.append("CSI other than SGR at byte \(index): \(excerpt(bytes, index))")
                }
                index = end + 1
                continue
            }
            if let problem = controlProblem(bytes, index, allowedC0: [0x0A]) { problems.append(problem) }
            index += 1
        }
        if String(validating: bytes, as: UTF8.self) == nil { problems.append("output is not valid UTF-8") }
        return problems
    }

    /// Output of the reader (ncurses): escape sequences ncurses writes for cursor movement,
    /// attributes, colours and modes; never OSC, DCS, APC, PM, SOS, C1 controls, queries that
    /// make the terminal answer (DSR, DA, window reports) or 24-bit colour (which ncurses does not
    /// write for xterm-256color, so it came from a note).
    static func screenViolations(_ bytes: [UInt8]) -> [String] {
        var problems: [String] = []
        var index = 0
        while index < bytes.count, problems.count < 5 {
            let byte = bytes[index]
            guard byte == 0x1B else {
                if let problem = controlProblem(bytes, index, allowedC0: [0x0A, 0x0D, 0x08, 0x09]) { problems.append(problem) }
                index += 1
                continue
            }
            guard index + 1 < bytes.count else { break }
            let kind = bytes[index + 1]
            switch kind {
            case 0x5B: // CSI
                var end = index + 2
                while end < bytes.count, (0x20...0x3F).contains(bytes[end]) { end += 1 }
                guard end < bytes.count else { index = end; continue }
                let parameters = String(decoding: bytes[(index + 2)..<end], as: UTF8.self)
                let final = Character(Unicode.Scalar(bytes[end]))
                // `t` pushes and pops the window title (22/23) around the alternate screen;
                // its report forms (11…21) make the terminal answer.
                let windowReport = final == "t" && !(parameters.hasPrefix("22;") || parameters.hasPrefix("23;"))
                if "ncipq".contains(final) || windowReport || parameters.contains("38;2;") || parameters.contains("48;2;") {
                    problems.append("CSI \(parameters.debugDescription) \(final) at byte \(index): \(excerpt(bytes, index))")
                }
                index = end + 1
            case 0x5D, 0x50, 0x5F, 0x5E, 0x58: // OSC, DCS, APC, PM, SOS
                problems.append("string sequence ESC \(Character(Unicode.Scalar(kind))) at byte \(index): \(excerpt(bytes, index))")
                index += 2
            case 0x28, 0x29: // charset designation: ESC ( B
                index += 3
            default: // ESC = > 7 8 M and the like
                index += 2
            }
        }
        return problems
    }

    private static func controlProblem(_ bytes: [UInt8], _ index: Int, allowedC0: Set<UInt8>) -> String? {
        let byte = bytes[index]
        if (byte < 0x20 && !allowedC0.contains(byte)) || byte == 0x7F {
            return "control byte 0x\(String(byte, radix: 16)) at \(index): \(excerpt(bytes, index))"
        }
        // C1 controls encoded in UTF-8: C2 80 … C2 9F.
        if byte == 0xC2, index + 1 < bytes.count, (0x80...0x9F).contains(bytes[index + 1]) {
            return "C1 control U+00\(String(bytes[index + 1], radix: 16)) at \(index): \(excerpt(bytes, index))"
        }
        return nil
    }

    private static func excerpt(_ bytes: [UInt8], _ index: Int) -> String {
        String(decoding: bytes[max(0, index - 20)..<min(bytes.count, index + 24)], as: UTF8.self).debugDescription
    }
}

/// Watches a folder and the files in it for any open or read (inotify), to prove nothing
/// outside a collection is read.
final class AccessWatch {
    private let fd: Int32

    init(_ folder: String) {
        fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        let mask = UInt32(IN_OPEN | IN_ACCESS)
        _ = inotify_add_watch(fd, folder, mask)
        if let names = try? FileManager.default.contentsOfDirectory(atPath: folder) {
            for name in names { _ = inotify_add_watch(fd, folder + "/" + name, mask) }
        }
    }

    deinit { close(fd) }

    /// How many opens and reads happened since the last call.
    func drain() -> Int {
        var count = 0
        var buffer = [UInt8](repeating: 0, count: 1 << 14)
        while true {
            let length = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if length <= 0 { break }
            var offset = 0
            while offset < length {
                let nameLength = buffer.withUnsafeBytes { $0.load(fromByteOffset: offset + 12, as: UInt32.self) }
                count += 1
                offset += 16 + Int(nameLength)
            }
        }
        return count
    }
}
