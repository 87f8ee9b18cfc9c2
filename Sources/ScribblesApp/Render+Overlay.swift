import ScribblesText
import ScribblesVault

func renderOverlay(_ overlay: Overlay, _ state: AppState, _ screen: inout ScreenBuffer) {
    if case .switcher = overlay { return renderSwitcher(state, &screen) }
    let rows: [(String, String, Style)]
    let title: String
    var selection: Int? = nil
    var scroll = 0
    switch overlay {
    case .help(let top):
        title = "Keys"
        rows = Keymap.help(bindings: state.keyBindings).map { $0.keys.isEmpty ? ("", $0.action, Style(.accent, .bold)) : ($0.keys, $0.action, Style(.text)) }
        scroll = top
    case .outline(let selected):
        title = "Outline"
        rows = state.reader.rendered.outline.map {
            (String(repeating: "  ", count: max(0, $0.level - 1)) + $0.title, "", Style($0.level <= 2 ? .heading($0.level) : .text))
        }
        selection = selected
    case .backlinks(let path, let items, let selected):
        title = "Backlinks of \(path)"
        if let items {
            let titles = Dictionary(state.list.entries.compactMap { entry in entry.note.map { ($0, entry.title) } }, uniquingKeysWith: { a, _ in a })
            rows = items.isEmpty ? [("No note links here", "", Style(.dim))]
                                 : items.map { (titles[$0.source] ?? $0.source, "\($0.source):\($0.line)", Style(.text)) }
            selection = items.isEmpty ? nil : selected
        } else {
            rows = [("Finding backlinks…", "", Style(.dim))]
        }
    case .tags(let items, let selected):
        title = state.isIndexed ? "Tags" : "Tags (still indexing)"
        if let items {
            rows = items.isEmpty ? [(state.isIndexed ? "No note has tags" : "No tags found yet", "", Style(.dim))]
                                 : items.map { (String(repeating: "  ", count: $0.depth) + "#" + ($0.depth == 0 ? $0.name : $0.leaf),
                                               "\($0.count)", Style(.tag)) }
            selection = items.isEmpty ? nil : selected
        } else {
            rows = [("Gathering tags…", "", Style(.dim))]
        }
    case .switcher:
        return
    }
    let width = min(state.width - 2, 72), height = min(state.height - 2, rows.count + 2)
    guard width >= 8, height >= 3 else { return }
    let box = Rect(x: (state.width - width) / 2, y: max(0, (state.height - height) / 2), width: width, height: height)
    screen.fill(box)
    drawFrame(box, title: title, focused: true, &screen)
    let inner = box.inset(1)
    if let selection, selection >= inner.height { scroll = selection - inner.height + 1 }
    let keyWidth = min(22, inner.width / 3)
    for row in 0..<inner.height {
        let index = scroll + row
        guard rows.indices.contains(index) else { break }
        let (left, right, baseStyle) = rows[index]
        var style = baseStyle
        let y = inner.y + row
        if index == selection {
            style.emphasis.insert(.reverse)
            screen.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: style)
        }
        if case .help = overlay, !left.isEmpty {
            screen.put(Truncate.cells(left, keyWidth), x: inner.x + 1, y: y, style: Style(.code, .bold))
            screen.put(Truncate.cells(right, inner.width - keyWidth - 2), x: inner.x + keyWidth + 2, y: y, style: style)
        } else if case .help = overlay {
            screen.put(Truncate.cells(right, inner.width - 1), x: inner.x + 1, y: y, style: style)
        } else {
            let rightWidth = right.isEmpty ? 0 : min(CellWidth.of(right), inner.width / 2)
            screen.put(Truncate.cells(left, inner.width - rightWidth - 2), x: inner.x + 1, y: y, style: style)
            if rightWidth > 0 { screen.put(Truncate.cells(right, rightWidth), x: inner.maxX - rightWidth - 1, y: y, style: Style(.dim, style.emphasis)) }
        }
    }
}

