import ScribblesLayout
import ScribblesText
import ScribblesVault

func renderList(_ state: AppState, _ panes: Panes, _ screen: inout ScreenBuffer) {
    let focused = state.focus == .list
    drawFrame(panes.side, title: "Contents", focused: focused, &screen)
    let inner = panes.sideInner
    guard inner.width > 0 else { return }
    if state.list.entries.isEmpty {
        screen.put(Truncate.cells(state.isCollectionReady ? " No notes" : " Opening…", inner.width), x: inner.x, y: inner.y, style: Style(.dim))
        return
    }
    for row in 0..<inner.height {
        let index = state.list.scroll + row
        guard state.list.entries.indices.contains(index) else { break }
        let entry = state.list.entries[index]
        let y = inner.y + row
        let isOpen = entry.note != nil && entry.note == state.currentPath
        let indent = String(repeating: " ", count: min(entry.depth * 2, max(0, inner.width / 2)))
        var style = Style(.text)
        var text: String
        switch entry.kind {
        case .group:
            text = entry.title.uppercased()
            style = Style(.accent, .bold)
        case .separator:
            text = String(repeating: "─", count: max(0, inner.width - 3))
            style = Style(.chrome)
        case .page:
            text = (isOpen ? "▸ " : "  ") + indent + entry.title
            if isOpen { style = Style(.text, .bold) }
        case .external:
            text = "  " + indent + entry.title + " ↗"
            style = Style(.link)
        case .unlinked:
            text = "  " + indent + entry.title
            style = Style(.text, .bold)
        case .missing:
            text = "  " + indent + entry.title
            style = Style(.brokenLink)
        }
        if index == state.list.selection {
            style.emphasis.insert(.reverse)
            if !focused { style.role = .chrome }
            screen.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: style)
        }
        screen.put(Truncate.cells(text, inner.width - 1), x: inner.x + 1, y: y, style: style, limit: inner.width - 1)
    }
}

func renderSearch(_ state: AppState, _ panes: Panes, _ screen: inout ScreenBuffer) {
    let typing = state.focus == .searchInput
    let cursor = typing ? "█" : ""
    // The end of a long query stays in view.
    let room = max(1, panes.side.width - 14)
    var query = state.search.query
    while CellWidth.of(query) > room { query.removeFirst() }
    drawFrame(panes.side, title: "Search: " + query + cursor, focused: typing || state.focus == .searchHits, &screen)
    let inner = panes.sideInner
    guard inner.width > 0, inner.height > 0 else { return }
    let search = state.search
    let summary: String
    if search.query.allSatisfy({ $0 == " " }) {
        summary = "Type words to search"
    } else if search.pending && search.hits.isEmpty {
        summary = "Searching…"
    } else {
        summary = (search.hits.count == 1 ? "1 note" : "\(search.hits.count) notes" + (search.pending ? " …" : ""))
            + (search.corrections.isEmpty ? "" : " · also: " + search.corrections.joined(separator: ", "))
    }
    screen.put(Truncate.cells(summary, inner.width), x: inner.x, y: inner.y, style: Style(.dim))
    var y = inner.y + 1
    var index = search.scroll
    while y + AppState.hitHeight <= inner.maxY, search.hits.indices.contains(index) {
        let hit = search.hits[index]
        let selected = index == search.selection
        var titleStyle = Style(.title, .bold)
        if selected {
            titleStyle.emphasis.insert(.reverse)
            if state.focus == .reader || state.focus == .list { titleStyle.role = .chrome }
            screen.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: titleStyle)
        }
        screen.put(Truncate.cells((selected ? "▸ " : "  ") + hit.title, inner.width), x: inner.x, y: y, style: titleStyle)
        var snippet = StyledLine()
        if let heading = hit.heading { snippet.append(heading + " · ", Style(.dim)) }
        snippet.append(hit.snippet)
        putWrapped(snippet, Rect(x: inner.x + 2, y: y + 1, width: inner.width - 2, height: AppState.hitHeight - 1), &screen)
        y += AppState.hitHeight
        index += 1
    }
}

