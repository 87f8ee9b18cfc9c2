import Foundation
@testable import ScribblesApp
import ScribblesLayout
import ScribblesMarkdown
import ScribblesSearch
import ScribblesText
@testable import ScribblesVault

/// A small in-memory collection, and a driver that answers `loadNote` at once, so `update`
/// can be tested without a runtime.
enum Fixture {
    static let filler = (1...60).map { "Line \($0) of filler text that keeps the page long enough to scroll." }.joined(separator: "\n\n")

    static let notes: [String: String] = [
        "README.md": """
            # Home

            Welcome. See [Alpha](alpha.md) and [the second part](beta.md#second).

            {% page-ref page="alpha.md" %}

            A [broken](missing.md) link and [a site](https://example.org/page).

            \(filler)

            The end has a [last link](beta.md).
            """,
        "alpha.md": """
            ---
            description: The first note of the fixture.
            ---
            # Alpha

            Alpha talks about the flywheel early.

            \(filler)

            ## Part two

            The flywheel again, and flywheels, near the end.
            """,
        "beta.md": """
            # Beta

            ## First

            Short first part, back to [[alpha]].

            \(filler)

            ## Second

            The second part.
            """,
        "many.md": "# Many\n\n" + (1...12).map { "[link \($0)](alpha.md)" }.joined(separator: " ") + "\n",
        "wide.md": """
            # Wide

            ```
            short line
            \((0..<12).map { "column\($0)" }.joined(separator: " ")) END
            ```

            | First heading here | Second heading here | Third heading here | Fourth heading |
            |---|---|---|---|
            | one | two | [three](beta.md) | four |
            """,
    ]

    static var index: VaultIndex {
        var index = VaultIndex()
        for path in notes.keys { index.add(.init(path: path, fsPath: Array(("/fixture/" + path).utf8), isNote: true)) }
        index.finish()
        return index
    }

    static var collection: Collection {
        let toc: [TOCEntry] = [
            TOCEntry(kind: .page("README.md"), title: "Home", depth: 0),
            TOCEntry(kind: .group, title: "Notes", depth: 0),
            TOCEntry(kind: .page("alpha.md"), title: "Alpha", depth: 0),
            TOCEntry(kind: .page("beta.md"), title: "Beta", depth: 1),
            TOCEntry(kind: .separator, title: "", depth: 0),
            TOCEntry(kind: .page("many.md"), title: "Many", depth: 0),
            TOCEntry(kind: .external("https://example.org"), title: "Website", depth: 0),
        ]
        return Collection(title: "Fixture", toc: toc, resolver: LinkResolver(index: index), home: "README.md")
    }

    static func loaded(_ path: String) -> LoadedNote {
        let document = MarkdownParser.parse(notes[path] ?? "")
        let title = PlainText.of(document).title
        return LoadedNote(path: path, document: document, title: title, description: document.frontMatter.description,
                          cards: ["alpha.md": CardInfo(title: "Alpha", description: "The first note of the fixture.")])
    }

    /// A state with the collection adopted and `note` open.
    static func state(width: Int = 100, height: Int = 30, note: String = "README.md") -> AppState {
        var state = AppState(width: width, height: height)
        _ = send(&state, .collectionOpened(collection))
        _ = send(&state, .launched(note, .top))
        return state
    }

    /// Applies `event`; `loadNote` effects are answered immediately (by `answer`, else from
    /// this fixture's notes). Returns every other effect.
    @discardableResult
    static func send(_ state: inout AppState, _ event: Event, answer: ((String) -> Event)? = nil) -> [Effect] {
        var pending = [event]
        var effects: [Effect] = []
        while !pending.isEmpty {
            for effect in update(&state, pending.removeFirst()) {
                if case .loadNote(let path) = effect {
                    pending.append(answer?(path)
                        ?? (notes[path] == nil ? .noteFailed(path: path, message: "\(path): missing") : .noteLoaded(loaded(path))))
                } else {
                    effects.append(effect)
                }
            }
        }
        return effects
    }

    @discardableResult
    static func keys(_ state: inout AppState, _ keys: Key...) -> [Effect] {
        keys.flatMap { send(&state, .key($0)) }
    }

    static func hit(_ path: String, heading: String? = nil, words: [String]) -> SearchHit {
        var snippet = StyledLine()
        for word in words { snippet.append("… ", .plain); snippet.append(word, Style(.match)) }
        return SearchHit(path: path, title: path, score: 1, heading: heading, line: 1, snippet: snippet)
    }
}
