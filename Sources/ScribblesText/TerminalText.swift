/// Makes untrusted text safe to show in a terminal.
///
/// Notes are written by other people: no byte of theirs may reach the terminal as a control
/// sequence. C0 and C1 controls and DEL become visible Control Pictures (ESC shows as `␛`),
/// bidirectional overrides become `�`, and tabs become spaces. Printable text is unchanged.
public enum TerminalText {
    /// `text` with every control character replaced by a visible stand-in.
    public static func visible(_ text: String) -> String {
        needsCleaning(text) ? clean(text) : text
    }

    /// A substring with every control character replaced by a visible stand-in.
    public static func visible(_ text: Substring) -> String {
        needsCleaning(text) ? clean(text) : String(text)
    }

    private static func clean<S: StringProtocol>(_ text: S) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09:
                result.append(contentsOf: "    ".unicodeScalars)
            case 0x00..<0x20:
                result.append(Unicode.Scalar(0x2400 + scalar.value)!)
            case 0x7F:
                result.append("\u{2421}")
            case 0x80..<0xA0:
                result.append("\u{FFFD}")
            case 0x202A...0x202E, 0x2066...0x2069:
                result.append("\u{FFFD}")
            default:
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// Whether `visible(_:)` would change `text`.
    public static func needsCleaning(_ text: String) -> Bool { scan(text) }

    public static func needsCleaning(_ text: Substring) -> Bool { scan(text) }

    private static func scan<S: StringProtocol>(_ text: S) -> Bool {
        for byte in text.utf8 {
            if byte < 0x20 || byte == 0x7F { return true }
            // C1 controls are U+0080…U+009F, encoded C2 80…C2 9F; bidi overrides start E2 80 / E2 81.
            if byte == 0xC2 || byte == 0xE2 { return scalarsNeedCleaning(text) }
        }
        return false
    }

    private static func scalarsNeedCleaning<S: StringProtocol>(_ text: S) -> Bool {
        text.unicodeScalars.contains { scalar in
            let v = scalar.value
            return v < 0x20 || (0x7F..<0xA0).contains(v) || (0x202A...0x202E).contains(v)
                || (0x2066...0x2069).contains(v)
        }
    }
}
