import ScribblesText
import ScribblesMarkdown

/// What a link points at once resolved.
public enum Resolution: Hashable, Sendable {
    /// A note, by root-relative path, with the heading anchor to open at (nil: the top).
    case note(String, anchor: String?)
    /// An existing file that is not a note (an image, a PDF, an include under `.gitbook`).
    case file(String)
    case external(String)
    /// A GitBook link into another space: not resolvable offline.
    case crossSpace(String)
    /// A heading on the linking note itself.
    case samePage(String)
    /// The top of the linking note (`#undefined`, GitBook's broken anchor).
    case top
    case broken(BrokenReason)
}

public struct BrokenReason: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        case deletedInGitBook, internalID, missingFile, missingAnchor, outsideRoot, empty
        /// An Obsidian link to a note nobody has written yet (how vault users sketch).
        case notCreated
        /// An Obsidian `#Heading` the note does not have.
        case missingHeading
        /// An Obsidian `#^id` the note does not have.
        case missingBlock
    }
    public var kind: Kind
    /// A one-line explanation for people.
    public var message: String
}

/// Resolves link destinations against a `VaultIndex`. Pure: no disk access.
///
/// Two rule sets: GitBook's (GITBOOK.md §6: Markdown links relative to the note) and
/// Obsidian's (`ObsidianRules`: a name anywhere in the vault). Wikilinks, embeds and property
/// links always follow Obsidian's; Markdown links follow the collection's dialect, and in a
/// plain folder GitBook's first, then Obsidian's.
public struct LinkResolver: Sendable {
    public let index: VaultIndex

    public init(index: VaultIndex) { self.index = index }

    /// Resolves a Markdown link's `destination` written in the note at root-relative path `from`.
    public func resolve(_ destination: String, from: String) -> Resolution {
        switch index.dialect {
        case .gitbook:
            return resolveGitBook(destination, from: from)
        case .obsidian:
            let obsidian = resolveMarkdownByObsidian(destination, from: from)
            guard case .broken(let reason) = obsidian, reason.kind == .notCreated || reason.kind == .missingFile else { return obsidian }
            let relative = resolveGitBook(destination, from: from)
            if case .broken = relative { return obsidian }
            return relative
        case .plain:
            let relative = resolveGitBook(destination, from: from)
            guard case .broken(let reason) = relative, reason.kind == .missingFile else { return relative }
            let obsidian = resolveMarkdownByObsidian(destination, from: from)
            if case .broken = obsidian { return relative }
            return obsidian
        }
    }

    /// GitBook's rules (GITBOOK.md §6): relative to the note, README for folders, `.md` added.
    func resolveGitBook(_ destination: String, from: String) -> Resolution {
        if let note = plainNote(destination, from: from) { return .note(note, anchor: nil) }
        return resolveGitBookSteps(destination, from: from)
    }

    /// `resolveGitBook` without the plain-path shortcut.
    func resolveGitBookSteps(_ destination: String, from: String) -> Resolution {
        var text = LinkText.clean(destination)
        guard !text.isEmpty else { return broken(.empty, "empty link") }
        if text.hasPrefix("#") { return anchorOnly(String(text.dropFirst()), in: from) }
        if LinkText.hasScheme(text) {
            if text.hasSubstring("app.gitbook.com/"), text.hasSubstring("/s/") { return .crossSpace(text) }
            return .external(text)
        }
        if text.hasSubstring("broken") && Self.isBrokenMarker(text) {
            return broken(.deletedInGitBook, "GitBook marked this link's target as deleted (broken-reference)")
        }
        if text.hasPrefix("/pages/") || text.hasPrefix("/spaces/") {
            return broken(.internalID, "\(text) is a GitBook page id, which cannot be resolved offline")
        }
        text = LinkText.percentDecoded(text)
        if let query = text.firstIndex(of: "?"), !text[..<query].contains(Character("#")) { text = String(text[..<query]) }
        // Asset names may hold `#` (`Recording #3.gif`): try the whole string first.
        if text.utf8.contains(UInt8(ascii: "#")), let joined = PathMath.join(base: text.hasPrefix("/") ? "" : PathMath.folder(of: from), text),
           let whole = locate(joined, from: from), !(index.files[whole]?.isNote ?? false) {
            return .file(whole)
        }
        var fragment: String? = nil
        if let hash = text.lastIndex(of: "#") {
            fragment = String(text[text.index(after: hash)...])
            text = String(text[..<hash])
        }
        if text.isEmpty { return anchorOnly(fragment ?? "", in: from) }
        guard let joined = PathMath.join(base: text.hasPrefix("/") ? "" : PathMath.folder(of: from), text) else {
            return broken(.outsideRoot, "\(destination) leads outside the collection; not followed")
        }
        guard let found = locate(joined, from: from, trailingSlash: text.hasSuffix("/") || text == ".") else {
            return broken(.missingFile, "\(joined.isEmpty ? "/" : joined) does not exist")
        }
        guard index.files[found]?.isNote == true else { return .file(found) }
        return noteWithAnchor(found, fragment)
    }

