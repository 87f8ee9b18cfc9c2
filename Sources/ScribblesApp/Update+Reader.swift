import ScribblesLayout
import ScribblesText

/// The reader pane: scrolling, link selection, `f` hints, search matches.
extension AppState {
    var pageHeight: Int { max(1, Panes(self).reader.height) }
    var maxScroll: Int { max(0, reader.rendered.lines.count - pageHeight) }

    mutating func readerKey(_ key: Key) -> [Effect] {
        switch key {
        case .character("j"), .down, .control("e"), .control("n"): scroll(by: 1)
        case .character("k"), .up, .control("y"), .control("p"): scroll(by: -1)
        case .character(" "), .pageDown, .control("f"): scroll(by: pageHeight)
        case .character("b"), .pageUp, .control("b"): scroll(by: -pageHeight)
        case .character("d"), .control("d"): scroll(by: max(1, pageHeight / 2))
        case .character("u"), .control("u"): scroll(by: -max(1, pageHeight / 2))
        case .character("g"), .home: reader.scroll = 0
        case .character("G"), .end: reader.scroll = maxScroll
        case .tab: selectLink(forward: true)
        case .backTab: selectLink(forward: false)
        case .enter:
            guard let group = selectedVisibleLink() else {
                message = StatusMessage(text: "No link selected: Tab selects one, f numbers them", isError: false)
                return []
            }
            return follow(group: group)
        case .character("f"): startHints()
        case .character("x"): return openSelectedExternally()
        case .character("n"): nextMatch(forward: true)
        case .character("N"): nextMatch(forward: false)
        case .character("o"): openOutline()
        case .character(">"): scrollSideways(by: sidewaysStep)
        case .character("<"): scrollSideways(by: -sidewaysStep)
        case .character("B"):
            guard let path = currentPath else { return [] }
            overlay = .backlinks(path: path, items: nil, selection: 0)
            return [.findBacklinks(path)]
        case .escape:
            reader.selectedLink = nil
            reader.matchWords = []
            reader.matches = []
            reader.currentMatch = nil
        default: break
        }
        return []
    }

    mutating func scroll(by lines: Int) {
        reader.scroll += lines
        clampScroll()
    }

    mutating func clampScroll() {
        reader.scroll = min(max(0, reader.scroll), maxScroll)
    }

    /// Lays the open note out again when the pane's width changed. Returns whether it did.
    @discardableResult
    mutating func relayout(force: Bool = false) -> Bool {
        let width = Panes(self).layoutWidth
        guard let note = reader.note, force || reader.rendered.width != width || reader.rendered.lines.isEmpty else { return false }
        let cards = note.cards, mentions = note.mentions
        let options = LayoutOptions(title: note.title, foldsCallouts: true, toggledCallouts: reader.toggledCallouts,
                                    showsProperties: note.showsProperties, scrollsWide: true)
        reader.rendered = layout(note.document, width: width, cardInfo: { cards[$0] }, mentionTitle: { mentions[$0] },
                                 highlight: highlight, options: options)
        reader.linkGroups = Self.groups(reader.rendered.links)
        if let selected = reader.selectedLink, selected >= reader.linkGroups.count { reader.selectedLink = nil }
        findMatches()
        clampScroll()
        reader.sideways = min(reader.sideways, maxSideways)
        return true
    }

    /// Half the pane: what `>` and `<` move code and tables by.
    var sidewaysStep: Int { max(4, Panes(self).layoutWidth / 2) }

    /// The farthest any wide block can scroll.
    var maxSideways: Int { reader.rendered.wide.map(\.maxOffset).max() ?? 0 }

    /// `>` and `<` (and Shift with the wheel): every code block and table wider than the pane
    /// moves sideways together.
    mutating func scrollSideways(by cells: Int) {
        guard maxSideways > 0 else {
            message = StatusMessage(text: "Nothing in this note is wider than the pane", isError: false)
            return
        }
        reader.sideways = min(max(0, reader.sideways + cells), maxSideways)
    }

    /// Enter on a foldable callout's title: open it or fold it, keeping it selected and in place.
    mutating func toggleCallout(_ id: Int) {
        if reader.toggledCallouts.remove(id) == nil { reader.toggledCallouts.insert(id) }
        relayout(force: true)
        let target = LinkTarget(.callout, String(id))
        reader.selectedLink = reader.linkGroups.firstIndex { group in group.contains { reader.rendered.links[$0].target == target } }
        // A callout near the bottom of the page scrolls up enough to show its first lines.
        if let group = reader.selectedLink,
           let line = reader.linkGroups[group].first.map({ reader.rendered.links[$0].line }) {
            let room = min(6, max(1, pageHeight / 3))
            if line > reader.scroll + pageHeight - room { reader.scroll = line - (pageHeight - room) }
            clampScroll()
        }
    }

