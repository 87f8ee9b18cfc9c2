import ScribblesLayout
import ScribblesMarkdown
import ScribblesVault

/// Opening notes, following links, history.
extension AppState {
    /// Opens `path` at `target`; the current page goes into the history when `record`.
    mutating func open(_ path: String, target: OpenTarget, record: Bool = true) -> [Effect] {
        if record, let current = currentPath { pushHistory(Visit(path: current, scroll: reader.scroll)) }
        if case .match = target {} else { reader.matchWords = [] }
        if path == currentPath, reader.loading == nil {
            reader.selectedLink = nil
            findMatches()
            apply(target)
            return [.saveSession(path: path, line: reader.scroll)]
        }
        reader.loading = path
        reader.target = target
        reader.isReload = false
        return [.loadNote(path)]
    }

    /// The next or previous page in the contents' order (SUMMARY.md, else the folder tree),
    /// like a doc site's footer links; the list's selection follows. A note listed twice moves
    /// on from the entry selected; a note the contents do not list starts from either end.
    mutating func turnPage(forward: Bool) -> [Effect] {
        let pages = list.entries.indices.filter { list.entries[$0].note != nil }
        guard !pages.isEmpty else {
            message = StatusMessage(text: "The contents list no pages", isError: false)
            return []
        }
        // The page being opened counts as the current one: a key pressed twice turns two pages.
        let current = reader.loading ?? currentPath
        let here: Int? = if list.entries.indices.contains(list.selection), list.entries[list.selection].note == current {
            list.selection
        } else {
            pages.first { list.entries[$0].note == current }
        }
        let next: Int?
        if let here {
            next = forward ? pages.first { $0 > here && list.entries[$0].note != current }
                : pages.last { $0 < here && list.entries[$0].note != current }
        } else {
            next = forward ? pages.first : pages.last
        }
        guard let next, let path = list.entries[next].note else {
            message = StatusMessage(text: forward ? "This is the last page" : "This is the first page", isError: false)
            return []
        }
        list.selection = next
        keepListSelectionVisible()
        return open(path, target: list.entries[next].anchor.map { .anchor($0) } ?? .top)
    }

    private mutating func pushHistory(_ visit: Visit) {
        if back.last != visit { back.append(visit) }
        if back.count > 200 { back.removeFirst(back.count - 200) }
        forward.removeAll()
    }

    mutating func goBack() -> [Effect] {
        guard let visit = back.popLast() else {
            message = StatusMessage(text: "Nothing to go back to", isError: false)
            return []
        }
        if let current = currentPath { forward.append(Visit(path: current, scroll: reader.scroll)) }
        return open(visit.path, target: .scroll(visit.scroll), record: false)
    }

    mutating func goForward() -> [Effect] {
        guard let visit = forward.popLast() else {
            message = StatusMessage(text: "Nothing to go forward to", isError: false)
            return []
        }
        if let current = currentPath { back.append(Visit(path: current, scroll: reader.scroll)) }
        return open(visit.path, target: .scroll(visit.scroll), record: false)
    }

    /// A note arrived from disk: lay it out and go where it was asked to open.
    mutating func loaded(_ note: LoadedNote) -> [Effect] {
        guard reader.loading == note.path else { return [] }
        let isReload = reader.isReload && note.path == currentPath
        // A note re-read from disk stays where the reader is now, not where it was when the
        // read began (keys may have scrolled it meanwhile).
        if isReload { reader.target = .scroll(reader.scroll) }
        reader.loading = nil
        reader.isReload = false
        if !isReload { reader.toggledCallouts = []; reader.sideways = 0 }
        reader.note = note
        reader.rendered = RenderedNote(width: 0)
        // Laying the new note out also finds its matches and drops a selection past its links.
        relayout()
        if !isReload { reader.selectedLink = nil }
        apply(reader.target)
        if let index = list.entries.firstIndex(where: { $0.note == note.path }) {
            list.selection = index
            keepListSelectionVisible()
        }
        return [.saveSession(path: note.path, line: reader.scroll)]
    }

