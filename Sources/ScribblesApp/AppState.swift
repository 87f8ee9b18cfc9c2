import ScribblesLayout
import ScribblesMarkdown
import ScribblesSearch
import ScribblesText
import ScribblesVault

/// Which pane takes keys.
public enum Focus: Hashable, Sendable { case list, reader, searchInput, searchHits }

/// What the left pane shows.
public enum SidePane: Hashable, Sendable { case contents, search }

/// A page in the history, with where it was scrolled to.
public struct Visit: Hashable, Sendable {
    public var path: String
    public var scroll: Int
}

/// The table of contents pane.
public struct ListState: Sendable {
    public var entries: [TOCEntry] = []
    public var selection = 0
    public var scroll = 0
}

/// The search pane: the query line and its hits.
public struct SearchState: Sendable {
    public var query = ""
    /// Bumped on every change of the query; results of an older generation are dropped.
    public var generation = 0
    public var hits: [SearchHit] = []
    /// Words the hits also matched in place of mistyped ones, shown as "also: …".
    public var corrections: [String] = []
    public var selection = 0
    public var scroll = 0
    public var pending = false
}

/// Where a note should open once it has loaded.
public enum OpenTarget: Hashable, Sendable {
    case top
    case scroll(Int)
    case anchor(String)
    /// A search hit: under this heading, at the first match of the highlighted words.
    case match(heading: String?)
}

/// A match of the searched words in the laid-out note. Columns are cells, `end` exclusive.
public struct MatchRegion: Hashable, Sendable {
    public var line: Int
    public var start: Int
    public var end: Int
}

/// The reader pane: the open note laid out at the pane's width.
public struct ReaderState: Sendable {
    public var note: LoadedNote?
    public var rendered = RenderedNote(width: 0)
    public var scroll = 0
    /// Index into `linkGroups`.
    public var selectedLink: Int?
    /// Link regions grouped per link (a link wrapped over two lines is one link).
    public var linkGroups: [[Int]] = []
    /// Words from the search that opened the note, highlighted in it.
    public var matchWords: [String] = []
    public var matches: [MatchRegion] = []
    public var currentMatch: Int?
    /// `f` mode: the digits typed so far (nil when off).
    public var linkHint: String?
    /// The note being loaded, and where to open it.
    public var loading: String?
    public var target: OpenTarget = .top
    /// The load in flight re-reads the open note (keep history, selection and matches).
    public var isReload = false
    /// Foldable callouts (by number) the reader opened or closed, against how they were written.
    public var toggledCallouts: Set<Int> = []
    /// How far code blocks and tables wider than the pane are scrolled sideways (cells; all
    /// together, each no further than its own end).
    public var sideways = 0
}

/// An overlay over the panes.
public enum Overlay: Hashable, Sendable {
    case help(scroll: Int)
    case outline(selection: Int)
    case backlinks(path: String, items: [Backlink]?, selection: Int)
    /// The quick switcher (`t`); its query and hits are in `AppState.switcher`.
    case switcher
    /// Every tag of the collection with its count (`#`); nil while they are being gathered.
    case tags(items: [TagCount]?, selection: Int)
}

/// A message in the status line until the next key.
public struct StatusMessage: Hashable, Sendable {
    public var text: String
    public var isError: Bool
}

/// Everything the screen shows, as a value. `update` changes it; `render` draws it.
public struct AppState: Sendable {
    public var width: Int
    public var height: Int
    public var collectionTitle = ""
    public var resolver = LinkResolver(index: VaultIndex())
    /// Whether the collection's files are known (links resolve, the contents are listed).
    public var isCollectionReady = false
    public var focus: Focus = .reader
    public var side: SidePane = .contents
    /// The user's `\` choice; nil follows the width (shown from 60 columns).
    public var listShown: Bool?
    public var list = ListState()
    public var search = SearchState()
    public var reader = ReaderState()
    public var back: [Visit] = []
    public var forward: [Visit] = []
    public var overlay: Overlay?
    public var switcher = SwitcherState()
    public var message: StatusMessage?
    public var indexProgress: (done: Int, total: Int)?
    /// Whether the search index has been brought up to date once (tags and hits are whole).
    public var isIndexed = false
    /// Keys the config file binds to actions: each acts as the action's default key.
    public var keyBindings: [Key: Key] = [:]
    /// Tokens of a code block already highlighted (language, code); nil keeps code plain. Never
    /// highlights itself: layout runs on the UI loop, the note's loader highlights.
    public var highlight: (@Sendable (String, String) -> [[SyntaxToken]]?)?
    /// The list pane's width from the config file (nil: a third of the screen, at least 24).
    public var listWidth: Int?
    /// Descriptions read so far ("" when a note has none), for the status line.
    public var descriptions: [String: String] = [:]

    public init(width: Int, height: Int) {
        self.width = max(1, width)
        self.height = max(1, height)
    }

    /// Whether the list (or search) pane is on screen.
    public var isListVisible: Bool { listShown ?? (width >= 60) }

    /// Below 60 columns the list, when shown, takes the whole width.
    public var isNarrow: Bool { width < 60 }

    /// The path of the open note.
    public var currentPath: String? { reader.note?.path }
}
