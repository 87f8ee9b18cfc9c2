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
        ByteSearch.withBytes(text, needsCleaning(bytes:))
    }

    /// Whether valid UTF-8 holds a C0 or C1 control, DEL or a bidi override, read 8 bytes at a
    /// time while they are printable ASCII (this runs on every span of every note).
    private static func needsCleaning(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let count = bytes.count
        let highs: UInt64 = 0x8080_8080_8080_8080, ones: UInt64 = 0x0101_0101_0101_0101
        var i = 0
        while i < count {
            if i + 8 <= count {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if word & highs == 0 {
                    // ASCII: a byte under 0x20, or one equal to 0x7F, sets a high bit here.
                    let low = (word &- 0x20 &* ones) & ~word & highs
                    let del = word ^ (0x7F &* ones)
                    if low | ((del &- ones) & ~del & highs) == 0 {
                        i += 8
                        continue
                    }
                }
            }
            let byte = base[i]
            if byte < 0x20 || byte == 0x7F { return true }
            // C1 controls are U+0080…U+009F: C2 80…C2 9F.
            if byte == 0xC2, i + 1 < count, base[i + 1] < 0xA0 { return true }
            // Bidi overrides U+202A…U+202E (E2 80 AA…AE) and isolates U+2066…U+2069 (E2 81 A6…A9).
            if byte == 0xE2, i + 2 < count {
                let second = base[i + 1], third = base[i + 2]
                if (second == 0x80 && (0xAA...0xAE).contains(third)) || (second == 0x81 && (0xA6...0xA9).contains(third)) { return true }
            }
            i += 1
        }
        return false
    }
}
