import ScribblesText

/// How each GitBook tag pairs (GITBOOK.md §3.2). Names not listed are unknown tags.
enum TagKind {
    /// Always paired; auto-closed at the end of its container when the end tag is missing.
    case paired
    /// Paired only when its end tag follows somewhere in the same container, else void.
    case pairedIfClosed
    /// Paired only when the very next tag is its own end tag (`embed`, `file`).
    case optionalEnd
    case void
}

enum TagRegistry {
    static func kind(of name: String) -> TagKind? {
        if let kind = kinds[name] { return kind }
        if name.hasPrefix("api-method") || name.hasPrefix("swagger-") || name.hasPrefix("openapi") { return .paired }
        return nil
    }

    private static let kinds: [String: TagKind] = [
        "hint": .paired, "tabs": .paired, "tab": .paired, "code-tabs": .paired, "code-tabs-item": .paired,
        "swagger": .paired, "stepper": .paired, "step": .paired, "columns": .paired, "column": .paired,
        "updates": .paired, "update": .paired, "prompt": .paired, "if": .paired, "details": .paired,
        "mdtabs": .paired, "mdtab": .paired, "codetabs": .paired, "markdown": .paired,
        "code": .pairedIfClosed, "content-ref": .pairedIfClosed,
        "embed": .optionalEnd, "file": .optionalEnd,
        "page-ref": .void, "include": .void, "summary": .void, "raw": .void,
    ]

    /// Tags whose content belongs to a parent (`tab` in `tabs`, `swagger-parameter` in `swagger`).
    static func isChild(_ name: String) -> Bool {
        ["tab", "code-tabs-item", "mdtab", "step", "column", "update"].contains(name)
            || name.hasPrefix("swagger-") || name.hasPrefix("api-method-")
    }

    /// Hint styles, with the legacy plugin's `tip` and `working` (GITBOOK.md §3.2).
    static func hintKind(_ style: String?) -> HintKind {
        switch style?.lowercased() {
        case "success", "tip": return .success
        case "warning", "working": return .warning
        case "danger", "error": return .danger
        default: return .info
        }
    }
}