/// Writes a styled line over the rows of `rect`, breaking between words where it can; `…`
/// when it does not fit.
func putWrapped(_ line: StyledLine, _ rect: Rect, _ screen: inout ScreenBuffer) {
    guard rect.width > 1, rect.height > 0 else { return }
    var cells: [(Character, Style, Int)] = []
    for span in line.spans {
        for character in TerminalText.visible(span.text) { cells.append((character, span.style, CellWidth.of(character))) }
    }
    var position = 0
    for y in rect.y..<rect.maxY {
        while position < cells.count && cells[position].0 == " " { position += 1 }
        // Take as many cells as fit, then back up to the last space if a word was cut.
        var end = position, used = 0
        while end < cells.count && used + cells[end].2 <= rect.width { used += cells[end].2; end += 1 }
        if end < cells.count && cells[end].0 != " ",
           let space = cells[position..<end].lastIndex(where: { $0.0 == " " }), space > position + rect.width / 3 {
            end = space
        }
        var x = rect.x
        for index in position..<end { x = screen.put(String(cells[index].0), x: x, y: y, style: cells[index].1) }
        position = end
        if position >= cells.count { return }
    }
    screen.put("…", x: rect.maxX - 1, y: rect.maxY - 1, style: Style(.dim))
}

func renderReader(_ state: AppState, _ rect: Rect, _ screen: inout ScreenBuffer) {
    guard rect.width > 0, rect.height > 0 else { return }
    let reader = state.reader
    guard reader.note != nil else {
        let text = reader.loading.map { "Loading \($0)…" } ?? "No note open: choose one in the list (h)"
        screen.put(Truncate.cells(text, rect.width), x: rect.x, y: rect.y, style: Style(.dim))
        return
    }
    let lines = reader.rendered.lines
    let sideways = Sideways(reader.rendered, offset: reader.sideways)
    for row in 0..<rect.height {
        let line = reader.scroll + row
        guard lines.indices.contains(line) else { break }
        sideways.draw(lines[line], number: line, x: rect.x, y: rect.y + row, width: rect.width, &screen)
    }
    let visible = reader.scroll..<(reader.scroll + rect.height)
    /// A stretch of a line as drawn (moved with its wide block; cut to its window).
    func shown(_ line: Int, _ start: Int, _ end: Int) -> Rect? {
        var from = start, to = end
        while from < to, sideways.screenColumn(line: line, from) == nil { from += 1 }
        while to > from, sideways.screenColumn(line: line, to - 1) == nil { to -= 1 }
        guard from < to, let x = sideways.screenColumn(line: line, from) else { return nil }
        return Rect(x: rect.x + x, y: rect.y + line - reader.scroll, width: to - from, height: 1)
    }
    for (number, match) in reader.matches.enumerated() where visible.contains(match.line) {
        let isCurrent = number == reader.currentMatch
        guard let area = shown(match.line, match.start, match.end) else { continue }
        screen.restyle(area) {
            Style(.match, isCurrent ? $0.emphasis.union([.reverse, .bold]) : $0.emphasis.union(.bold))
        }
    }
    if let selected = reader.selectedLink, reader.linkGroups.indices.contains(selected) {
        for index in reader.linkGroups[selected] {
            let region = reader.rendered.links[index]
            guard visible.contains(region.line), let area = shown(region.line, region.start, region.end) else { continue }
            screen.restyle(area) { Style($0.role, $0.emphasis.union(.reverse)) }
        }
    }
    if reader.linkHint != nil {
        for (number, group) in state.visibleLinkGroups.enumerated() {
            guard let region = reader.linkGroups[group].map({ reader.rendered.links[$0] }).first(where: { visible.contains($0.line) }),
                  let area = shown(region.line, region.start, region.end) else { continue }
            screen.put("\(number + 1)", x: area.x, y: area.y, style: Style(.label, [.bold, .reverse]),
                       limit: rect.maxX - area.x)
        }
    }
}
