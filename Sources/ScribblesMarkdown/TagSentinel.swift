import ScribblesText

extension TagSentinel {
    /// The marker text for tag number `index`.
    static func marker(_ index: Int) -> String {
        String(Character(open)) + String(index) + String(Character(close))
    }

    /// Whether `text` holds a marker (a byte scan, no Unicode decoding).
    static func hasMarker(_ text: String) -> Bool {
        ByteSearch.withBytes(text) { bytes in
            // U+FDD0 is EF B7 90.
            guard bytes.count >= 3 else { return false }
            for i in 0..<(bytes.count - 2) where bytes[i] == 0xEF && bytes[i + 1] == 0xB7 && bytes[i + 2] == 0x90 { return true }
            return false
        }
    }

    /// Splits text into plain pieces and marker numbers, in order.
    static func split(_ text: String) -> [MarkerPiece] {
        var pieces: [MarkerPiece] = []
        var plain = String.UnicodeScalarView()
        var digits: UInt32? = nil
        for scalar in text.unicodeScalars {
            if scalar == open {
                if !plain.isEmpty { pieces.append(.text(String(plain))); plain = String.UnicodeScalarView() }
                digits = 0
            } else if scalar == close, let value = digits {
                pieces.append(.marker(Int(value)))
                digits = nil
            } else if let value = digits, (0x30...0x39).contains(scalar.value) {
                digits = min(value &* 10 &+ (scalar.value - 0x30), 1 << 30)
            } else {
                plain.append(scalar)
            }
        }
        if !plain.isEmpty { pieces.append(.text(String(plain))) }
        return pieces
    }

    /// `text` with each marker replaced by `replacement(index)`; with `standaloneWrappers`, the
    /// `<!--` and `-->` that `TagScanner` put around a tag-only line go too.
    static func replacingMarkers(in text: String, standaloneWrappers: Bool, _ replacement: (Int) -> String) -> String {
        var out = ""
        for piece in split(text) {
            switch piece {
            case .text(var s):
                if standaloneWrappers {
                    if s.hasSuffix("<!--") { s.removeLast(4) }
                    if s.hasPrefix("-->") { s.removeFirst(3) }
                }
                out += s
            case .marker(let index):
                out += replacement(index)
            }
        }
        return out
    }
}

enum MarkerPiece: Equatable {
    case text(String)
    case marker(Int)
}
