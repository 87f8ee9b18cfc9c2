/// Obsidian callouts and GitHub alerts: a quote whose first line starts with `[!type]`, then
/// an optional fold marker (`+` open, `-` folded) and a title; the rest is its body. The
/// quote's nested callouts were read already (the pass goes innermost first).
enum Callouts {
    static func callout(_ quoted: [Block]) -> Callout? {
        // Block ids were read with the quote's own blocks: one may stand before its first paragraph.
        let ids = quoted.prefix { if case .blockID = $0 { true } else { false } }
        let blocks = quoted[ids.count...]
        guard case .paragraph(let run)? = blocks.first, case .text(let first)? = run.first,
              first.hasPrefix("[!"), let close = first.firstIndex(of: "]") else { return nil }
        let type = first[first.index(first.startIndex, offsetBy: 2)..<close]
        guard !type.isEmpty, type.count <= 64, !type.contains(where: { $0.isWhitespace || $0 == "[" }) else { return nil }
        var rest = first[first.index(after: close)...]
        var fold = Callout.Fold.none
        if rest.first == "+" { fold = .open; rest = rest.dropFirst() }
        else if rest.first == "-" { fold = .folded; rest = rest.dropFirst() }
        // The title runs to the end of the first line; the lines after it start the body.
        var title: [Inline] = [.text(String(rest))]
        var body: [Inline] = []
        var index = 1
        while index < run.count {
            if case .softBreak = run[index] { body = Array(run[(index + 1)...]); break }
            if case .lineBreak = run[index] { body = Array(run[(index + 1)...]); break }
            title.append(run[index])
            index += 1
        }
        title = CmarkConverter.trimmed(CmarkConverter.mergingPlainText(title.map(strippingHeadingMarks())))
        if case .text(let lead)? = title.first {
            let kept = lead.drop { $0 == " " || $0 == "\t" }
            if kept.isEmpty { title.removeFirst() } else { title[0] = .text(String(kept)) }
        }
        var children = Array(blocks.dropFirst())
        let lead = CmarkConverter.trimmed(body)
        if !lead.isEmpty { children.insert(.paragraph(lead), at: 0) }
        return Callout(type: type.lowercased(), title: title, fold: fold, blocks: Array(ids) + children)
    }

    /// `### What is X?` in a title line is the title's text, without the heading marks.
    private static func strippingHeadingMarks() -> (Inline) -> Inline {
        var done = false
        return { inline in
            guard !done, case .text(let text) = inline else { return inline }
            done = true
            let trimmed = text.drop { $0 == " " }
            let hashes = trimmed.prefix { $0 == "#" }
            guard (1...6).contains(hashes.count), trimmed.dropFirst(hashes.count).first == " " else { return inline }
            return .text(String(trimmed.dropFirst(hashes.count)))
        }
    }
}
