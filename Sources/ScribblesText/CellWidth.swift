/// Terminal cell widths, one function for the whole program.
///
/// A grapheme cluster (Swift's `Character`) takes 0, 1 or 2 cells: East Asian wide and emoji
/// clusters take 2, a cluster made only of combining or format characters takes 0, anything
/// else 1. ZWJ sequences are one cluster, so they are measured once by their first scalar.
/// Control characters must be made visible (`TerminalText.visible`) before measuring.
public enum CellWidth {
    /// Cells taken by one grapheme cluster.
    public static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        var iterator = scalars.makeIterator()
        guard let first = iterator.next() else { return 0 }
        if first.value < 0x7F { return first.value >= 0x20 ? 1 : 0 }
        if isWide(first.value) { return 2 }
        var sawVS16 = false
        var regionalIndicators = (0x1F1E6...0x1F1FF).contains(first.value) ? 1 : 0
        var allZero = isZeroWidth(first.value)
        while let next = iterator.next() {
            if next.value == 0xFE0F { sawVS16 = true }
            if (0x1F1E6...0x1F1FF).contains(next.value) { regionalIndicators += 1 }
            if !isZeroWidth(next.value) && next.value != 0x200D { allZero = false }
        }
        if regionalIndicators >= 2 { return 2 }
        if sawVS16 && inRanges(first.value, vs16WideningRanges) { return 2 }
        return allZero ? 0 : 1
    }

    /// Cells taken by a string; ASCII text is counted without grapheme segmentation.
    public static func of(_ text: String) -> Int { measure(text) }

    /// Cells taken by a substring.
    public static func of(_ text: Substring) -> Int { measure(text) }

    private static func measure<S: StringProtocol>(_ text: S) -> Int {
        var total = 0
        var asciiOnly = true
        for byte in text.utf8 where byte >= 0x80 || byte < 0x20 {
            asciiOnly = false
            break
        }
        if asciiOnly { return text.utf8.count }
        for character in text { total += of(character) }
        return total
    }

    static func isWide(_ value: UInt32) -> Bool {
        value >= 0x1100 && inRanges(value, wideRanges)
    }

    static func isZeroWidth(_ value: UInt32) -> Bool {
        value >= 0x300 && inRanges(value, zeroWidthRanges)
    }

    private static func inRanges(_ value: UInt32, _ ranges: [(UInt32, UInt32)]) -> Bool {
        var low = 0
        var high = ranges.count - 1
        while low <= high {
            let mid = (low + high) / 2
            if value < ranges[mid].0 {
                high = mid - 1
            } else if value > ranges[mid].1 {
                low = mid + 1
            } else {
                return true
            }
        }
        return false
    }
}
