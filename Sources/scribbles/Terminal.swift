#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ScribblesText

/// What the CLI knows about the terminal it writes to.
struct Terminal {
    var isTTY: Bool
    var width: Int?
    /// Colour allowed by the environment: NO_COLOR unset or empty, TERM not "dumb".
    var colorAllowed: Bool
    var palette: ANSIWriter.Palette?

    static var current: Terminal {
        let tty = isatty(STDOUT_FILENO) == 1
        var size = winsize()
        var width: Int? = nil
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            width = Int(size.ws_col)
        } else if let columns = environment("COLUMNS").flatMap(Int.init), columns > 0 {
            width = columns
        }
        let noColor = !(environment("NO_COLOR") ?? "").isEmpty
        let term = environment("TERM") ?? ""
        let palette: ANSIWriter.Palette = term.contains("256") || environment("COLORTERM") != nil ? .extended : .basic
        return Terminal(isTTY: tty, width: width, colorAllowed: !noColor && term != "dumb", palette: palette)
    }

    static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }
}

/// Text destined for stderr, made safe and short.
enum TerminalSafe {
    static func quote(_ path: String) -> String {
        TerminalText.visible(path)
    }
}

/// Buffered standard output.
struct StandardOutput {
    private var buffer: [UInt8] = []

    mutating func write(_ text: String) { write(text.utf8) }

    mutating func write(_ bytes: some Collection<UInt8>) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        var offset = 0
        while offset < buffer.count {
            let written = buffer[offset...].withUnsafeBytes { Glibc.write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                break
            }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        _ = string.utf8CString.withUnsafeBufferPointer { Glibc.write(STDERR_FILENO, $0.baseAddress, $0.count - 1) }
    }
}
