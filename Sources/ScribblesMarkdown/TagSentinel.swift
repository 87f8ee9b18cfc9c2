extension TagSentinel {
    /// The marker text for tag number `index`.
    static func marker(_ index: Int) -> String {
        String(Character(open)) + String(index) + String(Character(close))
    }

    /// Whether `text` holds a marker (a byte scan, no Unicode decoding).
    static func hasMarker(_ text: String) -> Bool {
        var state = 0
        for byte in text.utf8 {
            switch (state, byte) {
            case (_, 0xEF): state = 1
            case (1, 0xB7): state = 2
            case (2, 0x90): return true
            default: state = 0
            }
        }
        return false
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
