import ScribblesMarkdown
import ScribblesLayout
import ScribblesSearch
import ScribblesVault

/// Applies one event to the state and returns the work the runtime should do. Pure: no file,
/// clock or terminal is touched here.
public func update(_ state: inout AppState, _ event: Event) -> [Effect] {
    switch event {
    case .key(let key):
        state.message = nil
        return state.handle(key)
    case .mouse(let mouse):
        state.message = nil
        return state.handle(mouse)
    case .resized(let width, let height):
        state.resize(width: width, height: height)
        return []
    case .collectionOpened(let collection):
        return state.adopt(collection)
    case .launched(let path, let target):
        return state.open(path, target: target, record: false)
    case .noteLoaded(let note):
        return state.loaded(note)
    case .noteFailed(let path, let message):
        guard state.reader.loading == path else { return [] }
        state.reader.loading = nil
        state.message = StatusMessage(text: message, isError: true)
        return []
    case .searchFinished(let generation, let hits, let also):
        state.searchFinished(generation: generation, hits: hits, also: also)
        return []
    case .indexProgress(let done, let total):
        state.indexProgress = (done, total)
        return []
    case .indexFinished:
        state.indexProgress = nil
        state.isIndexed = true
        // Tags and hits gathered while indexing may be missing notes: gather them again.
        var again: [Effect] = []
        if case .tags = state.overlay { again.append(.findTags) }
        return again + (state.search.query.isEmpty ? [] : state.runSearch())
    case .backlinksFound(let path, let items):
        if case .backlinks(path, nil, _) = state.overlay { state.overlay = .backlinks(path: path, items: items, selection: 0) }
        return []
    case .described(let path, let description):
        state.descriptions[path] = description ?? ""
        return []
    case .collectionCompleted(let note):
        guard let current = state.reader.note, current.path == note, state.reader.loading == nil,
              current.needsCollection else { return [] }
        return state.reload(note)
    case .filesChanged(let paths, let structure):
        var effects: [Effect] = structure ? [.reopenCollection] : []
        if let current = state.currentPath, paths.contains(current), state.reader.loading == nil {
            effects += state.reload(current)
        }
        return effects
    case .externalFailed(let message):
        state.message = StatusMessage(text: message, isError: true)
        return []
    case .tagsFound(let items):
        if case .tags(_, let selection) = state.overlay {
            state.overlay = .tags(items: items, selection: min(selection, max(0, items.count - 1)))
        }
        return []
    case .edited(let path):
        guard state.currentPath == path, state.reader.loading == nil else { return [] }
        return state.reload(path)
    }
}

extension AppState {
    /// Keys route top-down: an overlay or `f` mode first, then global keys, then the focused pane.
    mutating func handle(_ typed: Key) -> [Effect] {
        // Bound keys act as the action's key, except where keys are text being typed.
        let typing = focus == .searchInput || overlay == .switcher || reader.linkHint != nil
        let key = typing ? typed : keyBindings[typed] ?? typed
        if overlay != nil { return overlayKey(key) }
        if reader.linkHint != nil { return hintKey(key) }
        if focus == .searchInput { return searchInputKey(key) }
        if let effects = globalKey(key) { return effects }
        switch focus {
        case .list: return listKey(key)
        case .searchHits: return hitsKey(key)
        case .reader, .searchInput: return readerKey(key)
        }
    }

    /// Keys that mean the same in every pane; nil when `key` is not one of them.
    private mutating func globalKey(_ key: Key) -> [Effect]? {
        switch key {
        case .character("q"):
            return sessionEffects() + [.quit]
        case .character("?"):
            overlay = .help(scroll: 0)
        case .character("/"):
            startSearch()
        case .character("\\"):
            listShown = !isListVisible
            if !isListVisible && focus != .reader { focus = .reader }
            relayout()
        case .character("h"), .left:
            focusList()
        case .character("l"), .right:
            focus = .reader
            if isNarrow && isListVisible { listShown = false; relayout() }
        case .backspace, .character("H"):
            return goBack()
        case .character("L"):
            return goForward()
        case .character("]"):
            return turnPage(forward: true)
        case .character("["):
            return turnPage(forward: false)
        case .character("e"):
            return editNote()
        case .character("t"):
            openSwitcher()
        case .character("#"):
            overlay = .tags(items: nil, selection: 0)
            return [.findTags]
        case .character("r"), .control("r"):
            message = StatusMessage(text: "Reloading…", isError: false)
            return [.reopenCollection] + (currentPath.map { reload($0) } ?? [])
        case .control("l"):
            return []
        case .escape:
            if side == .search { side = .contents; focus = .list; return [] }
            return nil
        default:
            return nil
        }
        return []
    }

    /// `e`: the open note in the user's editor, at the line shown at the top of the reader.
    mutating func editNote() -> [Effect] {
        guard let path = currentPath else {
            message = StatusMessage(text: "No note is open", isError: false)
            return []
        }
        return [.edit(path: path, near: sourceHint())]
    }

    /// What finds the note file's line for the top of the reader: the section it is in (from
    /// the outline's source lines) and the words of the first line shown that has any.
    func sourceHint() -> SourceHint {
        let top = reader.scroll
        guard top > 0 else { return SourceHint(from: 1) }
        let outline = reader.rendered.outline
        let above = outline.lastIndex { $0.line <= top && $0.sourceLine > 0 }
        let from = above.map { outline[$0].sourceLine } ?? 1
        let before = outline[(above.map { $0 + 1 } ?? 0)...].first { $0.sourceLine > from }?.sourceLine
        var words: [String] = []
        for line in reader.rendered.lines.dropFirst(top).prefix(pageHeight) {
            words = SourceHint.words(of: line.plainText)
            if !words.isEmpty { break }
        }
        return SourceHint(from: from, before: before, words: words)
    }

    mutating func focusList() {
        if !isListVisible { listShown = true; relayout() }
        focus = side == .search ? .searchHits : .list
    }

    /// A note already open, read again from disk at the same position.
    mutating func reload(_ path: String) -> [Effect] {
        reader.loading = path
        reader.target = .scroll(reader.scroll)
        reader.isReload = true
        return [.loadNote(path)]
    }

    func sessionEffects() -> [Effect] {
        guard let path = currentPath else { return [] }
        return [.saveSession(path: path, line: reader.scroll)]
    }

    mutating func resize(width: Int, height: Int) {
        let oldLines = max(1, reader.rendered.lines.count)
        let oldScroll = reader.scroll
        self.width = max(1, width)
        self.height = max(1, height)
        if relayout() {
            // Keep the same part of the note in view: scale the position to the new line count.
            reader.scroll = oldScroll * reader.rendered.lines.count / oldLines
        }
        clampScroll()
        keepListSelectionVisible()
        keepHitSelectionVisible()
    }
}
