/// Obsidian's way of naming a heading in a link: `#Heading`, `#A#B` (B under A).
///
/// A part matches a heading when both are equal after Obsidian's `stripHeading` (each of
/// ``!"#$%&()*+,.:;<=>?@^`{|}~/[]\`` and line breaks becomes a space, spaces collapse, ends
/// trimmed) and lower-casing; failing that, when their letters and digits alone are equal.
/// The parts are found in order, each in a heading deeper than the one before; the first
/// heading that completes the path wins.
public enum HeadingPath {
    public struct Heading: Hashable, Sendable {
        public var level: Int
        public var text: String
        /// The heading's anchor (explicit id or slug), what a reader scrolls to.
        public var anchor: String

        public init(level: Int, text: String, anchor: String = "") {
            self.level = level
            self.text = text
            self.anchor = anchor
        }
    }

    /// A note's headings with their match keys computed once (a check resolves many links
    /// into one note).
    public struct Table: Hashable, Sendable {
        var levels: [Int] = []
        var keys: [String] = []
        var looseKeys: [String] = []
        /// Each heading's anchor.
        public private(set) var anchors: [String] = []

        public init(_ headings: [Heading]) {
            for heading in headings {
                levels.append(heading.level)
                anchors.append(heading.anchor)
                keys.append(HeadingPath.key(heading.text))
                looseKeys.append(HeadingPath.loose(heading.text))
            }
        }

        public var isEmpty: Bool { levels.isEmpty }

        /// The index of the heading `fragment` names, or nil: `A#B` is a heading B inside
        /// A's section (before the next heading of A's level or higher).
        public func find(_ fragment: String) -> Int? {
            let parts = fragment.split(separator: "#").map(String.init).filter { !HeadingPath.key($0).isEmpty }
            guard !parts.isEmpty else { return nil }
            return walk(parts.map(HeadingPath.key), keys) ?? walk(parts.map(HeadingPath.loose), looseKeys)
        }

        /// Like `find`, but B need only come after A and be deeper (Obsidian's navigation is
        /// this lenient); for following links, not for checking them.
        public func findLeniently(_ fragment: String) -> Int? {
            if let strict = find(fragment) { return strict }
            let parts = fragment.split(separator: "#").map(String.init).filter { !HeadingPath.key($0).isEmpty }
            guard !parts.isEmpty else { return nil }
            var part = 0
            var level = 0
            let wanted = parts.map(HeadingPath.key)
            for index in keys.indices where keys[index] == wanted[part] && levels[index] > level {
                if part == wanted.count - 1 { return index }
                level = levels[index]
                part += 1
            }
            return nil
        }

        /// The first heading that completes the path inside its parents' sections. At most 16
        /// starts are tried, so a note of many equal headings stays cheap.
        private func walk(_ wanted: [String], _ keys: [String]) -> Int? {
            var starts = 0
            for start in keys.indices where keys[start] == wanted[0] {
                if wanted.count == 1 { return start }
                starts += 1
                if starts > 16 { return nil }
                var current = start
                var matched = true
                for part in wanted.dropFirst() {
                    let level = levels[current]
                    var next: Int? = nil
                    var index = current + 1
                    while index < keys.count, levels[index] > level {
                        if keys[index] == part { next = index; break }
                        index += 1
                    }
                    guard let next else { matched = false; break }
                    current = next
                }
                if matched { return current }
            }
            return nil
        }
    }

    /// The index of the heading `fragment` names in `headings`, or nil.
    public static func find(_ fragment: String, in headings: [Heading]) -> Int? {
        Table(headings).find(fragment)
    }

    private static let stripped: Set<Character> = Set("!\"#$%&()*+,.:;<=>?@^`{|}~/[]\\\r\n")

    /// Obsidian's `stripHeading`, lower-cased.
    public static func key(_ text: String) -> String {
        var out = ""
        var space = false
        for character in text.lowercased() {
            if stripped.contains(character) || character.isWhitespace {
                space = !out.isEmpty
            } else {
                if space { out.append(" ") }
                space = false
                out.append(character)
            }
        }
        return out
    }

    /// Letters and digits only, lower-cased.
    static func loose(_ text: String) -> String {
        String(text.lowercased().filter { $0.isLetter || $0.isNumber })
    }
}
