/// Artifacts of GitBook exports removed before anything else sees the text (GITBOOK.md §8).
enum Cleanup {
    /// Zero-width characters GitBook leaves behind: ZWSP, ZWNJ and BOM (ZWJ stays: emoji need it).
    static func isArtifact(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value == 0x200B || scalar.value == 0x200C || scalar.value == 0xFEFF
    }

    /// `text` without zero-width artifacts, NUL bytes (as U+FFFD) and Scribbles' own sentinels.
    static func removingArtifacts(_ text: String) -> String {
        guard needsWork(text) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isArtifact(scalar) { continue }
            if scalar.value == 0 || scalar == TagSentinel.open || scalar == TagSentinel.close {
                scalars.append("\u{FFFD}")
            } else {
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    private static func needsWork(_ text: String) -> Bool {
        for byte in text.utf8 where byte == 0 || byte == 0xE2 || byte == 0xEF || byte == 0xEF {
            return true
        }
        return false
    }
}

extension StringProtocol {
    /// The text without leading and trailing whitespace and newlines.
    public func trimmingWhitespace() -> String {
        guard let first = firstIndex(where: { !$0.isWhitespace }),
              let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[first...last])
    }
}
