/// The quick switcher (`t`): type a few letters of a note's title, alias or path.
extension AppState {
    mutating func openSwitcher() {
        if switcher.index == nil { switcher.index = collectionSwitcherIndex }
        switcher.query = ""
        rankSwitcher()
        overlay = .switcher
    }

    /// The collection's notes as it is now, for the switcher.
    var collectionSwitcherIndex: SwitcherIndex {
        SwitcherIndex(toc: list.entries, notes: resolver.index.notes, aliases: resolver.index.aliases)
    }

    /// Notes read before the open one, most recent first, for the empty query.
    private var recentNotes: [String] {
        back.reversed().map(\.path).filter { $0 != currentPath }
    }

    /// Ranks the notes for the query. A query that only grew is matched against the notes
    /// the shorter one matched (a note without its letters in order cannot gain them).
    mutating func rankSwitcher() {
        guard let index = switcher.index else { switcher.hits = []; return }
        let within = switcher.matched.flatMap { previous in
            switcher.query.hasPrefix(previous.query) && !previous.query.isEmpty ? previous.entries : nil
        }
        let ranked = index.rank(switcher.query, recent: recentNotes, within: within)
        switcher.hits = ranked.hits
        switcher.matched = ranked.matched.map { (switcher.query, $0) }
        switcher.selection = 0
    }

    /// Rows of hits the overlay shows (what paging moves by).
    var switcherPage: Int { max(1, min(height - 2, 22) - 4) }

    mutating func switcherKey(_ key: Key) -> [Effect] {
        var delta = 0
        switch key {
        case .escape:
            overlay = nil
            return []
        case .enter:
            overlay = nil
            guard let index = switcher.index, switcher.hits.indices.contains(switcher.selection) else { return [] }
            focus = .reader
            return open(index.entries[switcher.hits[switcher.selection].entry].path, target: .top)
        case .down, .control("n"), .tab: delta = 1
        case .up, .control("p"), .backTab: delta = -1
        case .pageDown: delta = switcherPage
        case .pageUp: delta = -switcherPage
        case .backspace, .delete:
            guard !switcher.query.isEmpty else { return [] }
            switcher.query.removeLast()
            rankSwitcher()
        case .control("u"):
            switcher.query = ""
            rankSwitcher()
        case .control("w"):
            switcher.query.deleteLastWord()
            rankSwitcher()
        case .character(let character):
            guard switcher.query.count < FuzzyMatch.maxQuery else { return [] }
            switcher.query.append(character)
            rankSwitcher()
        default:
            break
        }
        if delta != 0, !switcher.hits.isEmpty {
            switcher.selection = min(max(0, switcher.selection + delta), switcher.hits.count - 1)
        }
        return []
    }
}

extension String {
    /// Ctrl-W in a query: the last word and the spaces after it.
    mutating func deleteLastWord() {
        while last == " " { removeLast() }
        while let character = last, character != " " { removeLast() }
    }
}
