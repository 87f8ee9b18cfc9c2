import ScribblesText

/// Artifacts of GitBook exports removed before anything else sees the text (GITBOOK.md §8).
enum Cleanup {
    /// Zero-width characters GitBook leaves behind: ZWSP, ZWNJ and BOM (ZWJ stays: emoji need it).
    static func isArtifact(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value == 0x200B || scalar.value == 0x200C || scalar.value == 0xFEFF
    }

    /// `text` without zero-width artifacts, NUL bytes (as U+FFFD) and Scribbles' own sentinels.
    static func removingArtifacts(_ text: String) -> String {
        var unused = ColumnShifts()
        return removingArtifacts(text, shifts: &unused)
    }

    /// The same, recording in `shifts` how each edit moves the columns after it on its line.
    static func removingArtifacts(_ text: String, shifts: inout ColumnShifts) -> String {
        guard needsWork(text) else { return text }
        var scalars = String.UnicodeScalarView()
        var line = 1
        var column = 1
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                line += 1
                column = 1
                scalars.append(scalar)
                continue
            }
            if isArtifact(scalar) {
                shifts.record(line: line, at: column, delta: UTF8.width(scalar))
                continue
            }
            if scalar.value == 0 || scalar == TagSentinel.open || scalar == TagSentinel.close {
                scalars.append("\u{FFFD}")
                column += 3
                shifts.record(line: line, at: column, delta: UTF8.width(scalar) - 3)
            } else {
                scalars.append(scalar)
                column += UTF8.width(scalar)
            }
        }
        return String(scalars)
    }

    private static func needsWork(_ text: String) -> Bool {
        ByteSearch.withBytes(text) { bytes in
            ByteSearch.contains(0xE2, in: bytes) || ByteSearch.contains(0xEF, in: bytes) || ByteSearch.contains(0, in: bytes)
        }
    }
}

extension StringProtocol {
    /// The text without leading and trailing whitespace and newlines.
    public func trimmingWhitespace() -> String {
        // Printable ASCII at both ends is no whitespace (no such byte ends a space's grapheme).
        let printableEnds = ByteSearch.withBytes(self) { bytes in
            guard let head = bytes.first, let tail = bytes.last else { return false }
            return (0x21..<0x7F).contains(head) && (0x21..<0x7F).contains(tail)
        }
        if printableEnds { return String(self) }
        guard let first = firstIndex(where: { !$0.isWhitespace }),
              let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[first...last])
    }
}
