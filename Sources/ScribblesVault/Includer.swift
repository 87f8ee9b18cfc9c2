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

    private var parsed: [String: (Document, Int)?] = [:]
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
                      let (document, _) = self.document(target) else {
                    out.append(block)
                    continue
                }
                // Their headings' lines are another file's: unknown here (`e` keeps to this file).
                out.append(contentsOf: Self.forgettingLines(expand(document.blocks, from: target, depth: depth + 1, seen: seen.union([target]))))
            case .transclusion(var embed) where embed.media == .note && embed.content == .pending:
                transclude(&embed, from: note, depth: depth, seen: seen)
                out.append(.transclusion(embed))
            case .api:
                out.append(block)
            default:
                out.append(block.mappingChildren { expand($0, from: note, depth: depth, seen: seen) })
            }
        }
        return out
    }

    /// The blocks with every heading's file line set to 0 (unknown).
    static func forgettingLines(_ blocks: [Block]) -> [Block] {
        blocks.map { block in
            if case .heading(var heading) = block {
                heading.line = 0
                return .heading(heading)
            }
            return block.mappingChildren(forgettingLines)
        }
    }

    /// Fills in what a note embed shows, or why it shows nothing; a name that turns out to be
    /// a file (`![[script.js]]`) becomes a file's placeholder.
    private mutating func transclude(_ embed: inout Transclusion, from note: String, depth: Int, seen: Set<String>) {
        let target: String
        switch resolver.resolveWiki(embed.target, from: note) {
        case .note(let path, _): target = path
        case .samePage, .top: target = note
        case .broken(let reason): embed.content = .stopped(reason.message); return
        case .file: embed.media = .file; return
        case .external, .crossSpace: embed.content = .stopped("not a note of this collection"); return
        }
        embed.content = content(of: embed, target: target, from: note, depth: depth, seen: seen)
    }

    private mutating func content(of embed: Transclusion, target: String, from note: String, depth: Int,
                                  seen: Set<String>) -> Transclusion.Content {
        let fragment = embed.fragment.flatMap { $0.isEmpty ? nil : $0 }
        // What is being embedded: a note, or one part of it (a note may embed its own section,
        // but not the section it stands in, nor a note on the way to it).
        let key = fragment.map { target + "#" + $0 } ?? target
        if seen.contains(key) || (fragment == nil && target == note) || (target != note && seen.contains(target)) {
            return .stopped("not shown: \(target) would embed itself (a cycle)")
        }
        guard depth < Self.maxDepth else { return .stopped("not shown: embeds nest deeper than \(Self.maxDepth)") }
        guard embeds < Self.maxEmbeds else { return .stopped("not shown: more than \(Self.maxEmbeds) embeds in this note") }
        guard let (document, size) = self.document(target) else { return .stopped("\(target) cannot be read") }
        // Every embed is charged its note's cost: 200 embeds of a 4 MB note must not lay out 800 MB.
        guard bytes + size <= Self.maxBytes else { return .stopped("not shown: the embedded notes are too large") }
        bytes += size
        embeds += 1
        var title = vault.title(of: target)
        var selected = document.blocks
        // The frame shows the title: a whole note comes without its own H1.
        if let index = document.titleHeadingIndex { selected.remove(at: index) }
        if let fragment {
            guard let part = Self.select(fragment, in: document) else {
                let what = fragment.hasPrefix("^") ? "block \(fragment)" : "heading #\(fragment)"
                return .stopped("\(target) has no \(what)")
            }
            selected = part.blocks
            title += " › " + part.name
        }
        return .embedded(title: title, path: target,
                         blocks: expand(selected, from: target, depth: depth + 1, seen: seen.union([key, target])))
    }

    /// The section under a heading (to the next heading of its level or higher, in the same
    /// container, without the heading itself), or the block an id names (a list item with what
    /// it holds). Headings are found as `check` finds them: in document order, in any container.
    static func select(_ fragment: String, in document: Document) -> (name: String, blocks: [Block])? {
        if fragment.hasPrefix("^") {
            let id = fragment.dropFirst().lowercased()
            return block(id, in: document.blocks).map { (fragment, $0) }
        }
        var headings: [Heading] = []
        document.blocks.forEachBlock { if case .heading(let h) = $0 { headings.append(h) } }
        let table = HeadingPath.Table(headings.map { HeadingPath.Heading(level: $0.level, text: $0.content.plainText) })
        guard let found = table.find(fragment)
                ?? headings.firstIndex(where: { $0.anchor == fragment || $0.anchor == Slug.make(fragment) }) else { return nil }
        var counted = 0
        return section(of: found, in: document.blocks, counted: &counted).map { (headings[found].content.plainText, $0) }
    }

    /// The blocks after the `target`-th heading (document order) up to the next heading of its
    /// level or higher in its container; `counted` carries the headings seen so far.
    private static func section(of target: Int, in blocks: [Block], counted: inout Int) -> [Block]? {
        for (index, block) in blocks.enumerated() {
            if case .heading(let heading) = block {
                if counted == target {
                    let rest = blocks[(index + 1)...]
                    let end = rest.firstIndex { if case .heading(let h) = $0 { h.level <= heading.level } else { false } } ?? blocks.count
                    return Array(blocks[(index + 1)..<end])
                }
                counted += 1
            }
            for child in block.children {
                if let found = section(of: target, in: child, counted: &counted) { return found }
            }
        }
        return nil
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

    /// A note read and parsed once per expansion, with what it costs (`MarkdownParser.cost`).
    private mutating func document(_ path: String) -> (Document, Int)? {
        if let cached = parsed[path] { return cached }
        guard let read = try? vault.read(path) else {
            parsed[path] = .some(nil)
            return nil
        }
        let document = (MarkdownParser.parse(read), min(MarkdownParser.cost(read), MarkdownParser.sizeLimit))
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
