import ScribblesVault

/// The table of contents pane.
extension AppState {
    var listHeight: Int { max(1, Panes(self).sideInner.height) }

    mutating func adopt(_ collection: Collection) -> [Effect] {
        collectionTitle = collection.title
        resolver = collection.resolver
        isCollectionReady = collection.isComplete
        let selected = list.entries.indices.contains(list.selection) ? list.entries[list.selection] : nil
        list.entries = collection.toc
        // Keep the selection on the same entry (else on the open note) across a reload.
        if let selected, let index = list.entries.firstIndex(of: selected) {
            list.selection = index
        } else if let current = currentPath, let index = list.entries.firstIndex(where: { $0.note == current }) {
            list.selection = index
        } else {
            list.selection = list.entries.firstIndex { $0.note != nil } ?? 0
        }
        keepListSelectionVisible()
        // The switcher's notes are the collection's: built again on the next `t`, or now,
        // keeping the query, when it is open.
        switcher.index = overlay == .switcher ? collectionSwitcherIndex : nil
        switcher.matched = nil
        if overlay == .switcher { rankSwitcher() }
        return []
    }

    mutating func listKey(_ key: Key) -> [Effect] {
        switch key {
        case .character("j"), .down, .control("n"): moveSelection(by: 1)
        case .character("k"), .up, .control("p"): moveSelection(by: -1)
        case .character(" "), .pageDown, .control("f"): moveSelection(by: listHeight)
        case .character("b"), .pageUp, .control("b"): moveSelection(by: -listHeight)
        case .character("d"), .control("d"): moveSelection(by: max(1, listHeight / 2))
        case .character("u"), .control("u"): moveSelection(by: -max(1, listHeight / 2))
        case .character("g"), .home: moveSelection(by: -list.entries.count)
        case .character("G"), .end: moveSelection(by: list.entries.count)
        case .enter: return openSelectedEntry()
        case .tab: focus = .reader
        default: return readerKeyFromList(key)
        }
        return describeSelection()
    }

    /// Reader keys that make sense from the list too (outline, backlinks, matches).
    private mutating func readerKeyFromList(_ key: Key) -> [Effect] {
        switch key {
        case .character("o"), .character("B"), .character("n"), .character("N"): return readerKey(key)
        default: return []
        }
    }

    /// Moves the selection over entries, skipping separators.
    mutating func moveSelection(by delta: Int) {
        guard !list.entries.isEmpty else { return }
        var index = min(max(0, list.selection + delta), list.entries.count - 1)
        let step = delta >= 0 ? 1 : -1
        while list.entries.indices.contains(index), list.entries[index].kind == .separator { index += step }
        if !list.entries.indices.contains(index) { index = list.selection }
        list.selection = index
        keepListSelectionVisible()
    }

    mutating func keepListSelectionVisible() {
        list.scroll = scrollKeeping(list.selection, visibleFrom: list.scroll, rows: listHeight, count: list.entries.count)
    }

    /// The first visible row that keeps `selection` in a window of `rows`, moving as little as
    /// possible from `scroll` and never past the end.
    func scrollKeeping(_ selection: Int, visibleFrom scroll: Int, rows: Int, count: Int) -> Int {
        var top = scroll
        if selection < top { top = selection }
        if selection >= top + rows { top = selection - rows + 1 }
        return max(0, min(top, max(0, count - rows)))
    }

    mutating func openSelectedEntry() -> [Effect] {
        guard list.entries.indices.contains(list.selection) else { return [] }
        let entry = list.entries[list.selection]
        switch entry.kind {
        case .page(let path):
            if isNarrow { listShown = false }
            focus = .reader
            relayout()
            return open(path, target: entry.anchor.map { .anchor($0) } ?? .top)
        case .external(let url):
            message = StatusMessage(text: "Opening \(url)", isError: false)
            return [.openExternal(url)]
        case .missing(let reason):
            message = StatusMessage(text: reason, isError: true)
        case .group, .separator, .unlinked:
            break
        }
        return []
    }

    /// Asks for the selected note's description once, for the status line.
    func describeSelection() -> [Effect] {
        guard list.entries.indices.contains(list.selection), let path = list.entries[list.selection].note,
              descriptions[path] == nil else { return [] }
        return [.describe(path)]
    }
}
