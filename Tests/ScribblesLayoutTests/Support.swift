import Foundation
import ScribblesLayout
import ScribblesMarkdown
import ScribblesText

/// The package root, found from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

func render(_ markdown: String, width: Int, cardInfo: @escaping (String) -> CardInfo? = { _ in nil }) -> RenderedNote {
    layout(MarkdownParser.parse(markdown), width: width, cardInfo: cardInfo)
}

func rows(_ note: RenderedNote) -> [String] { note.lines.map(\.plainText) }

/// A snapshot text: rows between bars (trailing spaces show), then the style runs.
func snapshot(_ note: RenderedNote) -> String {
    var out = "width \(note.width)\n"
    for line in note.lines { out += "|" + line.plainText + "|\n" }
    out += "-- styles\n"
    for (index, line) in note.lines.enumerated() {
        var column = 0
        var runs: [String] = []
        for span in line.spans {
            let w = span.width
            if span.style != .plain { runs.append("\(column)-\(column + w) \(describe(span.style))") }
            column += w
        }
        if !runs.isEmpty { out += "\(index): " + runs.joined(separator: ", ") + "\n" }
    }
    out += "-- links\n"
    for link in note.links {
        out += "\(link.line):\(link.start)-\(link.end) \(link.target.kind.rawValue) \(link.target.destination)\n"
    }
    out += "-- anchors\n"
    for entry in note.outline { out += "\(entry.line) h\(entry.level) #\(entry.anchor)\n" }
    return out
}

func describe(_ style: Style) -> String {
    var text = "\(style.role)"
    if style.emphasis.contains(.bold) { text += "+b" }
    if style.emphasis.contains(.italic) { text += "+i" }
    if style.emphasis.contains(.strike) { text += "+s" }
    if style.emphasis.contains(.underline) { text += "+u" }
    return text
}

/// Markdown files under `folder`, relative to it, sorted.
func markdownFiles(under folder: URL) -> [String] {
    guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
    var files: [String] = []
    for case let url as URL in walker where url.pathExtension == "md" {
        files.append(String(url.path.dropFirst(folder.path.count + 1)))
    }
    return files.sorted()
}
