import ScribblesText

/// Where each part of the screen goes at the current size. Columns and rows are cells.
public struct Panes: Hashable, Sendable {
    /// The top line: the app and collection name, key hints.
    public var header: Rect
    /// The list or search pane, frame included (empty when hidden).
    public var side: Rect
    /// Inside the side pane's frame.
    public var sideInner: Rect
    /// The note's text.
    public var reader: Rect
    /// The bottom line.
    public var status: Rect

    public init(_ state: AppState) {
        let width = state.width, height = state.height
        header = Rect(x: 0, y: 0, width: width, height: height >= 3 ? 1 : 0)
        status = Rect(x: 0, y: height - 1, width: width, height: height >= 2 ? 1 : 0)
        let top = header.height
        let bodyHeight = max(0, height - header.height - status.height)
        var sideWidth = 0
        if state.isListVisible {
            sideWidth = state.isNarrow ? width : min(state.listWidth.map { max(12, $0) } ?? max(24, width / 3), width - 20)
        }
        side = Rect(x: 0, y: top, width: sideWidth, height: bodyHeight)
        let framed = sideWidth >= 8 && bodyHeight >= 3
        sideInner = framed ? side.inset(1) : side
        let readerX = sideWidth > 0 ? sideWidth + 1 : 1
        reader = Rect(x: readerX, y: top, width: max(0, width - readerX - 1), height: sideWidth == width ? 0 : bodyHeight)
    }

    /// The width notes are laid out at (at least one cell, so layout always has room).
    public var layoutWidth: Int { max(1, reader.width) }
}
