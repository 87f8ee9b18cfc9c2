import ScribblesMarkdown

/// Obsidian's link rules (its `getFirstLinkpathDest`), for wikilinks, embeds, front-matter
/// links, and Markdown links in vaults.
///
/// A link names any file of the vault, `.md` implied, ignoring case: `./` and `../` are
/// relative to the note and must match exactly; otherwise the file whose whole path is the
/// link wins, else the files whose path ends with it: one in the note's own folder first,
/// then the shortest path, then natural order. Front-matter aliases answer for a name no file
/// has. Then `#A#B` names a heading by its text and `#^id` a block. One look-up per link: files
/// are indexed by file name.
extension LinkResolver {
    /// Resolves an Obsidian link target (`name`, `folder/name`, `name#Heading`, `name#^id`).
    public func resolveWiki(_ target: String, from: String) -> Resolution {
        let text = LinkText.clean(target)
        guard !text.isEmpty else { return broken(.empty, "empty link") }
        let (path, fragment) = Self.splitFragment(text)
        guard !path.isEmpty else { return subpath(fragment, in: from, samePage: true) }
        guard let found = linkpath(path, from: from) else { return unresolved(path) }
        guard index.files[found]?.isNote == true else { return .file(found) }
        return subpath(fragment, in: found, samePage: found == from && fragment != nil)
    }

    /// A Markdown link resolved the way Obsidian resolves it (decoded, then like a wikilink).
    func resolveMarkdownByObsidian(_ destination: String, from: String) -> Resolution {
        var text = LinkText.clean(destination)
        if LinkText.hasScheme(text) { return .external(text) }
        text = LinkText.percentDecoded(text)
        return resolveWiki(text, from: from)
    }

    /// The file an Obsidian link path names, or nil.
    func linkpath(_ written: String, from: String) -> String? {
        var path = written
        if path.hasPrefix("./") || path.hasPrefix("../") {
            guard let joined = PathMath.join(base: PathMath.folder(of: from), path) else { return nil }
            return index.file(matching: joined) ?? index.file(matching: joined + ".md")
        }
        let absolute = path.hasPrefix("/")
        while path.hasPrefix("/") { path.removeFirst() }
        guard !path.isEmpty else { return nil }
        let base = path.split(separator: "/").last.map(String.init) ?? path
        let folderPart = path.dropLast(base.count)
        var names = base.contains(".") ? [base] : []
        names.append(base + ".md")
        for name in names {
            let candidates = index.candidates(named: name)
            guard !candidates.isEmpty else { continue }
            let full = (folderPart + name).lowercased()
            if let exact = candidates.first(where: { $0.lower == full }) { return exact.path }
            if absolute { return nil }
            let suffix = "/" + full
            let matching = candidates.lazy.filter { $0.lower.hasSuffix(suffix) }.map(\.path)
            guard !matching.isEmpty else { continue }
            let folder = PathMath.folder(of: from)
            let nearby = folder.isEmpty ? [] : matching.filter { $0.hasPrefix(folder + "/") }
            return (nearby.isEmpty ? Array(matching) : nearby).min { a, b in
                a.utf8.count != b.utf8.count ? a.utf8.count < b.utf8.count : NaturalOrder.less(a, b)
            }
        }
        // A name no file has may be a note's alias.
        if !path.contains("/"), let notes = index.aliases[path.lowercased()], !notes.isEmpty {
            let folder = PathMath.folder(of: from)
            return notes.first { PathMath.folder(of: $0) == folder } ?? notes.min(by: NaturalOrder.less)
        }
        return nil
    }

    /// `#Heading`, `#A#B` or `#^id` in `note`, checked when the note's targets are known.
    private func subpath(_ fragment: String?, in note: String, samePage: Bool) -> Resolution {
        guard let fragment, !fragment.isEmpty else { return samePage ? .top : .note(note, anchor: nil) }
        let wrap: (String) -> Resolution = { samePage ? .samePage($0) : .note(note, anchor: $0) }
        if fragment.hasPrefix("^") {
            let id = fragment.dropFirst().lowercased()
            guard let ids = index.blockIDs[note] else { return wrap("^" + id) }
            if ids.contains(id) { return wrap("^" + id) }
            return broken(.missingBlock, "\(note) has no block ^\(fragment.dropFirst())")
        }
        guard index.headings[note] != nil || index.anchors[note] != nil else { return wrap(fragment) }
        if let anchor = headingAnchor(fragment, in: note) { return wrap(anchor) }
        if let anchors = index.anchors[note], let match = Self.match(fragment, in: anchors) { return wrap(match) }
        return broken(.missingHeading, "\(note) has no heading #\(fragment)")
    }

    /// The anchor of the heading that `fragment` names by Obsidian's rules, when known.
    func headingAnchor(_ fragment: String, in note: String) -> String? {
        guard let table = index.headings[note], let found = table.find(fragment) else { return nil }
        let anchor = table.anchors[found]
        return anchor.isEmpty ? fragment : anchor
    }

    /// Why a link found nothing: a note not written yet, a missing attachment, a folder.
    private func unresolved(_ path: String) -> Resolution {
        if Transclusion.media(of: path) != .note {
            return broken(.missingFile, "\(path) does not exist")
        }
        let name = path.hasSuffix(".md") ? String(path.dropLast(3)) : path
        if index.folder(matching: name.drop { $0 == "/" }.description) != nil {
            return broken(.notCreated, "\"\(name)\" is a folder; no note by that name yet")
        }
        return broken(.notCreated, "no such note yet: \"\(name)\"")
    }

    /// `name#A#B` → (`name`, `A#B`); the first `#` starts the subpath.
    static func splitFragment(_ text: String) -> (String, String?) {
        guard let hash = text.firstIndex(of: "#") else { return (text.trimmingWhitespace(), nil) }
        return (String(text[..<hash]).trimmingWhitespace(), String(text[text.index(after: hash)...]).trimmingWhitespace())
    }
}
