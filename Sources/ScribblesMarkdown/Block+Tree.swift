/// Generic access to the block tree, so a pass over "every container" or "every run of
/// inlines" is written once, not once per block kind. A transclusion's embedded content is
/// not a child: it belongs to the note it came from.
extension Block {
    /// The block lists nested directly in this block (a quote's blocks, each list item's, …).
    public var children: [[Block]] {
        switch self {
        case .quote(let blocks): return [blocks]
        case .list(let list): return list.items.map(\.blocks)
        case .details(let details): return [details.blocks]
        case .hint(let hint): return [hint.blocks]
        case .tabs(let tabs): return tabs.map(\.blocks)
        case .api(let api): return [api.description] + api.parameters.map(\.description) + api.responses.map(\.blocks)
        case .container(let container): return [container.blocks]
        case .callout(let callout): return [callout.blocks]
        case .heading, .paragraph, .code, .table, .rule, .htmlText, .figure, .embed, .pageRef, .file, .include,
             .raw, .transclusion, .blockID, .math:
            return []
        }
    }

    /// Whether `test` holds for one of the block lists nested directly in this block, tried in
    /// `children`'s order up to the first that passes, without building that array (a pass
    /// over a long note's lists built one per list).
    public func anyChildList(_ test: ([Block]) -> Bool) -> Bool {
        switch self {
        case .quote(let blocks): return test(blocks)
        case .list(let list): return list.items.contains { test($0.blocks) }
        case .details(let details): return test(details.blocks)
        case .hint(let hint): return test(hint.blocks)
        case .tabs(let tabs): return tabs.contains { test($0.blocks) }
        case .api(let api):
            return test(api.description) || api.parameters.contains { test($0.description) } || api.responses.contains { test($0.blocks) }
        case .container(let container): return test(container.blocks)
        case .callout(let callout): return test(callout.blocks)
        case .heading, .paragraph, .code, .table, .rule, .htmlText, .figure, .embed, .pageRef, .file, .include,
             .raw, .transclusion, .blockID, .math:
            return false
        }
    }

    /// Whether the block holds block lists (cheaper than asking for `children`).
    public var hasChildren: Bool {
        switch self {
        case .quote, .list, .details, .hint, .tabs, .api, .container, .callout: return true
        default: return false
        }
    }

    /// This block with every nested block list replaced by `transform` of it.
    public func mappingChildren(_ transform: ([Block]) -> [Block]) -> Block {
        switch self {
        case .quote(let blocks): return .quote(transform(blocks))
        case .list(var list):
            for i in list.items.indices { list.items[i].blocks = transform(list.items[i].blocks) }
            return .list(list)
        case .details(var details):
            details.blocks = transform(details.blocks)
            return .details(details)
        case .hint(var hint):
            hint.blocks = transform(hint.blocks)
            return .hint(hint)
        case .tabs(var tabs):
            for i in tabs.indices { tabs[i].blocks = transform(tabs[i].blocks) }
            return .tabs(tabs)
        case .api(var api):
            api.description = transform(api.description)
            for i in api.parameters.indices { api.parameters[i].description = transform(api.parameters[i].description) }
            for i in api.responses.indices { api.responses[i].blocks = transform(api.responses[i].blocks) }
            return .api(api)
        case .container(var container):
            container.blocks = transform(container.blocks)
            return .container(container)
        case .callout(var callout):
            callout.blocks = transform(callout.blocks)
            return .callout(callout)
        default:
            return self
        }
    }

    /// The runs of inlines held directly by this block (a paragraph, a heading, each table
    /// cell, each HTML text line, a details summary, a callout title).
    public var inlineRuns: [[Inline]] {
        switch self {
        case .paragraph(let inlines): return [inlines]
        case .heading(let heading): return [heading.content]
        case .table(let table): return table.header + table.rows.flatMap { $0 }
        case .htmlText(let lines): return lines
        case .details(let details): return [details.summary]
        case .callout(let callout): return [callout.title]
        default: return []
        }
    }

    /// This block with each run of inlines it holds directly replaced by `transform` of it.
    /// `isHeading` tells the transform when the run is a heading's (tags are not read there).
    public func mappingInlines(_ transform: (_ run: [Inline], _ isHeading: Bool) -> [Inline]) -> Block {
        switch self {
        case .paragraph(let inlines): return .paragraph(transform(inlines, false))
        case .heading(var heading):
            heading.content = transform(heading.content, true)
            return .heading(heading)
        case .table(var table):
            table.header = table.header.map { transform($0, false) }
            table.rows = table.rows.map { $0.map { transform($0, false) } }
            return .table(table)
        case .htmlText(let lines): return .htmlText(lines.map { transform($0, false) })
        case .details(var details):
            details.summary = transform(details.summary, false)
            return .details(details)
        case .callout(var callout):
            callout.title = transform(callout.title, false)
            return .callout(callout)
        default:
            return self
        }
    }
}

extension Array where Element == Block {
    /// Calls `visit` on every block, depth first, containers before their children.
    public func forEachBlock(_ visit: (Block) -> Void) {
        for block in self {
            visit(block)
            _ = block.anyChildList { list in
                list.forEachBlock(visit)
                return false
            }
        }
    }

    /// Whether any block, nested ones included, passes `test` (depth first, up to the first).
    public func containsBlock(where test: (Block) -> Bool) -> Bool {
        contains { block in test(block) || block.anyChildList { $0.containsBlock(where: test) } }
    }

    /// These blocks with `transform` applied to every block list, innermost first.
    public func rewritingContainers(_ transform: ([Block]) -> [Block]) -> [Block] {
        guard contains(where: \.hasChildren) else { return transform(self) }
        return transform(map { $0.hasChildren ? $0.mappingChildren { $0.rewritingContainers(transform) } : $0 })
    }
}
