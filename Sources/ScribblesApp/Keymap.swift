/// Every key of the interface, as the help overlay lists it.
public enum Keymap {
    public struct Entry: Hashable, Sendable {
        public var keys: String
        public var action: String
    }

    /// A heading row has empty keys.
    public static let help: [Entry] = [
        Entry(keys: "", action: "Reading"),
        Entry(keys: "j k ↓ ↑", action: "scroll a line (move in lists)"),
        Entry(keys: "Space PgDn  b PgUp", action: "page down / up"),
        Entry(keys: "d u", action: "half a page down / up"),
        Entry(keys: "g G", action: "top / bottom"),
        Entry(keys: "Tab Shift-Tab", action: "select the next / previous link"),
        Entry(keys: "Enter", action: "follow the link, open the entry or hit"),
        Entry(keys: "f", action: "number the visible links; type one to follow"),
        Entry(keys: "x", action: "open the selected URL or file ($BROWSER)"),
        Entry(keys: "Backspace H", action: "back"),
        Entry(keys: "L", action: "forward"),
        Entry(keys: "] [", action: "next / previous page of the contents"),
        Entry(keys: "o", action: "outline: jump to a heading"),
        Entry(keys: "B", action: "backlinks: notes linking here"),
        Entry(keys: "", action: "Panes"),
        Entry(keys: "h ←  l →", action: "focus the list / the reader"),
        Entry(keys: "\\", action: "show or hide the list"),
        Entry(keys: "/", action: "search the collection as you type"),
        Entry(keys: "↓ ↑ Tab", action: "in the query: move in the hits, go to them"),
        Entry(keys: "n N", action: "next / previous match in the note"),
        Entry(keys: "Esc", action: "back to the contents; clear a selection"),
        Entry(keys: "", action: "Other"),
        Entry(keys: "r", action: "reload the note and the collection"),
        Entry(keys: "?", action: "this help"),
        Entry(keys: "q", action: "quit (the position is remembered)"),
        Entry(keys: "mouse", action: "wheel scrolls, click selects or follows"),
    ]
}