    /// Scrolls to where a note was asked to open.
    mutating func apply(_ target: OpenTarget) {
        switch target {
        case .top:
            reader.scroll = 0
        case .scroll(let line):
            reader.scroll = line
        case .anchor(let anchor):
            if let line = reader.rendered.line(forFragment: anchor) {
                reader.scroll = line
            } else {
                reader.scroll = 0
                message = StatusMessage(text: "No heading #\(anchor) in this note", isError: true)
            }
        case .match(let heading):
            let start = heading.flatMap { title in reader.rendered.outline.first { $0.title == title }?.line } ?? 0
            if let index = reader.matches.firstIndex(where: { $0.line >= start }) ?? (reader.matches.isEmpty ? nil : 0) {
                show(match: index)
            } else {
                reader.scroll = max(0, start)
            }
        }
        clampScroll()
    }

    /// Follows the link group `group` of the open note.
    mutating func follow(group: Int) -> [Effect] {
        guard let from = currentPath, reader.linkGroups.indices.contains(group),
              let first = reader.linkGroups[group].first else { return [] }
        reader.selectedLink = group
        guard isCollectionReady else {
            message = StatusMessage(text: "Still opening the collection: try again in a moment", isError: false)
            return []
        }
        let target = reader.rendered.links[first].target
        switch target.kind {
        case .footnote:
            return jump(toAnchor: "fn-\(target.destination)", from: from)
        case .callout:
            if let id = Int(target.destination) { toggleCallout(id) }
            return []
        case .wiki, .wikiEmbed:
            return follow(resolver.resolveWiki(target.destination, from: from), target: target, from: from)
        default:
            return follow(resolver.resolve(target.destination, from: from), target: target, from: from)
        }
    }

    private mutating func follow(_ resolution: Resolution, target: LinkTarget, from: String) -> [Effect] {
        switch resolution {
        case .note(let path, let anchor):
            if target.kind == .image || target.kind == .file || (target.kind == .wikiEmbed && Transclusion.media(of: target.destination) != .note) {
                message = StatusMessage(text: "\(path) is a note shown as \(target.kind.rawValue); x opens it", isError: false)
                return []
            }
            return open(path, target: anchor.map { .anchor($0) } ?? .top)
        case .file(let path):
            message = StatusMessage(text: "\(path) is a file, not a note: x opens it", isError: false)
        case .external(let url):
            message = StatusMessage(text: "\(url): x opens it in the browser", isError: false)
        case .crossSpace(let url):
            message = StatusMessage(text: "\(url) is in another GitBook space: x opens it in the browser", isError: false)
        case .samePage(let anchor):
            return jump(toAnchor: anchor, from: from)
        case .top:
            return open(from, target: .top)
        case .broken(let reason):
            message = StatusMessage(text: "Broken link: \(reason.message)", isError: true)
        }
        return []
    }

    private mutating func jump(toAnchor anchor: String, from: String) -> [Effect] {
        guard reader.rendered.line(forFragment: anchor) != nil else {
            message = StatusMessage(text: "Broken link: no heading #\(anchor) in this note", isError: true)
            return []
        }
        let keep = reader.selectedLink
        let effects = open(from, target: .anchor(anchor))
        reader.selectedLink = keep
        return effects
    }

    /// `x`: opens the selected link outside, when it is a URL or a file.
    mutating func openSelectedExternally() -> [Effect] {
        guard let from = currentPath, let group = reader.selectedLink, reader.linkGroups.indices.contains(group),
              let first = reader.linkGroups[group].first else {
            message = StatusMessage(text: "No link selected: Tab selects one", isError: false)
            return []
        }
        let target = reader.rendered.links[first].target
        guard target.kind != .callout else {
            message = StatusMessage(text: "Enter opens or folds this callout", isError: false)
            return []
        }
        let resolution = target.kind == .wiki || target.kind == .wikiEmbed ? resolver.resolveWiki(target.destination, from: from)
                                                                           : resolver.resolve(target.destination, from: from)
        switch resolution {
        case .external(let url), .crossSpace(let url):
            message = StatusMessage(text: "Opening \(url)", isError: false)
            return [.openExternal(url)]
        case .file(let path):
            message = StatusMessage(text: "Opening \(path)", isError: false)
            return [.openFile(path)]
        case .broken(let reason):
            message = StatusMessage(text: "Broken link: \(reason.message)", isError: true)
        case .note, .samePage, .top:
            message = StatusMessage(text: "That link is a note here: Enter follows it", isError: false)
        }
        return []
    }
}
