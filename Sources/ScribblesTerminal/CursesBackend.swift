import CNcursesw
import Glibc
import ScribblesApp
import ScribblesText

/// What a terminal backend does for the run loop: report its size and input, draw changes.
public protocol TerminalBackend: AnyObject {
    /// The size in cells.
    func size() -> (width: Int, height: Int)
    /// Draws runs of changed cells and shows them.
    func draw(_ runs: [ScreenRun])
    /// Every input event waiting now; never blocks.
    func pendingInput() -> [Event]
    /// The descriptor to wait on for input (nil when input comes another way).
    var inputDescriptor: Int32? { get }
    /// Gives the terminal back as it was found. Safe to call twice.
    func restore()
    /// Lends the terminal to another program (the editor) until `resume()`.
    func suspend()
    /// Takes the terminal back after `suspend()`; the next frame is drawn whole.
    func resume()
}

extension TerminalBackend {
    public func suspend() {}
    public func resume() {}
}

/// How many colours to use.
public enum ColorMode: Sendable {
    case full, basic, monochrome

    /// From the environment: NO_COLOR or TERM=dumb give monochrome.
    public static func fromEnvironment() -> ColorMode {
        let noColor = getenv("NO_COLOR").map { String(cString: $0) } ?? ""
        let term = getenv("TERM").map { String(cString: $0) } ?? ""
        return !noColor.isEmpty || term == "dumb" ? .monochrome : .full
    }
}

/// The only code that talks to ncursesw: it draws cells and turns keys into events.
public final class CursesBackend: TerminalBackend {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    private var screen: OpaquePointer?
    private var isActive = false
    private let colors: ColorMode
    private var pairs: [Int: Int16] = [:]
    private var attributeCache: [Style: (attr_t, Int16)] = [:]

    /// Takes over the terminal on standard input and output.
    public init(colors requested: ColorMode) throws(Failure) {
        guard scribbles_setup_locale() == 1 else {
            throw Failure(description: "no UTF-8 locale is available (set LANG to a UTF-8 locale)")
        }
        setenv("ESCDELAY", "25", 0)
        // Some shells export LINES and COLUMNS; ncurses would then keep their start-up values
        // after every resize (use_tioctl does not change that in this ncurses). Without them it
        // asks the terminal, at start and on each resize.
        unsetenv("LINES")
        unsetenv("COLUMNS")
        // TERM=dumb asks for no colour and no effects; the screen still needs cursor moves,
        // which every terminal emulator has: draw with VT100's, in monochrome.
        if getenv("TERM").map({ String(cString: $0) }) == "dumb" { setenv("TERM", "vt100", 1) }
        guard let screen = scribbles_newterm() else {
            let term = getenv("TERM").map { String(cString: $0) } ?? "(unset)"
            throw Failure(description: "cannot drive this terminal (TERM=\(term))")
        }
        self.screen = screen
        isActive = true
        guard Self.capability("cup") != nil else {
            endwin()
            delscreen(screen)
            self.screen = nil
            isActive = false
            throw Failure(description: "this terminal cannot move the cursor (TERM=dumb?): use `scribbles render FILE`")
        }
        cbreak()
        noecho()
        nonl()
        keypad(scribbles_stdscr(), true)
        nodelay(scribbles_stdscr(), true)
        curs_set(0)
        mouseinterval(0)
        mousemask(scribbles_mouse_mask(), nil)
        var mode = requested
        if mode != .monochrome && has_colors() {
            start_color()
            use_default_colors()
            if scribbles_colors() < 256 && mode == .full { mode = .basic }
        } else {
            mode = .monochrome
        }
        colors = mode
    }

    public var inputDescriptor: Int32? { STDIN_FILENO }

    /// The bytes that give the screen back without ncurses (for a crash handler, which may
    /// not call endwin): attributes off, mouse reports off, keypad mode off, the main screen,
    /// the cursor shown; from this terminal's own capabilities.
    public var emergencyRestore: [UInt8] {
        var bytes: [UInt8] = []
        for name in ["sgr0", "rmkx", "rmcup", "cnorm"] {
            if let value = Self.capability(name) { bytes += value }
        }
        if Self.capability("kmous") != nil {
            bytes += Array("\u{1B}[?1006l\u{1B}[?1003l\u{1B}[?1002l\u{1B}[?1000l".utf8)
        }
        return bytes + [0x0D, 0x0A]
    }

    /// A string capability of this terminal (terminfo), nil when absent or cancelled.
    private static func capability(_ name: String) -> [UInt8]? {
        guard let value = tigetstr(name), Int(bitPattern: value) != -1 else { return nil }
        return Array(String(cString: value).utf8)
    }

    public func size() -> (width: Int, height: Int) {
        (Int(scribbles_cols()), Int(scribbles_lines()))
    }

    public func draw(_ runs: [ScreenRun]) {
        guard isActive else { return }
        var current: Style? = nil
        var wide: [wchar_t] = []
        for run in runs {
            var x = run.x
            for cell in run.cells {
                defer { x += 1 }
                if cell.text.isEmpty { continue }
                if cell.style != current {
                    let (attributes, pair) = attributes(cell.style)
                    attr_set(attributes, pair, nil)
                    current = cell.style
                }
                wide.removeAll(keepingCapacity: true)
                for scalar in cell.text.unicodeScalars { wide.append(wchar_t(bitPattern: scalar.value)) }
                _ = wide.withUnsafeBufferPointer { mvaddnwstr(Int32(run.y), Int32(x), $0.baseAddress, Int32($0.count)) }
            }
        }
        attr_set(scribbles_a_normal(), 0, nil)
        refresh()
    }

