import Foundation
import Glibc
import ScribblesApp
import ScribblesTerminal
import ScribblesText
import ScribblesVault
import Synchronization
import Testing

/// The whole reader (run loop, services, file watching) in this process, drawing on a test
/// backend that keeps the screen: every note of the hostile collection walked through, notes
/// deleted or replaced by folders while shown, resizes down to nothing.
extension Hardening {
@Suite struct ReaderBackendTests {
    @Test func walkingTheHostileCollection() throws {
        let hostile = HostileCollection.shared
        let reader = try ReaderUnderTest(root: hostile.root, first: "README.md")
        defer { reader.stop() }
        #expect(reader.waitFor("Hostile collection"), "\(reader.screen)")
        // Every entry of the contents in turn: down, open, to the end, back to the list.
        let entries = min(60, try Vault(opening: hostile.root).tableOfContents().entries.count)
        for _ in 0..<entries {
            reader.send(.key(.character("j")), .key(.enter), .key(.character("G")), .key(.tab), .key(.character("/")),
                        .key(.character("x")), .key(.escape), .key(.character("h")))
        }
        for size in [(20, 5), (1, 1), (0, 0), (7, 3), (200, 60), (80, 24)] {
            reader.send(.resized(width: size.0, height: size.1), .key(.character("j")))
        }
        #expect(reader.waitFor("Hostile collection", seconds: 120), "still drawing after the walk:\n\(reader.screen)")
        #expect(reader.backend.violations == [], "control characters reached the screen")
    }

    @Test func aNoteDeletedOrReplacedByAFolderWhileShown() throws {
        let folder = NSTemporaryDirectory() + "scribbles-vanishing-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try "# Home\n\n[Shown](shown.md) and [other](other.md)\n".write(toFile: folder + "/README.md", atomically: true, encoding: .utf8)
        try "# Shown note\n\nIt is here.\n".write(toFile: folder + "/shown.md", atomically: true, encoding: .utf8)
        try "# Other note\n\nAlso here.\n".write(toFile: folder + "/other.md", atomically: true, encoding: .utf8)
        let reader = try ReaderUnderTest(root: folder, first: "shown.md")
        defer { reader.stop() }
        #expect(reader.waitFor("It is here."), "\(reader.screen)")

        try FileManager.default.removeItem(atPath: folder + "/shown.md")
        #expect(reader.waitFor("shown.md", seconds: 10), "\(reader.screen)")
        reader.send(.key(.character("j")), .key(.character("k")))
        #expect(reader.waitFor("Home", seconds: 10) || reader.screen.contains("shown.md"), "\(reader.screen)")

        // Open the other note, then turn it into a folder under the reader's feet.
        reader.send(.launched("other.md", .top))
        #expect(reader.waitFor("Also here."), "\(reader.screen)")
        try FileManager.default.removeItem(atPath: folder + "/other.md")
        try FileManager.default.createDirectory(atPath: folder + "/other.md", withIntermediateDirectories: false)
        reader.send(.launched("other.md", .top))
        #expect(reader.waitFor("other.md: ", seconds: 10), "the reason is shown:\n\(reader.screen)")
        // Still working: the home note opens.
        reader.send(.launched("README.md", .top))
        #expect(reader.waitFor("Home", seconds: 10), "\(reader.screen)")
        #expect(reader.backend.violations == [])
    }
}
}

/// The reader's run loop on a `TestBackend`, on its own thread.
final class ReaderUnderTest: @unchecked Sendable {
    let backend = TestBackend()
    private let runtime: Runtime
    private let services: Services
    private let done = DispatchSemaphore(value: 0)

    init(root: String, first: String) throws {
        let state = NSTemporaryDirectory() + "scribbles-backend-state-\(getpid())"
        runtime = Runtime(backend: backend, state: AppState(width: 80, height: 24))
        services = Services(root: root, cacheFolder: nil, stateFolder: state, post: runtime.poster)
        runtime.attach(services: services)
        services.open(root, reloading: nil)
        runtime.dispatch(.launched(first, .top)) { _ in nil }
        nonisolated(unsafe) let runtime = self.runtime
        let done = self.done
        Thread.detachNewThread {
            _ = runtime.run()
            done.signal()
        }
    }

    func send(_ events: Event...) { backend.send(events) }

    var screen: String { backend.rows.joined(separator: "\n") }

    func waitFor(_ text: String, seconds: Double = 60) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if screen.contains(text) { return true }
            usleep(20_000)
        }
        return false
    }

    func stop() {
        backend.send([.key(.character("q"))])
        #expect(done.wait(timeout: .now() + 30) == .success, "the reader quits")
        services.stop()
    }
}

/// A terminal that is a screen buffer: runs are applied to it, and any control character in
/// a cell is recorded as a violation.
final class TestBackend: TerminalBackend, @unchecked Sendable {
    private let state = Mutex<(screen: ScreenBuffer, queued: [Event], violations: [String], size: (Int, Int))>(
        (ScreenBuffer(width: 80, height: 24), [], [], (80, 24)))
    private let wake: (read: Int32, write: Int32)

    init() {
        var fds: [Int32] = [-1, -1]
        pipe(&fds)
        _ = fcntl(fds[0], F_SETFL, O_NONBLOCK)
        wake = (fds[0], fds[1])
    }

    deinit {
        close(wake.read)
        close(wake.write)
    }

    func send(_ events: [Event]) {
        state.withLock { state in
            for event in events {
                if case .resized(let width, let height) = event {
                    state.size = (width, height)
                    state.screen = ScreenBuffer(width: max(0, width), height: max(0, height))
                }
                state.queued.append(event)
            }
        }
        var byte: UInt8 = 1
        _ = write(wake.write, &byte, 1)
    }

    var rows: [String] { state.withLock { $0.screen.rows } }
    var violations: [String] { state.withLock { $0.violations } }

    func size() -> (width: Int, height: Int) { state.withLock { $0.size } }

    func draw(_ runs: [ScreenRun]) {
        state.withLock { state in
            var screen = state.screen
            for run in runs {
                for (offset, cell) in run.cells.enumerated() {
                    if TerminalText.needsCleaning(cell.text) { state.violations.append(cell.text.debugDescription) }
                    let x = run.x + offset
                    guard run.y < screen.height, x < screen.width else { continue }
                    if !cell.text.isEmpty { _ = screen.put(cell.text, x: x, y: run.y, style: cell.style) }
                }
            }
            state.screen = screen
        }
    }

    func pendingInput() -> [Event] {
        var bytes = [UInt8](repeating: 0, count: 64)
        while read(wake.read, &bytes, bytes.count) > 0 {}
        return state.withLock { state in
            defer { state.queued.removeAll() }
            return state.queued
        }
    }

    var inputDescriptor: Int32? { wake.read }

    func restore() {}
}
