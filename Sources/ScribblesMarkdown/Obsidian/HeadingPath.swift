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
        /// Where each heading's section ends (the next heading of its level or higher).
        var sectionEnds: [Int] = []
        /// Heading indices by key, in order: a look-up instead of a scan per link.
        var byKey: [String: [Int]] = [:]
        var byLooseKey: [String: [Int]] = [:]
        /// Each heading's anchor.
        public private(set) var anchors: [String] = []

        public init(_ headings: [Heading]) {
            var open: [Int] = []
            sectionEnds = Array(repeating: headings.count, count: headings.count)
            for (index, heading) in headings.enumerated() {
                levels.append(heading.level)
                anchors.append(heading.anchor)
                byKey[HeadingPath.key(heading.text), default: []].append(index)
                byLooseKey[HeadingPath.loose(heading.text), default: []].append(index)
                while let last = open.last, levels[last] >= heading.level {
                    sectionEnds[last] = index
                    open.removeLast()
                }
                open.append(index)
            }
        }

        public var isEmpty: Bool { levels.isEmpty }

        /// The index of the heading `fragment` names, or nil: `A#B` is a heading B inside
        /// A's section (before the next heading of A's level or higher).
        public func find(_ fragment: String) -> Int? {
            let parts = Self.parts(fragment)
            guard !parts.isEmpty else { return nil }
            return walk(parts.map(HeadingPath.key), byKey) ?? walk(parts.map(HeadingPath.loose), byLooseKey)
        }

        /// Like `find`, but B need only come after A and be deeper (Obsidian's navigation is
        /// this lenient); for following links, not for checking them.
        public func findLeniently(_ fragment: String) -> Int? {
            if let strict = find(fragment) { return strict }
            let wanted = Self.parts(fragment).map(HeadingPath.key)
            guard let first = wanted.first, var current = byKey[first]?.first else { return nil }
            for part in wanted.dropFirst() {
                guard let candidates = byKey[part],
                      let next = candidates[Self.firstAfter(current, in: candidates)...].prefix(64).first(where: { levels[$0] > levels[current] })
                else { return nil }
                current = next
            }
            return current
        }

        private static func parts(_ fragment: String) -> [String] {
            fragment.split(separator: "#").map(String.init).filter { !HeadingPath.key($0).isEmpty }
        }

        /// The first heading that completes the path inside its parents' sections; each part is
        /// a look-up and a halving search. At most 16 starts are tried.
        private func walk(_ wanted: [String], _ index: [String: [Int]]) -> Int? {
            guard let starts = index[wanted[0]] else { return nil }
            for start in starts.prefix(16) {
                var current = start
                var matched = true
                for part in wanted.dropFirst() {
                    guard let candidates = index[part] else { return nil }
                    let position = Self.firstAfter(current, in: candidates)
                    guard position < candidates.count, candidates[position] < sectionEnds[current] else { matched = false; break }
                    current = candidates[position]
                }
                if matched { return current }
            }
            return nil
        }

        /// The position in sorted `candidates` of the first one greater than `index`.
        private static func firstAfter(_ index: Int, in candidates: [Int]) -> Int {
            var low = 0, high = candidates.count
            while low < high {
                let middle = (low + high) / 2
                if candidates[middle] <= index { low = middle + 1 } else { high = middle }
            }
            return low
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