    /// Redraws everything on the next refresh (after a resize or Ctrl-L).
    public func invalidate() {
        guard isActive else { return }
        clearok(scribbles_stdscr(), true)
    }

    public func pendingInput() -> [Event] {
        guard isActive else { return [] }
        var events: [Event] = []
        var character: wint_t = 0
        while events.count < 512 {
            let result = wget_wch(scribbles_stdscr(), &character)
            if result == scribbles_err() { break }
            if result == scribbles_key_code_yes() {
                if let event = functionKey(Int32(character)) { events.append(event) }
            } else if let key = Self.key(forCharacter: UInt32(character)) {
                events.append(.key(key))
            }
        }
        return events
    }

    public func suspend() {
        guard isActive else { return }
        def_prog_mode()
        curs_set(1)
        endwin()
    }

    public func resume() {
        guard isActive else { return }
        reset_prog_mode()
        curs_set(0)
        mousemask(scribbles_mouse_mask(), nil)
        clearok(scribbles_stdscr(), true)
        refresh()
    }

    public func restore() {
        guard isActive else { return }
        isActive = false
        curs_set(1)
        endwin()
    }

    deinit {
        restore()
        if let screen { delscreen(screen) }
    }

    /// A typed character as a key: controls become named keys or `.control`.
    static func key(forCharacter code: UInt32) -> Key? {
        switch code {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return .control(Character(Unicode.Scalar(code + 96)!))
        case 0..<32: return nil
        default:
            guard let scalar = Unicode.Scalar(code) else { return nil }
            return .character(Character(scalar))
        }
    }

    private func functionKey(_ code: Int32) -> Event? {
        switch code {
        case scribbles_key_up(): return .key(.up)
        case scribbles_key_down(): return .key(.down)
        case scribbles_key_left(): return .key(.left)
        case scribbles_key_right(): return .key(.right)
        case scribbles_key_home(): return .key(.home)
        case scribbles_key_end(): return .key(.end)
        case scribbles_key_npage(): return .key(.pageDown)
        case scribbles_key_ppage(): return .key(.pageUp)
        case scribbles_key_enter(): return .key(.enter)
        case scribbles_key_backspace(): return .key(.backspace)
        case scribbles_key_btab(): return .key(.backTab)
        case scribbles_key_dc(): return .key(.delete)
        case scribbles_key_resize():
            invalidate()
            let (width, height) = size()
            return .resized(width: width, height: height)
        case scribbles_key_mouse(): return mouse()
        default: return nil
        }
    }

    private func mouse() -> Event? {
        var event = MEVENT()
        guard getmouse(&event) == scribbles_ok() else { return nil }
        let x = Int(event.x), y = Int(event.y)
        // Shift with the wheel scrolls sideways (where the terminal passes it on).
        let shift = scribbles_mouse_is_shift(event.bstate) != 0
        if scribbles_mouse_is_wheel_up(event.bstate) != 0 { return .mouse(MouseEvent(shift ? .wheelLeft : .wheelUp, x: x, y: y)) }
        if scribbles_mouse_is_wheel_down(event.bstate) != 0 { return .mouse(MouseEvent(shift ? .wheelRight : .wheelDown, x: x, y: y)) }
        // A press and its release arrive separately: act on the press only.
        if scribbles_mouse_is_click(event.bstate) != 0 && scribbles_mouse_is_release(event.bstate) == 0 {
            return .mouse(MouseEvent(.click, x: x, y: y))
        }
        return nil
    }

    /// Attributes and colour pair for a style, from the shared theme, cached.
    private func attributes(_ style: Style) -> (attr_t, Int16) {
        if let cached = attributeCache[style] { return cached }
        let look = Theme.look(style)
        var attributes = scribbles_a_normal()
        if look.bold { attributes |= scribbles_a_bold() }
        if look.underline { attributes |= scribbles_a_underline() }
        if look.reverse { attributes |= scribbles_a_reverse() }
        if look.italic && colors != .monochrome { attributes |= scribbles_a_italic() }
        if look.dim { attributes |= scribbles_a_dim() }
        // Without colour, a struck-out (broken) link still needs to stand out.
        if look.strike && colors == .monochrome { attributes |= scribbles_a_underline() }
        var pair: Int16 = 0
        switch colors {
        case .full: pair = look.color256.map { self.pair($0) } ?? 0
        case .basic: pair = look.color8.map { self.pair($0) } ?? 0
        case .monochrome: break
        }
        attributeCache[style] = (attributes, pair)
        return (attributes, pair)
    }

    /// A colour pair with `foreground` on the default background.
    private func pair(_ foreground: Int) -> Int16 {
        if let known = pairs[foreground] { return known }
        let number = Int16(pairs.count + 1)
        init_pair(number, Int16(foreground), -1)
        pairs[foreground] = number
        return number
    }
}
