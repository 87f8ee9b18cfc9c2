import Yams

/// The YAML front matter of a note, read with Yams. A block that fails to parse is hidden.
public struct FrontMatter: Hashable, Sendable {
    public var description: String?
    public var title: String?
    public var isHidden: Bool = false
    public var isTitleVisible: Bool = true
    public var isDescriptionVisible: Bool = true
    public var cover: String?
    /// True when a front-matter block was present but was not valid YAML.
    public var isMalformed: Bool = false
    /// Obsidian's `aliases` (or `alias`): other names of the note, which `[[alias]]` finds.
    public var aliases: [String] = []
    /// `tags` (or `tag`), without `#`.
    public var tags: [String] = []
    /// The other properties, in the order written, for the properties line under the title.
    /// Presentational keys (title, description, layout, cover, …) are not among them.
    public var properties: [Property] = []

    /// One front-matter property: a key and its values, each as inlines (a `"[[note]]"`
    /// value is a wikilink that knows where it was written).
    public struct Property: Hashable, Sendable {
        public var key: String
        public var values: [[Inline]]
    }

    /// Keys that change how a page is presented rather than saying something about it.
    static let presentational: Set<String> = [
        "title", "description", "subtitle", "layout", "cover", "covery", "coverheight", "hidden", "icon", "cssclasses",
        "cssclass", "publish", "permalink", "slug", "tags", "tag", "aliases", "alias", "position",
    ]

    public init() {}

    /// Splits `source` into its front matter and the body that follows.
    ///
    /// Front matter is `---` on the very first line up to a line of `---` or `...`.
    /// Returns the body and the number of lines before it.
    public static func split(_ source: Substring) -> (yaml: Substring?, body: Substring, bodyLine: Int) {
        guard source.hasPrefix("---") else { return (nil, source, 0) }
        var lines = 0
        var index = source.startIndex
        var yamlStart: Substring.Index?
        while index < source.endIndex {
            let lineEnd = source[index...].firstIndex(of: "\n") ?? source.endIndex
            var line = source[index..<lineEnd]
            if line.hasSuffix("\r") { line = line.dropLast() }
            let next = lineEnd < source.endIndex ? source.index(after: lineEnd) : lineEnd
            lines += 1
            if let start = yamlStart {
                if line == "---" || line == "..." {
                    return (source[start..<index], source[next...], lines)
                }
            } else {
                guard line.allSatisfy({ $0 == "-" }) && line.count == 3 else { return (nil, source, 0) }
                yamlStart = next
            }
            index = next
        }
        return (nil, source, 0)
    }

    /// Reads the keys Scribbles uses from a YAML text; invalid YAML gives `isMalformed`.
    /// `firstLine` is the file line the YAML starts on, for the positions of its wikilinks.
    public static func parse(_ yaml: Substring, firstLine: Int = 2) -> FrontMatter {
        var result = FrontMatter()
        // Budgets (GITBOOK.md §4: on an error, hide the block and carry on): the text is at
        // most 64 KB, and with its aliases expanded at most 10,000 values 64 deep. Composing
        // shares an alias's node, so it is linear; building values from it (and reading them)
        // is not, so the expanded size is counted first, stopping at the budget. A 362-byte
        // "billion laughs" would otherwise run for minutes and gigabytes.
        let node: Node?
        switch BoundedYAML.compose(String(yaml), maxBytes: maxBytes, maxValues: maxValues) {
        case .failure: result.isMalformed = true; return result
        case .success(let composed): node = composed
        }
        guard let node, case .mapping(let mapping) = node, let map = node.any as? [String: Any] else {
            result.isMalformed = node != nil
            return result
        }
        result.description = text(map["description"])
        result.title = text(map["title"])
        result.cover = text(map["cover"])
        result.isHidden = (map["hidden"] as? Bool) ?? false
        if let layout = map["layout"] as? [String: Any] {
            result.isTitleVisible = visible(layout["title"])
            result.isDescriptionVisible = visible(layout["description"])
        }
        var lines: [Substring]? = nil
        for (keyNode, value) in mapping {
            guard let key = keyNode.string else { continue }
            let lower = key.lowercased()
            let strings = scalars(value)
            switch lower {
            case "aliases", "alias":
                result.aliases += strings.map { Cleanup.removingArtifacts($0).trimmingWhitespace() }.filter { !$0.isEmpty }
            case "tags", "tag":
                for string in strings {
                    result.tags += string.split(whereSeparator: { $0 == "," || $0.isWhitespace }).compactMap { Tags.normalized(String($0)) }
                }
            default:
                guard !presentational.contains(lower), !strings.isEmpty else { continue }
                if lines == nil { lines = yaml.split(separator: "\n", omittingEmptySubsequences: false) }
                let values = valueNodes(value).map { inlines($0, lines: lines!, firstLine: firstLine) }
                result.properties.append(Property(key: key, values: values.filter { !$0.isEmpty }))
            }
        }
        return result
    }

    /// Front matter larger than this is not read.
    public static let maxBytes = 64 << 10
    /// Values (scalars, lists, maps, keys) front matter may hold once its aliases are expanded.
    public static let maxValues = 10_000
    /// The scalar strings of a value: itself, or the items of a list (nested lists flattened).
    private static func scalars(_ node: Node) -> [String] {
        valueNodes(node).compactMap(\.string)
    }

    private static func valueNodes(_ node: Node) -> [Node] {
        switch node {
        case .scalar(let scalar): return scalar.string.isEmpty || node.null != nil ? [] : [node]
        case .sequence(let sequence): return sequence.flatMap(valueNodes)
        case .mapping, .alias: return []
        }
    }

    /// A property value as inlines: its wikilinks found, each placed where it was written.
    private static func inlines(_ node: Node, lines: [Substring], firstLine: Int) -> [Inline] {
        guard let string = node.string else { return [] }
        let clean = Cleanup.removingArtifacts(string).trimmingWhitespace()
        guard clean.hasPrefix("[["), clean.hasSuffix("]]"), let mark = node.mark else { return clean.isEmpty ? [] : [.text(clean)] }
        // The mark is the value's first character (its quote, if quoted), counted in scalars.
        var position: SourcePosition? = nil
        if mark.line >= 1, mark.line <= lines.count {
            let line = lines[mark.line - 1]
            let start = line.unicodeScalars.index(line.startIndex, offsetBy: max(0, mark.column - 1), limitedBy: line.endIndex) ?? line.endIndex
            if let open = line[start...].firstRange(of: "[[") {
                position = SourcePosition(line: firstLine + mark.line - 1, column: line.utf8.distance(from: line.startIndex, to: open.lowerBound) + 1)
            }
        }
        return WikiLinks.split(clean, segments: [WikiLinks.Segment(offset: 0, position: position)])
    }

    private static func text(_ value: Any?) -> String? {
        switch value {
        case let s as String:
            let trimmed = Cleanup.removingArtifacts(s).trimmingWhitespace()
            return trimmed.isEmpty ? nil : trimmed
        case let i as Int: return String(i)
        case let d as Double: return String(d)
        default: return nil
        }
    }

    private static func visible(_ value: Any?) -> Bool {
        guard let map = value as? [String: Any], let flag = map["visible"] as? Bool else { return true }
        return flag
    }
}