    /// Most links (every SUMMARY.md entry, most links between pages) are a plain relative path
    /// to a note that exists as written: that note, found at once. "Plain" leaves out whatever
    /// one of the steps of `resolveGitBook` would change (spaces at the ends, escapes, entities,
    /// `%`, `?`, `#`, a scheme, `.` and `..`, empty segments, GitBook's markers, non-ASCII), so
    /// for these the general steps give the same note; nil sends the link through them.
    /// Leading `../` segments are taken too, as long as they stay inside the collection
    /// (`../other-section/page.md`, the usual link between sections).
    func plainNote(_ destination: String, from: String) -> String? {
        var bytes = destination.utf8[...]
        var ups = 0
        while bytes.starts(with: "../".utf8) {
            ups += 1
            bytes = bytes.dropFirst(3)
        }
        guard let first = bytes.first, let last = bytes.last, first != 0x2F, first != 0x20, last != 0x20, last != 0x2F else { return nil }
        var previous: UInt8 = 0x2F, segmentDots = 0, segmentLength = 0, hasB = false
        for byte in bytes {
            switch byte {
            case 0x62: hasB = true; segmentDots = -1
            case 0x61...0x7A, 0x41...0x5A, 0x30...0x39, 0x2D, 0x5F, 0x20: segmentDots = -1
            case 0x2E: if segmentDots >= 0 { segmentDots += 1 }
            case 0x2F:
                // An empty, `.` or `..` segment.
                if previous == 0x2F || (segmentDots > 0 && segmentDots == segmentLength) { return nil }
                segmentDots = 0
                segmentLength = -1
            default: return nil
            }
            segmentLength += 1
            previous = byte
        }
        if segmentDots > 0 && segmentDots == segmentLength { return nil }
        // GitBook's `broken-reference` markers take the general way.
        if hasB, destination.utf8.elementsEqual("broken".utf8) || destination.contains("broken") { return nil }
        var folder = Substring(PathMath.folder(of: from))
        for _ in 0..<ups {
            guard !folder.isEmpty else { return nil }
            folder = folder.lastIndex(of: "/").map { folder[..<$0] } ?? ""
        }
        let rest = Substring(bytes)
        let path = folder.isEmpty ? String(rest) : folder + "/" + rest
        return index.files[path]?.isNote == true ? path : nil
    }

    /// Resolves a link found in the note at `from`, as a wikilink or a path as its kind says.
    public func resolve(_ link: OutgoingLink, from: String) -> Resolution {
        link.isWiki ? resolveWiki(link.destination, from: from) : resolve(link.destination, from: from)
    }

    /// GitBook's markers for a deleted target: `broken-reference` (with `./` or `/` around it)
    /// and `/broken/pages/…`, `/broken/files/…`.
    static func isBrokenMarker(_ text: String) -> Bool {
        if text.hasPrefix("/broken/") { return true }
        let bare = text.trimmingCharacters(in: "/").replacing("./", with: "")
        return bare == "broken-reference" || bare.hasSuffix("/broken-reference")
    }

    func noteWithAnchor(_ note: String, _ fragment: String?) -> Resolution {
        guard let fragment, !fragment.isEmpty, fragment != "undefined" else { return .note(note, anchor: nil) }
        guard let anchors = index.anchors[note] else { return .note(note, anchor: fragment) }
        if let match = Self.match(fragment, in: anchors) { return .note(note, anchor: match) }
        if index.dialect != .gitbook, let heading = headingAnchor(LinkText.percentDecoded(fragment), in: note) {
            return .note(note, anchor: heading)
        }
        return broken(.missingAnchor, "\(note) has no heading #\(fragment)")
    }

