import Foundation
import Testing
import ScribblesLayout
import ScribblesMarkdown
import ScribblesText

/// Renders every note of the real GitBook corpora in ../shared/corpora (skipped, with a
/// message, when that folder is absent).
@Suite("Real corpora")
struct CorporaTests {
    static let root = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpora")
    static let rawMarkers = [
        "<figure", "<a id=", "&#x20;", "\u{200C}", "{% hint", "{% endhint", "{% tabs", "{% tab ", "{% endtab",
        "{% code", "{% endcode", "{% embed", "{% endembed", "{% page-ref", "{% content-ref", "{% endcontent-ref",
        "{% file", "{% include", "{% swagger", "{% endswagger", "{% api-method", "{% openapi", "{% raw",
        "{% stepper", "{% step", "{% columns", "{% updates", "{% prompt", "{% if ", "{% code-tabs",
    ]

    @Test func everyNoteRendersWithoutRawMarkupOutsideCode() throws {
        guard FileManager.default.fileExists(atPath: Self.root.path) else {
            print("SKIPPED: real corpora not found at \(Self.root.path); the corpus test needs ../shared beside the clone")
            return
        }
        let files = markdownFiles(under: Self.root)
        #expect(files.count > 500)
        for file in files {
            let bytes = try [UInt8](Data(contentsOf: Self.root.appendingPathComponent(file)))
            let note = layout(MarkdownParser.parse(bytes), width: 80)
            #expect(!note.lines.isEmpty || bytes.isEmpty, "\(file) rendered nothing")
            for (index, line) in note.lines.enumerated() {
                #expect(line.width <= 80, "\(file):\(index) is \(line.width) cells wide")
                let outsideCode = line.spans.filter { $0.style.role != .code && $0.style.role != .codeBlock }
                    .map(\.text).joined()
                #expect(!outsideCode.contains("\u{1B}"), "\(file):\(index) holds ESC")
                for marker in Self.rawMarkers where outsideCode.contains(marker) {
                    Issue.record("\(file):\(index) shows raw \(marker): \(outsideCode)")
                }
            }
        }
    }
}
