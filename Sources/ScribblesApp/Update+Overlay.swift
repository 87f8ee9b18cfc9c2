import ScribblesText
import ScribblesVault

/// Help, outline and backlinks overlays, and the mouse.
extension AppState {
    mutating func openOutline() {
        guard !reader.rendered.outline.isEmpty else {
            message = StatusMessage(text: "This note has no headings", isError: false)
            return
        }
        // Start on the heading of the part being read.
        let current = reader.rendered.outline.lastIndex { $0.line <= reader.scroll } ?? 0
        overlay = .outline(selection: current)
    }

    /// The rows an overlay lists (for moving its selection).
    private var overlayCount: Int {
        switch overlay {
        case .help: return Keymap.help(bindings: keyBindings).count
        case .outline: return reader.rendered.outline.count
        case .backlinks(_, let items, _): return items?.count ?? 0
        case .tags(let items, _): return items?.count ?? 0
        case .switcher: return switcher.hits.count
        case nil: return 0
        }
    }

    mutating func overlayKey(_ key: Key) -> [Effect] {
        guard let current = overlay else { return [] }
        if case .switcher = current { return switcherKey(key) }
        let page = max(1, height - 6)
        var delta = 0
        switch key {
        case .escape, .character("q"), .backspace:
            overlay = nil
            return []
        case .character("?") where { if case .help = current { true } else { false } }():
            overlay = nil
            return []
        case .character("j"), .down, .control("n"): delta = 1
        case .character("k"), .up, .control("p"): delta = -1
        case .character(" "), .pageDown: delta = page
        case .character("b"), .pageUp: delta = -page
        case .character("g"), .home: delta = -overlayCount
        case .character("G"), .end: delta = overlayCount
        case .enter: return chooseInOverlay()
        default: return []
        }
        let last = max(0, overlayCount - 1)
        let clamp = { (value: Int) in min(max(0, value), last) }
        switch current {
        case .help(let scroll): overlay = .help(scroll: clamp(scroll + delta))
        case .outline(let selection): overlay = .outline(selection: clamp(selection + delta))
        case .backlinks(let path, let items, let selection): overlay = .backlinks(path: path, items: items, selection: clamp(selection + delta))
        case .tags(let items, let selection): overlay = .tags(items: items, selection: clamp(selection + delta))
        case .switcher: break
        }
        return []
    }

    private mutating func chooseInOverlay() -> [Effect] {
        switch overlay {
        case .outline(let selection):
            overlay = nil
            guard reader.rendered.outline.indices.contains(selection), let path = currentPath else { return [] }
            return open(path, target: .scroll(reader.rendered.outline[selection].line))
        case .backlinks(_, let items?, let selection):
            overlay = nil
            guard items.indices.contains(selection) else { return [] }
            focus = .reader
            return open(items[selection].source, target: .top)
        case .tags(let items?, let selection):
            overlay = nil
            guard items.indices.contains(selection) else { return [] }
            // A tag with a space (front matter allows one) is quoted.
            let name = items[selection].name
            search.query = "tag:" + (name.contains(" ") ? "\"\(name)\"" : name) + " "
            startSearch()
            return runSearch()
        case .help:
            overlay = nil
        case .backlinks, .tags, .switcher, nil:
            break
        }
        return []
    }

    mutating func handle(_ mouse: MouseEvent) -> [Effect] {
        guard overlay == nil else {
            if mouse.kind == .click { overlay = nil }
            return []
        }
        let panes = Panes(self)
        let inSide = panes.side.contains(x: mouse.x, y: mouse.y)
        let inReader = panes.reader.contains(x: mouse.x, y: mouse.y)
        switch mouse.kind {
        case .wheelLeft, .wheelRight:
            if inReader { scrollSideways(by: mouse.kind == .wheelLeft ? -8 : 8) }
        case .wheelUp, .wheelDown:
            let delta = mouse.kind == .wheelUp ? -3 : 3
            if inSide && side == .contents {
                list.scroll = max(0, min(list.scroll + delta, max(0, list.entries.count - listHeight)))
            } else if inSide {
                search.scroll = max(0, min(search.scroll + delta / 3, max(0, search.hits.count - hitsPerPage)))
            } else if inReader {
                scroll(by: delta)
            }
        case .click:
            if inSide { return click(side: mouse, panes.sideInner) }
            if inReader { return click(reader: mouse, panes.reader) }
        }
        return []
    }

    private mutating func click(side mouse: MouseEvent, _ inner: Rect) -> [Effect] {
        let row = mouse.y - inner.y
        switch side {
        case .contents:
            let index = list.scroll + row
            guard row >= 0, list.entries.indices.contains(index) else { return [] }
            list.selection = index
            focus = .list
            return openSelectedEntry()
        case .search:
            // Row 0 is the count line; each hit takes `hitHeight` rows.
            let index = search.scroll + (row - 1) / Self.hitHeight
            guard row >= 1, search.hits.indices.contains(index) else { focus = .searchInput; return [] }
            search.selection = index
            return openSelectedHit()
        }
    }

    private mutating func click(reader mouse: MouseEvent, _ rect: Rect) -> [Effect] {
        focus = .reader
        let line = reader.scroll + mouse.y - rect.y
        let column = Sideways(reader.rendered, offset: reader.sideways).lineColumn(line: line, mouse.x - rect.x)
        guard let region = reader.rendered.links.firstIndex(where: { $0.line == line && $0.start <= column && column < $0.end }),
              let group = reader.linkGroups.firstIndex(where: { $0.contains(region) }) else { return [] }
        return follow(group: group)
    }
}
