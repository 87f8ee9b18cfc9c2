import ScribblesMarkdown
import ScribblesSearch
import ScribblesVault
import ScribblesLayout

/// A key as the app sees it, whatever the terminal sent.
public enum Key: Hashable, Sendable {
    case character(Character)
    /// Ctrl plus a letter, lower case (`control("l")` is Ctrl-L).
    case control(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case enter, tab, backTab, backspace, escape, delete
}

/// A mouse action at a cell.
public struct MouseEvent: Hashable, Sendable {
    /// `wheelLeft` and `wheelRight` are Shift with the wheel.
    public enum Kind: Hashable, Sendable { case wheelUp, wheelDown, wheelLeft, wheelRight, click }
    public var kind: Kind
    public var x: Int
    public var y: Int

    public init(_ kind: Kind, x: Int, y: Int) {
        self.kind = kind
        self.x = x
        self.y = y
    }
}

/// An opened collection, as far as the pure app needs it: nothing here touches the disk.
public struct Collection: Sendable {
    public var title: String
    public var toc: [TOCEntry]
    public var resolver: LinkResolver
    /// The note to open when there is nothing else to open (README or the first listed).
    public var home: String?
    /// False for the stand-in shown while the collection is still being opened.
    public var isComplete: Bool

    public init(title: String, toc: [TOCEntry], resolver: LinkResolver, home: String?, isComplete: Bool = true) {
        self.title = title
        self.toc = toc
        self.resolver = resolver
        self.home = home
        self.isComplete = isComplete
    }
}

/// A note read and parsed off the UI loop, with what its cards and mentions show.
public struct LoadedNote: Sendable {
    public var path: String
    public var document: Document
    public var title: String
    public var description: String?
    /// Page-ref/content-ref destination → the target's title and description.
    public var cards: [String: CardInfo]
    /// Mention destination → the target's title.
    public var mentions: [String: String]
    /// Whether its front-matter properties show under the title (not in GitBook collections).
    public var showsProperties: Bool

    public init(path: String, document: Document, title: String, description: String?,
                cards: [String: CardInfo] = [:], mentions: [String: String] = [:], showsProperties: Bool = true) {
        self.path = path
        self.document = document
        self.title = title
        self.description = description
        self.cards = cards
        self.mentions = mentions
        self.showsProperties = showsProperties
    }
}

extension LoadedNote {
    /// Whether what the note shows comes partly from its collection: card titles, mention
    /// titles, includes, note embeds, or (in a GitBook collection) the title of a page
    /// without an opening H1. A note read before the collection opened is read again then.
    public var needsCollection: Bool {
        if !showsProperties, document.titleHeadingIndex == nil, document.frontMatter.title == nil { return true }
        return NoteLinks.showsFromCollection(document)
    }
}

/// Something that happened: a key, a resize, or work finished off the UI loop.
public enum Event: Sendable {
    case key(Key)
    case mouse(MouseEvent)
    case resized(width: Int, height: Int)
    case collectionOpened(Collection)
    /// The app was started on this note (a session restored, a path given, the home page).
    case launched(String, OpenTarget)
    case noteLoaded(LoadedNote)
    case noteFailed(path: String, message: String)
    /// Hits of a search, and the corrections it also matched (mistyped words).
    case searchFinished(generation: Int, hits: [SearchHit], also: [String] = [])
    case indexProgress(done: Int, total: Int)
    case indexFinished(notes: Int)
    case backlinksFound(path: String, [Backlink])
    /// A note's front-matter description, for the status line (nil: it has none).
    case described(String, String?)
    /// The collection finished opening after `note` was shown from the disk alone: the note
    /// is read again if what it shows needs the collection (cards, includes, embeds, a title).
    case collectionCompleted(note: String)
    /// Files under the root changed on disk; `structure` when notes were added or removed.
    case filesChanged(paths: Set<String>, structure: Bool)
    case externalFailed(String)
    /// The collection's tags, for the `#` overlay.
    case tagsFound([TagCount])
    /// The editor `e` started has ended (the note is read again).
    case edited(path: String)
}

/// Work the runtime does for the app; its results come back as events.
public enum Effect: Hashable, Sendable {
    case loadNote(String)
    case search(generation: Int, query: String)
    case findBacklinks(String)
    /// Gathers the collection's tags with their counts (from the search index).
    case findTags
    /// Reads a note's description for the status line.
    case describe(String)
    /// Opens a URL or file with `$BROWSER` or `xdg-open`, as an argument vector.
    case openExternal(String)
    /// Opens a file of the collection (an image, a PDF) the same way, by root-relative path.
    case openFile(String)
    /// Hands the terminal to `$VISUAL`/`$EDITOR` on the note, at the line the hint finds;
    /// `.edited` follows when it ends.
    case edit(path: String, near: SourceHint)
    /// Reopens the collection (its table of contents and files) and refreshes the index.
    case reopenCollection
    /// Remembers the open note and its position for the next visit.
    case saveSession(path: String, line: Int)
    case quit
}