    /// Regions of one written link (wrapped over lines, a card's rows) form one group.
    static func groups(_ links: [LinkRegion]) -> [[Int]] {
        var groups: [[Int]] = []
        for (index, region) in links.enumerated() {
            if let last = groups.last?.last, links[last].id == region.id, links[last].target == region.target {
                groups[groups.count - 1].append(index)
            } else {
                groups.append([index])
            }
        }
        return groups
    }

    /// The link groups with a region on screen, in order.
    var visibleLinkGroups: [Int] {
        let top = reader.scroll, bottom = reader.scroll + pageHeight
        return reader.linkGroups.indices.filter { group in
            reader.linkGroups[group].contains { (top..<bottom).contains(reader.rendered.links[$0].line) }
        }
    }

    private func selectedVisibleLink() -> Int? {
        guard let selected = reader.selectedLink, visibleLinkGroups.contains(selected) else { return nil }
        return selected
    }

    /// Tab and Shift-Tab: the next or previous link, starting from the first or last on screen.
    mutating func selectLink(forward: Bool) {
        guard !reader.linkGroups.isEmpty else {
            message = StatusMessage(text: "This note has no links", isError: false)
            return
        }
        let visible = visibleLinkGroups
        let next: Int
        if let selected = selectedVisibleLink() {
            next = forward ? (selected + 1) % reader.linkGroups.count
                           : (selected - 1 + reader.linkGroups.count) % reader.linkGroups.count
        } else if let first = forward ? visible.first : visible.last {
            next = first
        } else {
            // No link on screen: the next one below (or above) the page.
            let top = reader.scroll
            next = forward ? (reader.linkGroups.firstIndex { firstLine(of: $0) >= top } ?? 0)
                           : (reader.linkGroups.lastIndex { firstLine(of: $0) < top } ?? reader.linkGroups.count - 1)
        }
        reader.selectedLink = next
        reveal(line: firstLine(of: reader.linkGroups[next]))
    }

    private func firstLine(of group: [Int]) -> Int { reader.rendered.links[group[0]].line }

    /// Scrolls just enough for `line` to be on screen.
    mutating func reveal(line: Int) {
        if line < reader.scroll { reader.scroll = line }
        if line >= reader.scroll + pageHeight { reader.scroll = line - pageHeight + 1 }
        clampScroll()
    }

    // MARK: f hints

    mutating func startHints() {
        if visibleLinkGroups.isEmpty {
            message = StatusMessage(text: "No link on screen", isError: false)
        } else {
            reader.linkHint = ""
        }
    }

    mutating func hintKey(_ key: Key) -> [Effect] {
        let groups = visibleLinkGroups
        var typed = reader.linkHint ?? ""
        switch key {
        case .character(let c) where c.isASCII && c.isNumber:
            typed.append(c)
        case .backspace:
            if typed.isEmpty { reader.linkHint = nil; return [] }
            typed.removeLast()
            reader.linkHint = typed
            return []
        case .enter:
            break
        default:
            reader.linkHint = nil
            return []
        }
        guard let number = Int(typed), number >= 1, number <= groups.count else {
            reader.linkHint = nil
            if !typed.isEmpty { message = StatusMessage(text: "No link numbered \(typed)", isError: true) }
            return []
        }
        // Wait for another digit while a longer number could still match.
        if key != .enter && number * 10 <= groups.count {
            reader.linkHint = typed
            return []
        }
        reader.linkHint = nil
        return follow(group: groups[number - 1])
    }

    // MARK: matches

    /// Finds the highlighted words in the laid-out note.
    mutating func findMatches() {
        reader.matches = MatchFinder.find(reader.matchWords, in: reader.rendered.lines)
        if let current = reader.currentMatch, current >= reader.matches.count { reader.currentMatch = nil }
    }

    mutating func show(match index: Int) {
        reader.currentMatch = index
        let line = reader.matches[index].line
        if line < reader.scroll || line >= reader.scroll + pageHeight {
            reader.scroll = line - pageHeight / 3
        }
        clampScroll()
    }

    mutating func nextMatch(forward: Bool) {
        guard !reader.matches.isEmpty else {
            message = StatusMessage(text: reader.matchWords.isEmpty ? "No search: / searches the collection" : "No match in this note", isError: false)
            return
        }
        let count = reader.matches.count
        let next: Int
        if let current = reader.currentMatch {
            next = forward ? (current + 1) % count : (current - 1 + count) % count
        } else {
            next = forward ? (reader.matches.firstIndex { $0.line >= reader.scroll } ?? 0)
                           : (reader.matches.lastIndex { $0.line < reader.scroll + pageHeight } ?? count - 1)
        }
        if forward && next == 0 && reader.currentMatch != nil { message = StatusMessage(text: "Search wrapped to the top", isError: false) }
        show(match: next)
    }
}
