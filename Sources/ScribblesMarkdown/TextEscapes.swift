/// Escapes that link destinations and tag attributes carry (GITBOOK.md §6.1), for the vault.
public enum TextEscapes {
    /// CommonMark backslash escapes undone (`\_` → `_`).
    public static func unescapeBackslashes(_ text: String) -> String {
        TagToken.unescapeBackslashes(text)
    }

    /// HTML character references decoded (`&#x26;` → `&`).
    public static func decodeEntities(_ text: String) -> String {
        Entities.decode(text)
    }
}
