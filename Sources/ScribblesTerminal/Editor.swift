import Glibc
import ScribblesApp

/// Runs the user's editor in the foreground on the terminal and waits for it.
enum Editor {
    /// Runs `arguments` (an argument vector, never a shell) with the terminal on all three
    /// descriptors (standard error of the reader goes to its log). While it runs, Ctrl-C and
    /// Ctrl-\ belong to the editor: the reader ignores them, as `system()` does, and the
    /// editor starts with every signal at its default. Returns an error message, or nil.
    static func run(_ arguments: [[UInt8]]) -> String? {
        let program = String(decoding: arguments[0], as: UTF8.self)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t(), empty = sigset_t()
        sigemptyset(&defaults)
        sigemptyset(&empty)
        for number in [SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGPIPE, SIGWINCH, SIGTSTP] { sigaddset(&defaults, number) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { bytes in
            let pointer = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count + 1)
            for (offset, byte) in bytes.enumerated() { pointer[offset] = CChar(bitPattern: byte) }
            pointer[bytes.count] = 0
            return pointer
        } + [nil]
        defer { for pointer in argv { pointer?.deallocate() } }

        let interrupt = signal(SIGINT, SIG_IGN), quit = signal(SIGQUIT, SIG_IGN)
        // Ctrl-Z in the editor stops its whole process group, the reader too: with the default
        // action both stop and continue together, and ncurses (whose handler would repaint
        // the reader over the editor on `fg`) is left out of it.
        let stop = signal(SIGTSTP, SIG_DFL)
        defer { signal(SIGINT, interrupt); signal(SIGQUIT, quit); signal(SIGTSTP, stop) }
        var pid: pid_t = 0
        let result = posix_spawnp(&pid, argv[0]!, &actions, &attributes, argv, environ)
        guard result == 0 else {
            return "Cannot run \(program): \(String(cString: strerror(result))) (set $VISUAL or $EDITOR)"
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        if status & 0x7F != 0 { return "\(program) was stopped by signal \(status & 0x7F)" }
        let code = (status >> 8) & 0xFF
        return code == 0 ? nil : "\(program) exited with status \(code)"
    }
}
