/// Which of Obsidian's constructs a note can hold at all, from one pass over its bytes, so the
/// pass does only the work a note needs (most GitBook notes need none).
struct ObsidianFeatures: OptionSet {
    let rawValue: UInt8
    static let callouts = ObsidianFeatures(rawValue: 1)
    static let embeds = ObsidianFeatures(rawValue: 2)
    static let blockIDs = ObsidianFeatures(rawValue: 4)
    static let inlineFootnotes = ObsidianFeatures(rawValue: 8)
    static let comments = ObsidianFeatures(rawValue: 16)
    static let highlights = ObsidianFeatures(rawValue: 32)
    static let tags = ObsidianFeatures(rawValue: 64)

    /// The constructs read in runs of inlines.
    static let inline: ObsidianFeatures = [.embeds, .inlineFootnotes, .comments, .highlights, .tags]

    /// `[!`, `![[`, `^`, `^[`, `%%`, `==` and a `#` that could start a tag, found in `bytes`.
    static func scan(_ bytes: [UInt8]) -> ObsidianFeatures {
        var found: ObsidianFeatures = []
        let count = bytes.count
        var i = 0
        while i < count {
            let byte = bytes[i]
            // Most bytes are none of these; one compare range first.
            if byte < 0x21 || byte > 0x5E || !(byte == 0x21 || byte == 0x23 || byte == 0x25 || byte == 0x3D || byte == 0x5B || byte == 0x5E) {
                i += 1
                continue
            }
            let next = i + 1 < count ? bytes[i + 1] : 0
            switch byte {
            case UInt8(ascii: "["): if next == UInt8(ascii: "!") { found.insert(.callouts) }
            case UInt8(ascii: "!"): if next == 0x5B, i + 2 < count, bytes[i + 2] == 0x5B { found.insert(.embeds) }
            case UInt8(ascii: "^"): found.insert(next == 0x5B ? .inlineFootnotes : .blockIDs)
            case UInt8(ascii: "%"): if next == byte { found.insert(.comments) }
            case UInt8(ascii: "="): if next == byte { found.insert(.highlights) }
            case UInt8(ascii: "#"):
                let before = i > 0 ? bytes[i - 1] : 0x0A
                if (before == 0x20 || before == 0x09 || before == 0x0A) && next > 0x20 && next != UInt8(ascii: "#") {
                    found.insert(.tags)
                }
            default: break
            }
            i += 1
        }
        return found
    }
}