/// The quick switcher: the query line, a count, then the ranked notes with their matched
/// letters marked and their paths on the right.
func renderSwitcher(_ state: AppState, _ screen: inout ScreenBuffer) {
    let width = min(state.width - 2, 80), height = min(state.height - 2, 22)
    guard let index = state.switcher.index else { return }
    guard width >= 12, height >= 4 else {
        // Too small for the box: the query on the top row, so typing is never blind.
        screen.fill(Rect(x: 0, y: 0, width: state.width, height: 1))
        let top = state.switcher.hits.first.map { " → " + index.entries[$0.entry].title.text } ?? ""
        screen.put(Truncate.cells("› " + state.switcher.query + top, state.width), x: 0, y: 0, style: Style(.accent, .bold))
        return
    }
    let box = Rect(x: (state.width - width) / 2, y: max(0, (state.height - height) / 3), width: width, height: height)
    screen.fill(box)
    drawFrame(box, title: "Open a note", focused: true, &screen)
    let inner = box.inset(1)
    let query = state.switcher.query
    let end = screen.put("› ", x: inner.x + 1, y: inner.y, style: Style(.accent, .bold))
    // The end of a long query stays in view, with the cursor after it.
    let room = max(1, inner.maxX - end - 2)
    let cursor = screen.put(Truncate.keepingEnd(query, room), x: end, y: inner.y, style: Style(.text, .bold))
    screen.put("▏", x: cursor, y: inner.y, style: Style(.accent))
    let hits = state.switcher.hits
    let total = index.entries.count
    let count = query.isEmpty ? "\(total) notes" : hits.isEmpty ? "no note matches" :
        hits.count >= SwitcherIndex.limit ? "best \(hits.count) of \(total) notes" : "\(hits.count) of \(total) notes"
    screen.put(Truncate.cells(count, inner.width - 2), x: inner.x + 1, y: inner.y + 1, style: Style(.dim))
    let rows = inner.height - 2
    guard rows > 0 else { return }
    let selection = state.switcher.selection
    let top = max(0, selection - rows + 1)
    let terms = FuzzyMatch.terms(query)
    for row in 0..<rows {
        let number = top + row
        guard hits.indices.contains(number) else { break }
        let hit = hits[number], entry = index.entries[hit.entry]
        let y = inner.y + 2 + row
        let selected = number == selection
        let restyle = { (style: Style) -> Style in
            var style = style
            if selected { style.emphasis.insert(.reverse) }
            return style
        }
        if selected { screen.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: Style(.text, .reverse)) }
        let marks = terms.isEmpty ? [] : FuzzyMatch.matchedCharacters(terms: terms, index.text(of: hit))
        var left: StyledLine
        switch hit.field {
        case .title, .path:
            left = marked(entry.title.text, hit.field == .title ? marks : [])
        case .alias(let number):
            left = marked(entry.aliases[number].text, marks)
            left.append(" → " + entry.title.text, Style(.dim))
        }
        let right = marked(entry.location.text, hit.field == .path ? marks : [], base: Style(.dim))
        let rightWidth = min(right.width, max(0, inner.width / 2 - 1))
        let leftRoom = inner.width - 2 - (rightWidth > 0 ? rightWidth + 2 : 0)
        putCut(left, x: inner.x + 1, y: y, room: leftRoom, restyle: restyle, &screen)
        if rightWidth > 0 { putCut(right, x: inner.maxX - rightWidth - 1, y: y, room: rightWidth, restyle: restyle, &screen, keepEnd: true) }
    }
}

/// `text` with the characters at `marks` (Character offsets) marked as matches are.
private func marked(_ text: String, _ marks: Set<Int>, base: Style = Style(.text)) -> StyledLine {
    var line = StyledLine()
    var run = "", runMarked = false
    for (offset, character) in text.enumerated() {
        let isMarked = marks.contains(offset)
        if isMarked != runMarked, !run.isEmpty {
            line.append(run, runMarked ? Style(.match) : base)
            run = ""
        }
        runMarked = isMarked
        run.append(character)
    }
    if !run.isEmpty { line.append(run, runMarked ? Style(.match) : base) }
    return line
}

/// Writes `line` in `room` cells, cut with "…" (at the start when `keepEnd`: paths end in the name).
private func putCut(_ line: StyledLine, x: Int, y: Int, room: Int, restyle: (Style) -> Style,
                    _ screen: inout ScreenBuffer, keepEnd: Bool = false) {
    let cut = keepEnd ? Truncate.keepingEnd(line, room, ellipsis: Style(.dim)) : Truncate.cells(line, room, ellipsis: Style(.dim))
    screen.put(cut, x: x, y: y, limit: room, restyle: restyle)
}
