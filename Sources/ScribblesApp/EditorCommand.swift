/// The argument vector that opens a file at a line in the user's editor: `$VISUAL`, else
/// `$EDITOR`, else `vi`. The variable is split into words as a shell would split a simple
/// command (blanks, single and double quotes, backslashes) but nothing in it is run by a
/// shell: no expansion, no redirection.
public struct EditorCommand: Hashable, Sendable {
    public var words: [String]

    /// From the environment's values (nil or blank: not set).
    public init(visual: String?, editor: String?) {
        let chosen = [visual, editor].compactMap { $0 }.first { !Self.split($0).isEmpty }
        words = chosen.map(Self.split) ?? ["vi"]
    }

    /// The program's name without its folder.
    public var programName: String { words[0].split(separator: "/").last.map(String.init) ?? words[0] }

    /// VS Code and its forks take `-g FILE:LINE` (and need `--wait` to block until the file is
    /// closed); Sublime Text, Zed, Atom and Kate take `FILE:LINE`; TextMate takes `-l LINE FILE`;
    /// every other editor we know (vi, vim, nvim, nano, emacs, micro, kak, helix, joe, mg) takes
    /// `+LINE FILE`.
    enum LineForm { case plus, goto, colon, option }

    var lineForm: LineForm {
        switch programName {
        case "code", "code-insiders", "codium", "vscodium", "code-oss", "cursor", "windsurf": return .goto
        case "subl", "sublime_text", "zed", "zeditor", "atom", "kate": return .colon
        case "mate": return .option
        default: return .plus
        }
    }

    /// The whole vector for `file` (an absolute path, so never read as an option) at `line`.
    public func arguments(file: [UInt8], line: Int) -> [[UInt8]] {
        var head = words.map { Array($0.utf8) }
        let number = Array(String(max(1, line)).utf8)
        switch lineForm {
        case .goto:
            if !words.contains("--wait") && !words.contains("-w") { head.append(Array("--wait".utf8)) }
            return head + [Array("-g".utf8), file + [0x3A] + number]
        case .colon: return head + [file + [0x3A] + number]
        case .option: return head + [Array("-l".utf8), number, file]
        case .plus: return head + [[0x2B] + number, file]
        }
    }

    /// Shell-like word splitting without expansion.
    static func split(_ text: String) -> [String] {
        var words: [String] = []
        var current = "", inWord = false
        var quote: Character? = nil
        var escaped = false
        for character in text {
            if escaped { current.append(character); escaped = false; inWord = true; continue }
            if let open = quote {
                if character == open { quote = nil }
                else if character == "\\" && open == "\"" { escaped = true }
                else { current.append(character) }
                continue
            }
            switch character {
            case "\\": escaped = true; inWord = true
            case "'", "\"": quote = character; inWord = true
            case " ", "\t", "\n":
                if inWord { words.append(current); current = ""; inWord = false }
            default: current.append(character); inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }
}
