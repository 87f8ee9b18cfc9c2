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
    public static func parse(_ yaml: Substring) -> FrontMatter {
        var result = FrontMatter()
        let loaded: Any?
        do {
            loaded = try Yams.load(yaml: String(yaml))
        } catch {
            result.isMalformed = true
            return result
        }
        guard let map = loaded as? [String: Any] else {
            result.isMalformed = loaded != nil
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
        return result
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
