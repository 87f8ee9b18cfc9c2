import ScribblesSearch
import ScribblesText

/// The search pane: the query line and its hits.
extension AppState {
    /// Rows one hit takes in the pane: title, then two rows of snippet.
    static let hitHeight = 3

    var hitsPerPage: Int { max(1, (Panes(self).sideInner.height - 1) / Self.hitHeight) }

    mutating func startSearch() {
        side = .search
        if !isListVisible { listShown = true; relayout() }
        focus = .searchInput
    }

    mutating func searchInputKey(_ key: Key) -> [Effect] {
        switch key {
        case .character(let c):
            search.query.append(c)
            return runSearch()
        case .backspace:
            guard !search.query.isEmpty else { return [] }
            search.query.removeLast()
            return runSearch()
        case .control("u"):
            search.query = ""
            return runSearch()
        case .control("w"):
            search.query.deleteLastWord()
            return runSearch()
        case .down, .control("n"): moveHit(by: 1)
        case .up, .control("p"): moveHit(by: -1)
        case .pageDown: moveHit(by: hitsPerPage)
        case .pageUp: moveHit(by: -hitsPerPage)
        case .tab: if !search.hits.isEmpty { focus = .searchHits }
        case .enter: return openSelectedHit()
        case .escape:
            side = .contents
            focus = .list
        default: break
        }
        return []
    }

    mutating func hitsKey(_ key: Key) -> [Effect] {
        switch key {
        case .character("j"), .down, .control("n"): moveHit(by: 1)
        case .character("k"), .up, .control("p"): moveHit(by: -1)
        case .character(" "), .pageDown: moveHit(by: hitsPerPage)
        case .character("b"), .pageUp: moveHit(by: -hitsPerPage)
        case .character("g"), .home: moveHit(by: -search.hits.count)
        case .character("G"), .end: moveHit(by: search.hits.count)
        case .enter: return openSelectedHit()
        case .tab: focus = .reader
        case .character("n"), .character("N"), .character("o"), .character("B"): return readerKey(key)
        default: break
        }
        return []
    }

    /// A new query generation; older results will be dropped when they arrive.
    mutating func runSearch() -> [Effect] {
        search.generation += 1
        if SearchQuery(search.query).isEmpty {
            search.hits = []
            search.corrections = []
            search.pending = false
            search.selection = 0
            search.scroll = 0
            return []
        }
        search.pending = true
        return [.search(generation: search.generation, query: search.query)]
    }

    mutating func searchFinished(generation: Int, hits: [SearchHit], also: [String] = []) {
        guard generation == search.generation else { return }
        search.hits = hits
        search.corrections = also
        search.pending = false
        search.selection = 0
        search.scroll = 0
    }

    mutating func moveHit(by delta: Int) {
        guard !search.hits.isEmpty else { return }
        search.selection = min(max(0, search.selection + delta), search.hits.count - 1)
        keepHitSelectionVisible()
    }

    mutating func keepHitSelectionVisible() {
        search.scroll = scrollKeeping(search.selection, visibleFrom: search.scroll, rows: hitsPerPage, count: search.hits.count)
    }

    mutating func openSelectedHit() -> [Effect] {
        guard search.hits.indices.contains(search.selection) else { return [] }
        let hit = search.hits[search.selection]
        let snippetWords = hit.snippet.spans.filter { $0.style.role == .match }.map(\.text)
        var words: [String] = []
        for word in SearchQuery(search.query).highlightWords + snippetWords where !words.contains(word.lowercased()) {
            words.append(word.lowercased())
        }
        if isNarrow { listShown = false; relayout() }
        focus = .reader
        let effects = open(hit.path, target: .match(heading: hit.heading))
        reader.matchWords = words
        reader.currentMatch = nil
        if reader.loading == nil {
            // Same note: matches are found now, not on load.
            findMatches()
            apply(.match(heading: hit.heading))
        }
        return effects
    }
}
