import Dispatch
import Glibc
import ScribblesApp

/// Opens URLs and files with `$BROWSER` (else `xdg-open`), as an argument vector: never
/// through a shell, so nothing in a link is ever interpreted.
enum Launcher {
    static func open(_ target: String, post: @escaping @Sendable (Event) -> Void) {
        let browser = getenv("BROWSER").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 }
        // $BROWSER may list several programs separated by ':'; the first is used.
        let program = browser.map { String($0.split(separator: ":").first ?? "xdg-open") } ?? "xdg-open"
        // A target starting with '-' would be read as an option.
        guard !target.hasPrefix("-") else {
            post(.externalFailed("Refusing to open \(target): it looks like an option"))
            return
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for descriptor in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] {
            posix_spawn_file_actions_addopen(&actions, descriptor, "/dev/null", descriptor == STDIN_FILENO ? O_RDONLY : O_WRONLY, 0)
        }
        var pid: pid_t = 0
        let arguments = [program, target]
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let result = posix_spawnp(&pid, program, &actions, nil, argv, environ)
        guard result == 0 else {
            post(.externalFailed("Cannot run \(program): \(String(cString: strerror(result))) (set $BROWSER)"))
            return
        }
        let child = pid
        DispatchQueue.global(qos: .utility).async {
            var status: Int32 = 0
            waitpid(child, &status, 0)
            // Exit status 127 or 3-4 from xdg-open: no program for this kind of target.
            let code = (status >> 8) & 0xFF
            if status & 0x7F == 0 && code != 0 {
                post(.externalFailed("\(program) could not open \(target) (exit \(code))"))
            }
        }
    }
}
