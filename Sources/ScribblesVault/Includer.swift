import ScribblesMarkdown

/// Fills in what a note takes from other notes: GitBook's `{% include %}` (the included note,
/// without its front matter) and Obsidian's note embeds (the note, one section or one block,
/// framed). One machinery for both: a cycle guard, a depth limit and a budget, and a visible
/// reason wherever one of them stops an embed. Each target is read and parsed once.
struct Includer {
    let vault: Vault
    let resolver: LinkResolver
    static let maxDepth = 5
    /// Embeds filled in for one note at most (100,000 `![[x]]` must not read x 100,000 times
    /// over nor lay out as many copies).
    static let maxEmbeds = 200
    /// Bytes of embedded notes read for one note at most.
    static let maxBytes = MarkdownParser.sizeLimit

    private var parsed: [String: Document?] = [:]
    private var embeds = 0
    private var bytes = 0

    init(vault: Vault, resolver: LinkResolver) {
        self.vault = vault
        self.resolver = resolver
    }

    mutating func expand(_ blocks: [Block], from note: String, depth: Int, seen: Set<String>) -> [Block] {
        var out: [Block] = []
        for block in blocks {
            switch block {
            case .include(let ref):
                guard depth < Self.maxDepth, case let target? = includeTarget(ref.path, from: note), !seen.contains(target),
                      let document = self.document(target) else {
                    out.append(block)
                    continue
                }
                out.append(contentsOf: expand(document.blocks, from: target, depth: depth + 1, seen: seen.union([target])))
            case .transclusion(var embed) where embed.media == .note && embed.content == .pending:
                embed.content = transclude(embed, from: note, depth: depth, seen: seen)
                out.append(.transclusion(embed))
            case .api:
                out.append(block)
            default:
                out.append(block.mappingChildren { expand($0, from: note, depth: depth, seen: seen) })
            }
        }
        return out
    }

    /// What a note embed shows, or why it shows nothing.
    private mutating func transclude(_ embed: Transclusion, from note: String, depth: Int, seen: Set<String>) -> Transclusion.Content {
        let target: String
        switch resolver.resolveWiki(embed.target, from: note) {
        case .note(let path, _): target = path
        case .samePage, .top: target = note
        case .broken(let reason): return .stopped(reason.message)
        case .file(let path): return .stopped("\(path) is not a note")
        case .external, .crossSpace: return .stopped("not a note of this collection")
        }
        let fragment = embed.fragment.flatMap { $0.isEmpty ? nil : $0 }
        if target != note || fragment == nil, seen.contains(target) {
            return .stopped("not shown: \(target) would embed itself (a cycle)")
        }
        guard depth < Self.maxDepth else { return .stopped("not shown: embeds nest deeper than \(Self.maxDepth)") }
        guard embeds < Self.maxEmbeds else { return .stopped("not shown: more than \(Self.maxEmbeds) embeds in this note") }
        guard let document = self.document(target) else {
            return .stopped(bytes > Self.maxBytes ? "not shown: the embedded notes are too large" : "\(target) cannot be read")
        }
        embeds += 1
        var title = vault.title(of: target)
        var selected = document.blocks
        // The frame shows the title: a whole note comes without its own H1.
        if case .heading(let heading)? = selected.first, heading.level == 1 { selected.removeFirst() }
        if let fragment {
            guard let part = Self.select(fragment, in: document) else {
                let what = fragment.hasPrefix("^") ? "block \(fragment)" : "heading #\(fragment)"
                return .stopped("\(target) has no \(what)")
            }
            selected = part.blocks
            title += " › " + part.name
        }
        return .embedded(title: title, path: target,
                         blocks: expand(selected, from: target, depth: depth + 1, seen: seen.union([target])))
    }

    /// The section under a heading (to the next heading of its level or higher, without the
    /// heading itself), or the
    /// block an id names (a list item with what it holds).
    static func select(_ fragment: String, in document: Document) -> (name: String, blocks: [Block])? {
        if fragment.hasPrefix("^") {
            let id = fragment.dropFirst().lowercased()
            return block(id, in: document.blocks).map { (fragment, $0) }
        }
        let blocks = document.blocks
        let headings: [(index: Int, heading: Heading)] = blocks.enumerated().compactMap { index, block in
            if case .heading(let h) = block { return (index, h) }
            return nil
        }
        let table = HeadingPath.Table(headings.map { HeadingPath.Heading(level: $0.heading.level, text: $0.heading.content.plainText) })
        let found = table.find(fragment)
            ?? headings.firstIndex { $0.heading.anchor == fragment || $0.heading.anchor == Slug.make(fragment) }
        guard let found else { return nil }
        let (start, heading) = headings[found]
        let end = headings[(found + 1)...].first { $0.heading.level <= heading.level }?.index ?? blocks.count
        // The frame's title names the heading; the section comes without it.
        return (heading.content.plainText, Array(blocks[(start + 1)..<end]))
    }

    /// The block after the `.blockID` marker `id` (or the list item it opens), searched in depth.
    private static func block(_ id: String, in blocks: [Block]) -> [Block]? {
        for (index, block) in blocks.enumerated() {
            if case .blockID(let found) = block, found.lowercased() == id {
                return index + 1 < blocks.count ? [blocks[index + 1]] : []
            }
            if case .list(let list) = block {
                for (position, item) in list.items.enumerated() {
                    if case .blockID(let found)? = item.blocks.first, found.lowercased() == id {
                        var single = list
                        single.items = [item]
                        if case .ordered(let start) = list.kind { single.kind = .ordered(start: start + position) }
                        return [.list(single)]
                    }
                }
            }
            for child in block.children {
                if let hit = self.block(id, in: child) { return hit }
            }
        }
        return nil
    }

    /// A note read and parsed once per expansion, within the byte budget.
    private mutating func document(_ path: String) -> Document? {
        if let cached = parsed[path] { return cached }
        guard bytes <= Self.maxBytes, let read = try? vault.read(path) else {
            parsed[path] = .some(nil)
            return nil
        }
        bytes += read.count
        let document = bytes <= Self.maxBytes ? MarkdownParser.parse(read) : nil
        parsed[path] = .some(document)
        return document
    }

    private func includeTarget(_ path: String, from note: String) -> String? {
        switch resolver.resolve(path, from: note) {
        case .note(let target, _), .file(let target):
            return VaultIndex.isMarkdown(target) ? target : nil
        default:
            return nil
        }
    }
}