    func anchorOnly(_ fragment: String, in note: String) -> Resolution {
        guard !fragment.isEmpty, fragment != "undefined" else { return .top }
        guard let anchors = index.anchors[note] else { return .samePage(fragment) }
        if let match = Self.match(fragment, in: anchors) { return .samePage(match) }
        if index.dialect != .gitbook, let heading = headingAnchor(LinkText.percentDecoded(fragment), in: note) {
            return .samePage(heading)
        }
        return broken(.missingAnchor, "no heading #\(fragment) in this note")
    }

    static func match(_ fragment: String, in anchors: Set<String>) -> String? {
        if anchors.contains(fragment) { return fragment }
        let decoded = LinkText.percentDecoded(fragment)
        for candidate in [decoded, decoded.lowercased(), Slug.make(decoded)] where anchors.contains(candidate) {
            return candidate
        }
        return nil
    }

    /// The file a root-relative path means (§6.5): exact; a folder's README; `.md` added;
    /// case-insensitive and NBSP-tolerant matches.
    private func locate(_ path: String, from: String, trailingSlash: Bool = false) -> String? {
        if !trailingSlash, let hit = index.file(matching: path) { return hit }
        if trailingSlash || index.folder(matching: path) != nil || path.isEmpty {
            let folder = index.folder(matching: path) ?? path
            for readme in ["README.md", "readme.md", "Readme.md"] {
                if let hit = index.file(matching: folder.isEmpty ? readme : folder + "/" + readme) { return hit }
            }
            if trailingSlash { return nil }
        }
        if let hit = index.file(matching: path + ".md") { return hit }
        if let hit = index.file(matching: path + "/README.md") { return hit }
        return nil
    }

    func broken(_ kind: BrokenReason.Kind, _ message: String) -> Resolution {
        .broken(BrokenReason(kind: kind, message: message))
    }
}

/// Undoing the ways GitBook and Markdown wrap link destinations (§6.1).
enum LinkText {
    static func clean(_ destination: String) -> String {
        var text = destination
        if text.utf8.contains(0xE2) || text.utf8.contains(0xEF) {
            text = String(text.unicodeScalars.filter { $0.value != 0x200B && $0.value != 0x200C && $0.value != 0xFEFF })
        }
        if let first = text.utf8.first, let last = text.utf8.last, first <= 0x20 || last <= 0x20 {
            text = text.trimmingCharacters(in: " \t\n")
        }
        if text.hasPrefix("<") && text.hasSuffix(">") && text.count >= 2 { text = String(text.dropFirst().dropLast()) }
        if text.utf8.contains(UInt8(ascii: "\\")) { text = TextEscapes.unescapeBackslashes(text) }
        if text.utf8.contains(UInt8(ascii: "&")) { text = TextEscapes.decodeEntities(text) }
        return text
    }

    static func hasScheme(_ text: String) -> Bool {
        if text.hasPrefix("//") { return true }
        guard let colon = text.firstIndex(of: ":") else { return false }
        let scheme = text[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter, scheme.count >= 2 else { return false }
        return scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+.-".contains($0)) }
    }

    /// Percent-decoding that keeps malformed sequences as written and invalid UTF-8 as U+FFFD.
    static func percentDecoded(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return text }
        var bytes: [UInt8] = []
        let utf8 = Array(text.utf8)
        var i = 0
        while i < utf8.count {
            if utf8[i] == UInt8(ascii: "%"), i + 2 < utf8.count, let h = hex(utf8[i + 1]), let l = hex(utf8[i + 2]) {
                bytes.append(h << 4 | l)
                i += 3
            } else {
                bytes.append(utf8[i])
                i += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte - 0x30
        case 0x41...0x46: return byte - 0x41 + 10
        case 0x61...0x66: return byte - 0x61 + 10
        default: return nil
        }
    }
}

/// Root-relative path arithmetic with `/` separators.
public enum PathMath {
    /// The folder holding `path` ("" for the root).
    public static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    /// `relative` joined to `base` with `.` and `..` resolved; nil when it climbs above the root.
    public static func join(base: String, _ relative: String) -> String? {
        var parts = base.split(separator: "/").map(String.init)
        for part in relative.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(String(part))
            }
        }
        return parts.joined(separator: "/")
    }
}
