import ArgumentParser
import ScribblesHighlight
import ScribblesText
import ScribblesTerminal
import ScribblesLayout
import ScribblesMarkdown
import ScribblesVault
#if canImport(Glibc)
import Glibc
#endif

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render", abstract: "Print a note laid out for the terminal.",
        discussion: """
        Colour is on with --color auto when standard output is a terminal, NO_COLOR is unset \
        and TERM is not "dumb". With colour on, external links are OSC 8 hyperlinks.
        """
    )

    @Argument(help: "The Markdown note to render.", completion: .file(extensions: ["md", "markdown"]))
    var file: String

    @Option(name: .shortAndLong, help: "Line width in terminal cells (default: the terminal's, else 80).")
    var width: Int?

    @Option(help: "When to use colour: auto, always or never.")
    var color: ColorChoice = .auto

    @Flag(help: "Show code in one colour (code is coloured by its language when colour is on).")
    var noHighlight = false

    @Flag(help: "Do not open the note's collection (page-ref cards then show paths, not titles).")
    var noVault = false

    func validate() throws {
        if let width, width < 1 { throw ValidationError("--width must be at least 1 (got \(width)).") }
    }

    func run() throws {
        var stopwatch = Stopwatch()
        let bytes = try NoteFile.read(file)
        stopwatch.lap("read")
        var document = MarkdownParser.parse(bytes) { stopwatch.lap($0) }
        stopwatch.lap("anchors")
        // The collection is opened only when something in the note needs it: a card's title,
        // a mention's title or an include.
        // Whose note it is decides a little: in a GitBook collection a page without an opening
        // H1 is titled by its SUMMARY entry, and front-matter properties are not shown.
        let dialect = noVault ? Dialect.plain : (try? VaultLocator.locate(file))?.dialect ?? .plain
        let needsTitle = dialect == .gitbook && document.titleHeadingIndex == nil && document.frontMatter.title == nil
        let needsVault = !noVault && (needsTitle || NoteLinks.showsFromCollection(document))
        let links = needsVault ? NoteContext(file: file) : nil
        if let links { document = links.expandingIncludes(document) }
        stopwatch.lap("vault")
        let terminal = Terminal.current
        // A note without an H1 is titled by its front-matter title, else its file name.
        let title = links?.title ?? document.frontMatter.title ?? VaultIndex.noteName(file)
        let palette = color.enabled(for: terminal)
        // Colour code only where colour is shown (plain text has no use for it).
        let highlight: ((String, String) -> [[SyntaxToken]]?)? = palette == nil || noHighlight ? nil
            : { SyntaxHighlighter.shared.highlight($1, language: $0) }
        let rendered = layout(document, width: width ?? terminal.width ?? 80,
                              cardInfo: { links?.card($0) }, mentionTitle: { links?.title($0) }, highlight: highlight,
                              options: LayoutOptions(title: title, showsProperties: dialect != .gitbook))
        stopwatch.lap("layout")
        // Colours follow the config file's theme (its problems are `scribbles config`'s to report).
        if palette != nil { Theme.configure(UserConfig.load().theme) }
        let writer = ANSIWriter(colors: palette)
        var output = StandardOutput()
        for chunk in writer.text(rendered) { output.write(chunk) }
        output.flush()
        stopwatch.lap("write")
        stopwatch.report()
        // The note's trees can be large; the process ends here, so skip tearing them down.
        withExtendedLifetime((document, rendered)) { Glibc.exit(0) }
    }
}

enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never

    func enabled(for terminal: Terminal) -> ANSIWriter.Palette? {
        switch self {
        case .never: return nil
        case .always: return terminal.palette ?? .basic
        case .auto: return terminal.colorAllowed && terminal.isTTY ? terminal.palette : nil
        }
    }
}
