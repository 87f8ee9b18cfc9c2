#if canImport(Glibc)
import Glibc
#endif

/// Substring search over UTF-8 bytes: no locale, no Foundation bridging, no grapheme
/// breaking (these sit on hot paths: a search reads every hit's note).
public enum ByteSearch {
    /// The offset of the first `needle` in `haystack` at or after `start`; with
    /// `foldingASCII`, ASCII letters of the haystack are compared lower-cased (the needle is
    /// given lower-case).
    public static func firstOffset(of needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>,
                                   from start: Int = 0, foldingASCII: Bool = false) -> Int? {
        guard let first = needle.first else { return start <= haystack.count ? start : nil }
        guard needle.count <= haystack.count else { return nil }
        @inline(__always) func at(_ i: Int) -> UInt8 {
            let byte = haystack[i]
            return foldingASCII && byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
        }
        var i = max(0, start)
        let last = haystack.count - needle.count
        while i <= last {
            if at(i) == first {
                var j = 1
                while j < needle.count && at(i + j) == needle[j] { j += 1 }
                if j == needle.count { return i }
            }
            i += 1
        }
        return nil
    }
}

extension ByteSearch {
    /// Whether `bytes` hold `byte` (memchr, a fraction of a closure's test per byte).
    public static func contains(_ byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return false }
        return memchr(base, Int32(byte), bytes.count) != nil
    }

    /// The offset of the first byte in `start..<end` whose entry in `marked` (256 of them) is
    /// true, else `end`: how a scan skips the run of bytes it has nothing to do with.
    @inlinable public static func firstMarked(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, before end: Int,
                                      marked: UnsafeBufferPointer<Bool>) -> Int {
        var index = start
        while index < end, !marked[Int(bytes[index])] { index += 1 }
        return index
    }

    /// The offset of the first line feed in `bytes` at or after `start`, else `bytes.count`
    /// (memchr: a byte loop to each line's end was most of a pass over a long note's lines).
    public static func lineEnd(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard start < bytes.count, let base = bytes.baseAddress else { return bytes.count }
        guard let found = memchr(base + start, 0x0A, bytes.count - start) else { return bytes.count }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }
}

extension ByteSearch {
    /// `body` of the string's UTF-8 bytes, in place (copied only for a string that is not
    /// stored as UTF-8): a loop over a buffer costs a third of one over `utf8`.
    @inlinable public static func withBytes<R>(_ text: some StringProtocol, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        withBytes(text.utf8, body)
    }

    /// `body` of the bytes in place, or of a copy when they are not contiguous.
    @inlinable public static func withBytes<R>(_ bytes: some Sequence<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = bytes.withContiguousStorageIfAvailable(body) { return result }
        return Array(bytes).withUnsafeBufferPointer(body)
    }
}

extension String {
    /// Whether `needle` occurs in the string, compared as UTF-8 bytes.
    public func hasSubstring(_ needle: String) -> Bool {
        ByteSearch.withBytes(self) { h in ByteSearch.withBytes(needle) { n in ByteSearch.firstOffset(of: n, in: h) != nil } }
    }
}

extension String {
    /// `count` copies of `piece` (none for a count under 1), written as bytes in one buffer:
    /// `String(repeating:count:)` appends them one at a time, 37 instructions a byte, and
    /// layout pads every line of a code block and draws every frame with it.
    public static func repeating(_ piece: String, count: Int) -> String {
        guard count > 0 else { return "" }
        return ByteSearch.withBytes(piece) { bytes in
            guard let source = bytes.baseAddress else { return "" }
            let total = bytes.count * count
            return String(unsafeUninitializedCapacity: total) { buffer in
                guard let target = buffer.baseAddress else { return 0 }
                // One copy of the piece, then what is written so far doubled until it is all.
                target.update(from: source, count: bytes.count)
                var written = bytes.count
                while written < total {
                    let chunk = Swift.min(written, total - written)
                    (target + written).update(from: target, count: chunk)
                    written += chunk
                }
                return total
            }
        }
    }
}
