/// HTML character references: numeric ones and the named ones seen in GitBook exports.
enum Entities {
    private static let named: [Substring: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}",
        "copy": "©", "reg": "®", "trade": "™", "hellip": "…", "mdash": "—", "ndash": "–",
        "lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”", "bull": "•", "middot": "·",
        "times": "×", "rarr": "→", "larr": "←", "uarr": "↑", "darr": "↓", "deg": "°", "zwj": "\u{200D}",
        "zwnj": "", "shy": "", "laquo": "«", "raquo": "»", "euro": "€", "pound": "£", "sect": "§",
    ]

    /// `text` with character references decoded; unknown ones stay as written.
    static func decode(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            guard let semi = after.prefix(32).firstIndex(of: ";") else {
                out += "&"
                rest = after
                continue
            }
            let name = after[..<semi]
            if let decoded = decodeReference(name) {
                out += decoded
                rest = after[after.index(after: semi)...]
            } else {
                out += "&"
                rest = after
            }
        }
        out += rest
        return out
    }

    private static func decodeReference(_ name: Substring) -> String? {
        if name.hasPrefix("#") {
            let digits = name.dropFirst()
            let value: UInt32?
            if digits.hasPrefix("x") || digits.hasPrefix("X") {
                value = UInt32(digits.dropFirst(), radix: 16)
            } else {
                value = UInt32(digits)
            }
            guard let v = value else { return nil }
            guard v != 0, let scalar = Unicode.Scalar(v) else { return "\u{FFFD}" }
            return String(Character(scalar))
        }
        return named[name]
    }
}
