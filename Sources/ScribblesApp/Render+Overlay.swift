import ScribblesText
import ScribblesVault

func renderOverlay(_ overlay: Overlay, _ state: AppState, _ screen: inout ScreenBuffer) {
    let rows: [(String, String, Style)]
    let title: String
    var selection: Int? = nil
    var scroll = 0
    switch overlay {
    case .help(let top):
        title = "Keys"
        rows = Keymap.help.map { $0.keys.isEmpty ? ("", $0.action, Style(.accent, .bold)) : ($0.keys, $0.action, Style(.text)) }
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
