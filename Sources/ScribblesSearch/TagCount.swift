import GRDB

/// A tag of the collection and how many notes hold it or a tag nested under it
/// (`project` counts the notes tagged `project/alpha` too). Nested tags follow their parent.
public struct TagCount: Hashable, Sendable {
    /// The whole tag (`project/alpha`), as most notes spell it.
    public var name: String
    public var count: Int
    /// 0 for a top-level tag, 1 for `a/b`, …
    public var depth: Int
    /// The part after the last `/`.
    public var leaf: String { name.split(separator: "/").last.map(String.init) ?? name }

    public init(name: String, count: Int, depth: Int) {
        self.name = name
        self.count = count
        self.depth = depth
    }

    /// The tags of `notes` (each note's tags), grouped case-insensitively, each parent
    /// before its children, siblings by name. A parent nobody wrote is listed for its children.
    public static func group(_ notes: [[String]]) -> [TagCount] {
        var counts: [String: Int] = [:]
        var spellings: [String: [String: Int]] = [:]
        for tags in notes {
            var prefixes: Set<String> = []
            for tag in tags {
                let parts = tag.split(separator: "/", omittingEmptySubsequences: true)
                guard !parts.isEmpty else { continue }
                for end in 1...parts.count {
                    let spelled = parts[..<end].joined(separator: "/")
                    let key = spelled.lowercased()
                    if prefixes.insert(key).inserted { counts[key, default: 0] += 1 }
                    spellings[key, default: [:]][spelled, default: 0] += 1
                }
            }
        }
        func spelled(_ key: String) -> String {
            spellings[key]?.max { $0.value < $1.value || ($0.value == $1.value && $0.key < $1.key) }?.key ?? key
        }
        // Sorting the keys part by part puts each parent right before its children.
        let keys = counts.keys.sorted { a, b in
            a.split(separator: "/").lexicographicallyPrecedes(b.split(separator: "/"))
        }
        return keys.map { TagCount(name: spelled($0), count: counts[$0]!, depth: $0.split(separator: "/").count - 1) }
    }
}

extension SearchIndex {
    /// Every tag of the indexed notes (front matter and inline), grouped (`TagCount.group`).
    public func tagCounts() -> [TagCount] {
        let stored = (try? writer.read { db in try String.fetchAll(db, sql: "SELECT tags FROM notes_fts WHERE tags != ''") }) ?? []
        return TagCount.group(stored.map(Self.tags(fromColumn:)))
    }

    /// A note's tags as the `tags` column holds them: a line per tag, the tag with `/` as
    /// spaces (so its parts match as words), a space, then the tag as written.
    static func tagsColumn(_ tags: [String]) -> String {
        tags.map { $0.replacing("/", with: " ") + " " + $0 }.joined(separator: "\n")
    }

    /// The tags of a `tags` column (`tagsColumn` undone): each line's second half, counted in
    /// bytes, since `/` and the space are one byte each whatever the tag holds.
    static func tags(fromColumn column: String) -> [String] {
        column.split(separator: "\n").map { (line: Substring) -> String in
            let bytes = Array(line.utf8)
            return String(decoding: bytes.suffix((bytes.count - 1) / 2), as: UTF8.self)
        }
    }
}
