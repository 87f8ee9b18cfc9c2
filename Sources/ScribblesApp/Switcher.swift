import ScribblesVault

/// One note the quick switcher can open, with its texts folded once for matching.
public struct SwitcherEntry: Sendable {
    public var path: String
    public var title: FuzzyText
    public var aliases: [FuzzyText]
    /// The path without `.md`.
    public var location: FuzzyText
}

/// Which text of a note matched best.
public enum SwitcherField: Hashable, Sendable {
    case title, alias(Int), path
}

public struct SwitcherHit: Hashable, Sendable {
    public var entry: Int
    public var field: SwitcherField
    public var score: Int
}

/// Every note of the collection, in the table of contents' order (then the others), ready
/// to be ranked by a query on each key.
public struct SwitcherIndex: Sendable {
    public private(set) var entries: [SwitcherEntry] = []
    private var position: [String: Int] = [:]

    /// Ranked results beyond this are not kept (the overlay shows a screenful).
    public static let limit = 200

    public init(toc: [TOCEntry], notes: [String], aliases: [String: [String]]) {
        var titles: [String: String] = [:]
        var order: [String] = []
        for entry in toc {
            guard let note = entry.note, titles[note] == nil else { continue }
            titles[note] = entry.title
            order.append(note)
        }
        for note in notes where titles[note] == nil {
            titles[note] = VaultIndex.noteName(note)
            order.append(note)
        }
        for note in order {
            position[note] = entries.count
            let bare = note.hasSuffix(".md") ? String(note.dropLast(3)) : note
            entries.append(SwitcherEntry(path: note, title: FuzzyText(titles[note] ?? note),
                                         aliases: (aliases[note] ?? []).prefix(16).map(FuzzyText.init),
                                         location: FuzzyText(bare)))
        }
    }

    /// The best notes for `query`: by score, then shorter matched text, then order, with every
    /// note that matched (nil for the empty query). An empty query lists the notes read
    /// recently (most recent first), then the rest in order. `within` limits the notes tried.
    public func rank(_ query: String, recent: [String] = [], within: [Int]? = nil) -> (hits: [SwitcherHit], matched: [Int]?) {
        let terms = FuzzyMatch.terms(query)
        guard !terms.isEmpty else {
            var seen: Set<Int> = []
            var hits: [SwitcherHit] = []
            for note in recent {
                if let index = position[note], seen.insert(index).inserted { hits.append(SwitcherHit(entry: index, field: .title, score: 0)) }
            }
            for index in entries.indices where hits.count < Self.limit && !seen.contains(index) {
                hits.append(SwitcherHit(entry: index, field: .title, score: 0))
            }
            return (Array(hits.prefix(Self.limit)), nil)
        }
        var rows: [Int] = []
        var scored: [(hit: SwitcherHit, length: Int)] = []
        for index in within ?? Array(entries.indices) {
            let entry = entries[index]
            var best: (SwitcherField, Int, Int)? = nil
            func consider(_ field: SwitcherField, _ text: FuzzyText, weight: Int) {
                guard let score = FuzzyMatch.score(terms: terms, text, rows: &rows) else { return }
                // Paths weigh less than titles; a poor match (below zero) stays below zero.
                let weighted = score > 0 ? score * weight / 4 : score * 4 / weight
                if best == nil || weighted > best!.1 { best = (field, weighted, text.folded.count) }
            }
            consider(.title, entry.title, weight: 4)
            for (number, alias) in entry.aliases.enumerated() { consider(.alias(number), alias, weight: 4) }
            consider(.path, entry.location, weight: 3)
            if let (field, score, length) = best { scored.append((SwitcherHit(entry: index, field: field, score: score), length)) }
        }
        let matched = scored.map(\.hit.entry)
        scored.sort { a, b in
            if a.hit.score != b.hit.score { return a.hit.score > b.hit.score }
            if a.length != b.length { return a.length < b.length }
            return a.hit.entry < b.hit.entry
        }
        return (scored.prefix(Self.limit).map(\.hit), matched)
    }

    /// The text a hit matched.
    public func text(of hit: SwitcherHit) -> FuzzyText {
        let entry = entries[hit.entry]
        switch hit.field {
        case .title: return entry.title
        case .alias(let number): return entry.aliases[number]
        case .path: return entry.location
        }
    }
}

/// The `t` overlay: a query line over the ranked notes.
public struct SwitcherState: Sendable {
    public var query = ""
    public var hits: [SwitcherHit] = []
    public var selection = 0
    /// Built on the first `t` after the collection (re)opens.
    public var index: SwitcherIndex?
    /// Every note the last query matched (not only the hits kept), for the next key.
    var matched: (query: String, entries: [Int])?
}
