/// Tells binary files from notes: magic numbers, or many NUL and control bytes early on.
public enum BinarySniffer {
    public static func isBinary(_ bytes: [UInt8]) -> Bool {
        let head = bytes.prefix(8192)
        let magics: [[UInt8]] = [
            [0x89, 0x50, 0x4E, 0x47], [0x25, 0x50, 0x44, 0x46], [0x7F, 0x45, 0x4C, 0x46], [0x50, 0x4B, 0x03, 0x04],
            [0x1F, 0x8B], [0xFF, 0xD8, 0xFF], [0x47, 0x49, 0x46, 0x38],
        ]
        if magics.contains(where: { head.starts(with: $0) }) { return true }
        guard !head.isEmpty else { return false }
        var suspicious = 0
        for byte in head where byte == 0 || (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D && byte != 0x0C && byte != 0x1B) {
            suspicious += 1
        }
        return suspicious * 10 > head.count
    }
}
