import ScribblesLayout
import ScribblesText

/// Draws the whole screen for a state. Pure: the same state always gives the same cells.
public func render(_ state: AppState) -> ScreenBuffer {
    var screen = ScreenBuffer(width: state.width, height: state.height)
    let panes = Panes(state)
    renderHeader(state, panes.header, &screen)
    if panes.side.width > 0 {
        switch state.side {
        case .contents: renderList(state, panes, &screen)
        case .search: renderSearch(state, panes, &screen)
        }
    }
    renderReader(state, panes.reader, &screen)
    renderStatus(state, panes.status, &screen)
    if let overlay = state.overlay { renderOverlay(overlay, state, &screen) }
    return screen
}

private func renderHeader(_ state: AppState, _ rect: Rect, _ screen: inout ScreenBuffer) {
    guard rect.height > 0 else { return }
    screen.fill(rect, style: Style(.chrome))
    let hints = " / search  ? help  q quit "
    let hintsWidth = CellWidth.of(hints)
    let titleRoom = rect.width - (rect.width >= 50 ? hintsWidth : 0)
    var x = screen.put(" Scribbles", x: 0, y: rect.y, style: Style(.accent, .bold), limit: titleRoom)
    if !state.collectionTitle.isEmpty {
        x = screen.put(" ─ ", x: x, y: rect.y, style: Style(.chrome), limit: titleRoom - x)
        screen.put(Truncate.cells(state.collectionTitle, titleRoom - x), x: x, y: rect.y, style: Style(.title), limit: titleRoom - x)
    }
    if rect.width >= 50 { screen.put(hints, x: rect.width - hintsWidth, y: rect.y, style: Style(.chrome)) }
}

/// A box with a title in its top border. Focused boxes draw in the accent colour.
func drawFrame(_ rect: Rect, title: String, focused: Bool, _ screen: inout ScreenBuffer) {
    guard rect.width >= 2, rect.height >= 2 else { return }
    let style = Style(focused ? .accent : .chrome)
    let horizontal = String(repeating: "─", count: rect.width - 2)
    screen.put("┌" + horizontal + "┐", x: rect.x, y: rect.y, style: style)
    screen.put("└" + horizontal + "┘", x: rect.x, y: rect.maxY - 1, style: style)
    for y in (rect.y + 1)..<(rect.maxY - 1) {
        screen.put("│", x: rect.x, y: y, style: style)
        screen.put("│", x: rect.maxX - 1, y: y, style: style)
    }
    if rect.width > 4 {
        screen.put(" " + Truncate.cells(title, rect.width - 5) + " ", x: rect.x + 1, y: rect.y, style: Style(focused ? .accent : .chrome, .bold))
    }
}

private func renderStatus(_ state: AppState, _ rect: Rect, _ screen: inout ScreenBuffer) {
    guard rect.height > 0 else { return }
    screen.fill(rect, style: Style(.status))
    let (left, leftStyle) = statusText(state)
    let hints = statusHints(state)
    let hintsWidth = CellWidth.of(hints)
    let showHints = rect.width - hintsWidth >= 30
    let room = rect.width - 1 - (showHints ? hintsWidth + 1 : 0)
    screen.put(Truncate.cells(left, room), x: rect.x + 1, y: rect.y, style: leftStyle, limit: room)
    if showHints { screen.put(hints, x: rect.maxX - hintsWidth - 1, y: rect.y, style: Style(.status)) }
}

private func statusText(_ state: AppState) -> (String, Style) {
    if let message = state.message { return (message.text, Style(message.isError ? .error : .status, .bold)) }
    if let typed = state.reader.linkHint {
        return ("Follow link: \(typed)_  (type its number; Enter follows, Esc cancels)", Style(.label, .bold))
    }
    if state.focus == .list, state.list.entries.indices.contains(state.list.selection),
       let path = state.list.entries[state.list.selection].note {
        let description = state.descriptions[path] ?? ""
        return (description.isEmpty ? path : description, Style(.status))
    }
    var parts: [String] = []
    if let loading = state.reader.loading, !state.reader.isReload { parts.append("Loading \(loading)…") }
    if let path = state.currentPath {
        parts.append(path)
        parts.append(position(state))
        if let selected = state.reader.selectedLink { parts.append("link \(selected + 1)/\(state.reader.linkGroups.count)") }
        if !state.reader.matches.isEmpty {
            let current = state.reader.currentMatch.map { "\($0 + 1)" } ?? "–"
            parts.append("match \(current)/\(state.reader.matches.count)")
        }
    }
    if let (done, total) = state.indexProgress { parts.append("indexing \(done)/\(total)") }
    return (parts.joined(separator: "  ·  "), Style(.status))
}

/// Where the reader is in the note: "Top", "Bot", "All" or a percentage, like less.
private func position(_ state: AppState) -> String {
    let lines = state.reader.rendered.lines.count, page = state.pageHeight
    if lines <= page { return "All" }
    if state.reader.scroll == 0 { return "Top" }
    if state.reader.scroll >= state.maxScroll { return "Bot" }
    return "\(min(100, (state.reader.scroll + page) * 100 / lines))%"
}

private func statusHints(_ state: AppState) -> String {
    switch state.focus {
    case .list: return "Enter open · / search · ? help"
    case .searchInput: return "↓↑ hits · Enter open · Esc back"
    case .searchHits: return "Enter open · / edit · Esc back"
    case .reader:
        if state.reader.selectedLink != nil { return "Enter follow · x open · ⌫ back" }
        return "Tab link · ⌫ back · ? help"
    }
}
