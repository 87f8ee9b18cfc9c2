import Glibc
import ScribblesApp
import ScribblesMarkdown
import ScribblesVault
import ScribblesText
import Synchronization

/// The descriptor signal handlers write to (a signal handler cannot capture context).
nonisolated(unsafe) private var signalPipe: Int32 = -1
/// ncurses' own SIGWINCH handler, called after ours wakes the loop.
nonisolated(unsafe) private var cursesWinch: (@convention(c) (Int32) -> Void)? = nil

/// The run loop: waits for input, signals and finished work, feeds them to `update`, does the
/// effects, and draws what `render` returns, only the cells that changed.
public final class Runtime {
    /// Why the loop ended.
    public enum Ending: Equatable, Sendable {
        case quit
        case signal(Int32)
        /// The terminal hung up or its descriptor failed (nothing more can be read or shown).
        case terminalLost
    }

    private let backend: TerminalBackend
    private var state: AppState
    private var services: Services?
    private let inbox = Inbox()
    private let wake: (read: Int32, write: Int32)
    private var previous: ScreenBuffer?
    private var handlersInstalled = false

    public init(backend: TerminalBackend, state: AppState) {
        self.backend = backend
        self.state = state
        var fds: [Int32] = [-1, -1]
        if pipe(&fds) == 0 {
            for fd in fds {
                _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            }
        }
        wake = (fds[0], fds[1])
    }

    deinit {
        close(wake.read)
        close(wake.write)
    }

    /// Delivers an event from any thread and wakes the loop.
    public var poster: @Sendable (Event) -> Void {
        let inbox = self.inbox
        let descriptor = wake.write
        return { event in
            inbox.events.withLock { $0.append(event) }
            var byte: UInt8 = 0
            _ = write(descriptor, &byte, 1)
        }
    }

    /// Attaches what performs effects (set up after the first frame).
    public func attach(services: Services) {
        self.services = services
    }

    /// Applies events now, performing their effects; used to reach the first frame quickly.
    public func dispatch(_ event: Event, synchronously load: (String) -> Event?) {
        var queue = [event]
        while !queue.isEmpty {
            let next = queue.removeFirst()
            for effect in update(&state, next) {
                if case .loadNote(let path) = effect, let loaded = load(path) {
                    queue.append(loaded)
                } else {
                    services?.perform(effect)
                }
            }
        }
    }

    /// Draws the current state.
    public func draw() {
        let frame = render(state)
        backend.draw(frame.changes(from: previous))
        previous = frame
    }

    /// Runs until the user quits or a terminating signal arrives.
    public func run() -> Ending {
        installSignalHandlers()
        defer { restoreSignalHandlers() }
        let (width, height) = backend.size()
        if width != state.width || height != state.height { _ = update(&state, .resized(width: width, height: height)) }
        draw()
        while true {
            var descriptors = [pollfd(fd: wake.read, events: Int16(POLLIN), revents: 0)]
            if let input = backend.inputDescriptor { descriptors.append(pollfd(fd: input, events: Int16(POLLIN), revents: 0)) }
            let ready = poll(&descriptors, nfds_t(descriptors.count), -1)
            var events: [Event] = []
            if ready > 0 && descriptors[0].revents != 0, let signal = drainWakePipe() { return .signal(signal) }
            // A hung-up terminal reports HUP/ERR forever: end instead of spinning.
            if descriptors.count > 1, descriptors[1].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { return .terminalLost }
            // Input is read even after EINTR: a resize arrives as KEY_RESIZE.
            events += backend.pendingInput()
            events += inbox.events.withLock { pending in defer { pending.removeAll() }; return pending }
            for event in events {
                if case .filesChanged = event { services?.filesChanged() }
                // After a resize the terminal's cells are not the last frame's any more (a
                // shrink loses what it cut): the next frame is drawn whole.
                if case .resized = event { previous = nil }
                for effect in update(&state, event) {
                    if effect == .quit { return .quit }
                    if case .edit(let path, let hint) = effect { edit(path, near: hint); continue }
                    services?.perform(effect)
                }
            }
            if !events.isEmpty { draw() }
        }
    }

    /// `e`: the editor gets the terminal until it ends; then the screen is drawn whole at the
    /// terminal's size (it may have been resized meanwhile) and the note is read again.
    private func edit(_ path: String, near hint: SourceHint) {
        guard let file = services?.file(of: path) else { return }
        let line = hint.line(in: (try? FileSystem.read(file)) ?? [])
        let environment = { (name: String) in getenv(name).map { String(cString: $0) } }
        let command = EditorCommand(visual: environment("VISUAL"), editor: environment("EDITOR"))
        backend.suspend()
        let failure = Editor.run(command.arguments(file: file, line: line))
        backend.resume()
        previous = nil
        let (width, height) = backend.size()
        let post = poster
        post(.resized(width: width, height: height))
        post(.edited(path: path))
        if let failure { post(.externalFailed(failure)) }
    }

    /// Reads the wake pipe empty; returns a signal number if a handler wrote one.
    private func drainWakePipe() -> Int32? {
        var bytes = [UInt8](repeating: 0, count: 256)
        var signal: Int32? = nil
        while true {
            let count = bytes.withUnsafeMutableBytes { read(wake.read, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            if let byte = bytes[0..<count].first(where: { $0 != 0 }) { signal = Int32(byte) }
        }
        return signal
    }

    private static let terminating: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]

    /// Holds back SIGINT, SIGTERM, SIGHUP and SIGQUIT until `installSignalHandlers()`: one
    /// arriving while the screen is being taken would otherwise kill the process with the
    /// terminal left in the reader's modes.
    public static func holdTerminatingSignals() {
        var set = terminatingSet
        pthread_sigmask(SIG_BLOCK, &set, nil)
    }

    private static var terminatingSet: sigset_t {
        var set = sigset_t()
        sigemptyset(&set)
        for number in terminating { sigaddset(&set, number) }
        return set
    }

    /// Routes terminating signals and resizes into the run loop (from then on they end it
    /// cleanly), and releases signals held back by `holdTerminatingSignals()`. Idempotent.
    public func installSignalHandlers() {
        guard !handlersInstalled else { return }
        handlersInstalled = true
        signalPipe = wake.write
        for number in Self.terminating {
            signal(number) { received in
                var byte = UInt8(truncatingIfNeeded: received)
                _ = write(signalPipe, &byte, 1)
            }
        }
        // A closed terminal must not kill the process before it can clean up.
        signal(SIGPIPE, SIG_IGN)
        // ncurses notes a resize in a flag that only the next read looks at; a resize during
        // update or draw would then wait for a key. Wake the loop too, then let ncurses know.
        var current = sigaction()
        sigaction(SIGWINCH, nil, &current)
        let handler = current.__sigaction_handler.sa_handler
        if let handler, unsafeBitCast(handler, to: Int.self) > 1 { cursesWinch = handler }
        signal(SIGWINCH) { received in
            var byte: UInt8 = 0
            _ = write(signalPipe, &byte, 1)
            cursesWinch?(received)
        }
        var set = Self.terminatingSet
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    private func restoreSignalHandlers() {
        handlersInstalled = false
        for number in Self.terminating { signal(number, SIG_DFL) }
        if let cursesWinch { signal(SIGWINCH, cursesWinch) }
    }

    public var finalState: AppState { state }
}

/// Events posted from other threads, waiting for the loop.
private final class Inbox: Sendable {
    let events = Mutex<[Event]>([])
}
