import ScribblesLayout
import ScribblesText

/// Where the cells of a laid-out line land on screen when wide blocks are scrolled sideways.
struct Sideways {
    let regions: [WideRegion]
    let offset: Int

    init(_ note: RenderedNote, offset: Int) {
        regions = note.wide
        self.offset = offset
    }

    /// The wide region holding `line`, if any (regions are in line order).
    func region(of line: Int) -> WideRegion? {
        var low = 0, high = regions.count
        while low < high {
            let middle = (low + high) / 2
            if regions[middle].lines.upperBound <= line { low = middle + 1 } else { high = middle }
        }
        return low < regions.count && regions[low].lines.contains(line) ? regions[low] : nil
    }

    /// How far `region` is scrolled (no further than its own end).
    func shift(_ region: WideRegion) -> Int { min(offset, region.maxOffset) }

    /// The screen column of a line's column, nil when it is scrolled out of the window.
    func screenColumn(line: Int, _ column: Int) -> Int? {
        guard let region = region(of: line), column >= region.start else { return column }
        let shown = column - shift(region)
        return shown >= region.start && shown < region.start + region.visible ? shown : nil
    }

    /// The line's column under a screen column (the inverse, for clicks).
    func lineColumn(line: Int, _ screen: Int) -> Int {
        guard let region = region(of: line), screen >= region.start, screen < region.start + region.visible else { return screen }
        return screen + shift(region)
    }

    /// Draws one line: the part before the window as it is, the window, then the trailer, with
    /// `‹` and `›` where more is to the left or right.
    func draw(_ line: StyledLine, number: Int, x: Int, y: Int, width: Int, _ screen: inout ScreenBuffer) {
        guard let region = region(of: number) else {
            screen.put(line, x: x, y: y, limit: width)
            return
        }
        let shift = shift(region)
        let head = line.cells(0..<region.start)
        screen.put(head, x: x, y: y, limit: width)
        let window = line.cells((region.start + shift)..<(region.start + shift + region.visible))
        screen.put(window, x: x + region.start, y: y, limit: max(0, width - region.start))
        let after = x + region.start + region.visible
        screen.put(region.trailer, x: after, y: y, limit: max(0, x + width - after))
        let marker = Style(.marker, .bold)
        if shift > 0 { screen.put("‹", x: x + region.start - (region.trailer.spans.isEmpty ? 0 : 1), y: y, style: marker) }
        if line.width - region.start - shift > region.visible {
            screen.put("›", x: region.trailer.spans.isEmpty ? after - 1 : after, y: y, style: marker)
        }
    }
}
