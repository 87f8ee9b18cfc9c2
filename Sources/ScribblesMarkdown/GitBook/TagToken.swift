/// One `{% … %}` template tag as written, before pairing.
public struct TagToken: Hashable, Sendable {
    /// The tag name as written (`hint`, `endhint`, `content-ref`).
    public var name: String
    /// `key="value"` arguments, values with quotes removed.
    public var attributes: [String: String]
    /// Arguments without a key (`{% include "x.md" %}`).
    public var positional: [String]
    /// The tag exactly as it appeared in the note.
    public var source: String
    /// For `{% raw %}…{% endraw %}`, the literal body.
    public var rawBody: String?
    /// The line of the note the tag is on (1-based; 0 for tags made from HTML).
    public var line = 0
    /// The column of its `{` (1-based bytes, before `Cleanup`'s edits are undone; 0 when unknown).
    public var column = 0

    /// The name this tag closes, when it is an end tag (`endhint` closes `hint`).
    public var closedName: String? {
        guard name.hasPrefix("end"), name.count > 3 else { return nil }
        return String(name.dropFirst(3))
    }

    /// An attribute with Markdown backslash escapes undone (GITBOOK.md §3.1 reader policy).
    public func unescaped(_ key: String) -> String? {
        attributes[key].map(TagToken.unescapeBackslashes)
    }

    static func unescapeBackslashes(_ value: String) -> String {
        guard value.utf8.contains(UInt8(ascii: "\\")) else { return value }
        var out = ""
        var escaping = false
        for character in value {
            if escaping {
                if !(character.isASCII && character.isPunctuation || character.isSymbol && character.isASCII) {
                    out.append("\\")
                }
                out.append(character)
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                out.append(character)
            }
        }
        if escaping { out.append("\\") }
        return out
    }
}
