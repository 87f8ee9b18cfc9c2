import ScribblesText

/// GitBook-style heading slugs (GITBOOK.md §6.7): lower-case, punctuation and symbols dropped,
/// whitespace to `-`, `&` spelled `and` (as GitBook does), zero-width characters removed,
/// NBSP treated as a space.
public enum Slug {
    public static func make(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.lowercased().replacing("&", with: "and").unicodeScalars {
            // ASCII by value: the same answers as the properties below, without looking them up
            // (a heading of 4 MB took seconds).
            if scalar.isASCII {
                switch scalar.value {
                case 0x61...0x7A, 0x30...0x39, 0x2D, 0x5F: out.append(scalar)
                case 0x09...0x0D, 0x20: out.append("-")
                default: break
                }
                continue
            }
            let p = scalar.properties
            if Cleanup.isArtifact(scalar) { continue }
            if p.isWhitespace || scalar.value == 0xA0 || scalar.value == 0x202F {
                out.append("-")
            } else if scalar == "-" || scalar == "_" || p.isAlphabetic || p.numericType != nil {
                if p.generalCategory != .otherSymbol { out.append(scalar) }
            } else if p.generalCategory == .nonspacingMark || p.generalCategory == .spacingMark {
                out.append(scalar)
            }
        }
        guard let first = out.firstIndex(where: { $0 != "-" }), let last = out.lastIndex(where: { $0 != "-" }) else { return "" }
        return String(out[first...last])
    }
}

/// Gives every heading an anchor: its explicit id, else its slug made unique with `-1`, `-2`….
struct AnchorAssigner {
    private var used: [String: Int] = [:]

    /// What a block needs from this pass, which does not depend on the blocks before it.
    private enum Need {
        case nothing
        /// A heading without an explicit id, and the slug of its text.
        case slug(String)
        /// A container with a heading somewhere inside.
        case descend
    }

    /// - Parameter run: a note with more top-level blocks has their needs found on all cores,
    ///   this many blocks at a time (the anchors are then given in order).
    mutating func assign(_ blocks: [Block], run: Int = 256) -> [Block] {
        let needs = Parallel.mapRuns(blocks, run: run) { $0.map(Self.need) }.flatMap { $0 }
        var result: [Block] = []
        result.reserveCapacity(blocks.count)
        for (block, need) in zip(blocks, needs) { result.append(assign(block, need)) }
        return result
    }

    private static func need(_ block: Block) -> Need {
        if case .heading(let heading) = block {
            return heading.hasExplicitAnchor ? .nothing : .slug(Slug.make(heading.content.plainText))
        }
        // API blocks keep their headings as written (their anchors were never assigned).
        if !block.hasChildren { return .nothing }
        if case .api = block { return .nothing }
        // Most containers hold no heading: they are left as they are (rebuilding every list
        // of a long note was most of this pass).
        return block.anyChildList({ $0.containsBlock { if case .heading = $0 { true } else { false } } }) ? .descend : .nothing
    }

    private mutating func assign(_ block: Block, _ need: Need) -> Block {
        switch need {
        case .nothing:
            return block
        case .descend:
            return block.mappingChildren { assign($0, run: .max) }
        case .slug(let base):
            guard case .heading(var heading) = block else { return block }
            var anchor = base
            if let count = used[base] {
                anchor = "\(base)-\(count)"
                used[base] = count + 1
            } else {
                used[base] = 1
            }
            heading.anchor = anchor
            return .heading(heading)
        }
    }
}
