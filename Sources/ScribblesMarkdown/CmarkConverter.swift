import CCmarkGFM
import ScribblesText
import Synchronization

/// Converts cmark-gfm's tree into `Block` values. The only file that sees cmark-gfm.
///
/// Every C object is freed before `convert` returns. Tag markers (see `TagScanner`) stay in
/// text for `TagTreeBuilder`, and are turned back into their source text inside code.
/// Nesting deeper than `maxDepth` is flattened so that no input can exhaust the stack.
struct CmarkConverter {
    typealias Node = OpaquePointer

    var tokens: [TagToken]
    var footnotes: [Footnote] = []
    /// After a conversion in pieces, whether each top-level block holds a tag marker: read on
    /// the core that made the block, while it is in that core's cache (nil after one piece).
    var marks: [Bool]? = nil
    /// Lines of front matter before the body, so positions count from the file's start.
    var lineOffset = 0
    /// Column shifts of the edits made before parsing, undone in this order: tags, then cleanup.
    var tagShifts = ColumnShifts()
    var cleanupShifts = ColumnShifts()
    static let maxDepth = 40
    static let maxInlineDepth = 40

    /// Registers the GFM extensions once, and sets up parsing that is safe on many threads.
    ///
    /// cmark-gfm keeps the extensions' trigger characters (`|`, `:` and `w` for autolinks, `~`)
    /// in one process-wide table: each parse adds its extensions' characters when its inline
    /// phase starts and removes them when it ends (and around every table row), so a parse
    /// ending on one thread blinds another mid-parse to autolinks and strikethrough
    /// (github/cmark-gfm#176, unmerged). Our parsers all want the table's characters and
    /// autolinks', so those are set once here and the two extensions given empty lists:
    /// no parse adds or removes them again. Strikethrough needs its list (cmark-gfm finds the
    /// extension of a `~` delimiter through it), so it is attached only to pieces that contain
    /// a `~`, and those parses take `strikeLock`; a piece without `~` never looks at that
    /// character's entry. Checked by `ParserConcurrencyTests`.
    private static let extensionsRegistered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        guard let parser = cmark_parser_new(scribbles_cmark_options()) else { return true }
        let permanent = (["table", "autolink"] as [String]).compactMap { cmark_find_syntax_extension($0) }
        for ext in permanent { cmark_parser_attach_syntax_extension(parser, ext) }
        cmark_manage_extensions_special_characters(parser, 1)
        for ext in permanent { scribbles_clear_special_inline_chars(ext) }
        cmark_parser_free(parser)
        return true
    }()
    private static let strikeLock = Mutex(())
    private static let tilde = UInt8(ascii: "~")

    /// Parses one piece with cmark-gfm; the caller frees the returned root.
    private static func parse(_ bytes: ArraySlice<UInt8>, strikethrough: Bool) -> Node? {
        guard let parser = cmark_parser_new(scribbles_cmark_options()) else { return nil }
        defer { cmark_parser_free(parser) }
        for name in ["table", "strikethrough", "autolink", "tasklist"] where strikethrough || name != "strikethrough" {
            if let ext = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, ext) }
        }
        bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.map { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    cmark_parser_feed(parser, $0, buffer.count)
                }
            }
        }
        return cmark_parser_finish(parser)
    }

    /// Parses `bytes` (UTF-8 Markdown with tag markers) into blocks; a long note in pieces
    /// (`ParseChunks`), parsed on all cores, each piece's C nodes freed as it is converted.
    ///
    /// A piece is converted from this converter's state as it stands before the first piece.
    /// Only two things carry from one piece to the next: tag tokens that an HTML block adds
    /// (numbered by how many came before) and footnotes (none: a note with definitions is
    /// parsed whole). A piece that added either, converted from other than the state the
    /// pieces before it left, is converted again in order, so the blocks are a sequential
    /// parse's in every case.
    mutating func convert(_ bytes: [UInt8], lap: (String) -> Void = { _ in }) -> [Block] {
        convert(bytes, pieces: ParseChunks.cut(bytes), lap: lap)
    }

    /// `convert` with the pieces already cut (`ParseChunks.cut` of `bytes`, or the whole).
    mutating func convert(_ bytes: [UInt8], pieces: [(range: Range<Int>, linesBefore: Int)], lap: (String) -> Void = { _ in }) -> [Block] {
        guard pieces.count > 1 else { return convertPiece(bytes[...], lap: lap) }
        let base = lineOffset
        let start = self
        let converted = Parallel.map(pieces.count) { index -> (blocks: [Block], marks: [Bool], converter: CmarkConverter) in
            var converter = start
            converter.lineOffset = base + pieces[index].linesBefore
            let blocks = converter.convertPiece(bytes[pieces[index].range])
            return (blocks, Self.marks(blocks, tokens: converter.tokens), converter)
        }
        lap("cmark+convert")
        var result: [Block] = []
        var marks: [Bool] = []
        for (index, (blocks, pieceMarks, converter)) in converted.enumerated() {
            let changedState = converter.tokens.count != start.tokens.count || !converter.footnotes.isEmpty
            let fromSameState = tokens.count == start.tokens.count && footnotes.isEmpty
            if !changedState || fromSameState {
                result += blocks
                marks += pieceMarks
                if changedState {
                    tokens = converter.tokens
                    footnotes = converter.footnotes
                }
            } else {
                lineOffset = base + pieces[index].linesBefore
                let again = convertPiece(bytes[pieces[index].range])
                result += again
                marks += Self.marks(again, tokens: tokens)
            }
        }
        lineOffset = base
        self.marks = marks
        lap("reconvert")
        return result
    }

    /// Whether each block holds a tag marker (none can without tokens).
    private static func marks(_ blocks: [Block], tokens: [TagToken]) -> [Bool] {
        tokens.isEmpty ? Array(repeating: false, count: blocks.count) : blocks.map(\.hasMarker)
    }

    mutating func convertPiece(_ bytes: ArraySlice<UInt8>, lap: (String) -> Void = { _ in }) -> [Block] {
        _ = Self.extensionsRegistered
        let root = bytes.contains(Self.tilde)
            ? Self.strikeLock.withLock { _ in Self.parse(bytes, strikethrough: true) }
            : Self.parse(bytes, strikethrough: false)
        guard let root else { return [] }
        lap("cmark")
        // Each top-level block's C nodes are freed as soon as it is converted, so the C tree
        // and its Swift copy are never both whole in memory (a 4 MiB note of small paragraphs
        // holds over a million nodes).
        var result: [Block] = []
        while let node = cmark_node_first_child(root) {
            convertBlock(node, depth: 0, into: &result)
            cmark_node_unlink(node)
            cmark_node_free(node)
        }
        lap("convert")
        cmark_node_free(root)
        lap("free")
        return result
    }

    private mutating func blocks(of parent: Node, depth: Int) -> [Block] {
        var out: [Block] = []
        var child = cmark_node_first_child(parent)
        while let node = child {
            convertBlock(node, depth: depth, into: &out)
            child = cmark_node_next(node)
        }
        return out
    }

    private mutating func convertBlock(_ node: Node, depth: Int, into out: inout [Block]) {
        let type = cmark_node_get_type(node)
        if depth >= Self.maxDepth, type == CMARK_NODE_BLOCK_QUOTE || type == CMARK_NODE_LIST || type == CMARK_NODE_ITEM {
            flattenLeaves(of: node, into: &out)
            return
        }
        switch type {
        case CMARK_NODE_PARAGRAPH:
            let content = inlines(of: node, depth: 0)
            if !content.isEmpty { out.append(.paragraph(content)) }
        case CMARK_NODE_HEADING:
            out.append(.heading(heading(node)))
        case CMARK_NODE_BLOCK_QUOTE:
            out.append(.quote(blocks(of: node, depth: depth + 1)))
        case CMARK_NODE_LIST:
            out.append(.list(list(node, depth: depth)))
        case CMARK_NODE_CODE_BLOCK:
            let info = Cleanup.removingArtifacts(string(cmark_node_get_fence_info(node)))
            out.append(.code(CodeBlock(info: info, text: restoringTags(literal(node)), title: nil)))
        case CMARK_NODE_HTML_BLOCK:
            out.append(contentsOf: htmlBlock(literal(node), line: line(node)))
        case CMARK_NODE_THEMATIC_BREAK:
            out.append(.rule)
        case CMARK_NODE_FOOTNOTE_DEFINITION:
            // cmark-gfm keeps only referenced definitions, in the order of their first reference,
            // and marks each reference with that ordinal; the definitions carry no label.
            let label = literal(node)
            footnotes.append(Footnote(label: label.isEmpty ? String(footnotes.count + 1) : label, blocks: blocks(of: node, depth: depth + 1)))
        default:
            if typeName(node) == "table" {
                out.append(.table(table(node)))
            } else {
                out.append(contentsOf: blocks(of: node, depth: depth + 1))
            }
        }
    }

    /// Converts the leaf blocks under `root` in order without recursion (for very deep nesting).
    private mutating func flattenLeaves(of root: Node, into out: inout [Block]) {
        guard let iterator = cmark_iter_new(root) else { return }
        defer { cmark_iter_free(iterator) }
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            guard cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER,
                  let node = cmark_iter_get_node(iterator), node != root else { continue }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_BLOCK_QUOTE || type == CMARK_NODE_LIST || type == CMARK_NODE_ITEM
                || type == CMARK_NODE_DOCUMENT { continue }
            convertBlock(node, depth: 0, into: &out)
            cmark_iter_reset(iterator, node, CMARK_EVENT_EXIT)
        }
    }

    private mutating func heading(_ node: Node) -> Heading {
        var assembler = InlineAssembler()
        appendInlines(of: node, depth: 0, into: &assembler)
        let (assembled, positions) = assembler.finishWithPositions()
        var content = Self.trimmed(Self.mergingText(assembled, positions: positions))
        var explicit = assembler.anchorIDs.first
        if explicit == nil, case .text(let last)? = content.last, last.hasSuffix("}"),
           let open = last.ranges(of: "{#").last {
            let id = last[open.upperBound..<last.index(before: last.endIndex)]
            if !id.isEmpty, !id.contains(" ") {
                explicit = String(id)
                content[content.count - 1] = .text(String(last[..<open.lowerBound]))
                content = Self.trimmed(content)
            }
        }
        return Heading(level: Int(cmark_node_get_heading_level(node)), content: content,
                       anchor: explicit ?? "", hasExplicitAnchor: explicit != nil, line: line(node))
    }

    private mutating func list(_ node: Node, depth: Int) -> ListBlock {
        let kind: ListBlock.Kind = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
            ? .ordered(start: Int(cmark_node_get_list_start(node))) : .bullet
        var items: [ListItem] = []
        var child = cmark_node_first_child(node)
        while let item = child {
            let task: Bool? = typeName(item) == "tasklist" ? cmark_gfm_extensions_get_tasklist_item_checked(item) : nil
            items.append(ListItem(task: task, blocks: blocks(of: item, depth: depth + 1)))
            child = cmark_node_next(item)
        }
        return ListBlock(kind: kind, isTight: cmark_node_get_list_tight(node) != 0, items: items)
    }

    private mutating func table(_ node: Node) -> Table {
        let columns = Int(cmark_gfm_extensions_get_table_columns(node))
        var alignments: [Table.Alignment] = []
        if let raw = cmark_gfm_extensions_get_table_alignments(node) {
            for i in 0..<columns {
                switch raw[i] {
                case UInt8(ascii: "l"): alignments.append(.left)
                case UInt8(ascii: "c"): alignments.append(.center)
                case UInt8(ascii: "r"): alignments.append(.right)
                default: alignments.append(.none)
                }
            }
        }
        var header: [[Inline]] = []
        var rows: [[[Inline]]] = []
        var rowNode = cmark_node_first_child(node)
        while let row = rowNode {
            var cells: [[Inline]] = []
            var cellNode = cmark_node_first_child(row)
            while let cell = cellNode {
                cells.append(inlines(of: cell, depth: 0))
                cellNode = cmark_node_next(cell)
            }
            if cmark_gfm_extensions_get_table_row_is_header(row) != 0 && header.isEmpty {
                header = cells
            } else {
                rows.append(cells)
            }
            rowNode = cmark_node_next(row)
        }
        return Table(alignments: alignments, header: header, rows: rows)
    }

    private mutating func inlines(of node: Node, depth: Int) -> [Inline] {
        var assembler = InlineAssembler()
        appendInlines(of: node, depth: depth, into: &assembler)
        let (assembled, positions) = assembler.finishWithPositions()
        return Self.trimmed(Self.mergingText(assembled, positions: positions))
    }

    private mutating func appendInlines(of parent: Node, depth: Int, into assembler: inout InlineAssembler) {
        var child = cmark_node_first_child(parent)
        while let node = child {
            appendInline(node, depth: depth, into: &assembler)
            child = cmark_node_next(node)
        }
    }

    private mutating func appendInline(_ node: Node, depth: Int, into assembler: inout InlineAssembler) {
        let type = cmark_node_get_type(node)
        if depth >= Self.maxInlineDepth {
            assembler.append(.text(plainText(of: node)))
            return
        }
        switch type {
        case CMARK_NODE_TEXT:
            // Emphasis artifacts (`****`) are dropped after wikilinks are found (`mergingText`),
            // so the text keeps the offsets its position counts from.
            let text = literal(node)
            if !text.isEmpty { assembler.append(.text(text), at: position(node)) }
        case CMARK_NODE_SOFTBREAK: assembler.append(.softBreak)
        case CMARK_NODE_LINEBREAK: assembler.append(.lineBreak)
        case CMARK_NODE_CODE: assembler.append(.code(restoringTags(literal(node))))
        case CMARK_NODE_HTML_INLINE:
            assembler.line = line(node)
            assembler.html(restoringTags(literal(node)))
        case CMARK_NODE_EMPH, CMARK_NODE_STRONG:
            let content = inlines(of: node, depth: depth + 1)
            if content.plainText.contains(where: { !$0.isWhitespace }) {
                assembler.append(type == CMARK_NODE_EMPH ? .emphasis(content) : .strong(content))
            } else {
                assembler.append(contentsOf: content)
            }
        case CMARK_NODE_LINK:
            let content = inlines(of: node, depth: depth + 1)
            let start = position(node)
            assembler.append(.link(Link(destination: string(cmark_node_get_url(node)),
                                        title: string(cmark_node_get_title(node)), content: content,
                                        line: start.line, column: start.column)))
        case CMARK_NODE_IMAGE:
            let start = position(node)
            assembler.append(.image(Image(source: string(cmark_node_get_url(node)), alt: plainText(of: node),
                                          line: start.line, column: start.column)))
        case CMARK_NODE_FOOTNOTE_REFERENCE:
            assembler.append(.footnoteReference(literal(node)))
        default:
            if typeName(node) == "strikethrough" {
                assembler.append(.strike(inlines(of: node, depth: depth + 1)))
            } else {
                appendInlines(of: node, depth: depth + 1, into: &assembler)
            }
        }
    }

    /// The text under `node`, gathered without recursion.
    private func plainText(of root: Node) -> String {
        guard let iterator = cmark_iter_new(root) else { return "" }
        defer { cmark_iter_free(iterator) }
        var out = ""
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            guard cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER,
                  let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE {
                out += restoringTags(literal(node))
            } else if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                out += " "
            }
        }
        return out
    }

    private mutating func htmlBlock(_ html: String, line: Int) -> [Block] {
        var out: [Block] = []
        for piece in HTMLBlockReducer.reduce(html, line: line) {
            switch piece {
            case .block(.code(var code)):
                // `<pre>` text is code: markers in it go back to what they stood for.
                code.text = restoringTags(code.text)
                out.append(.code(code))
            case .block(let block): out.append(block)
            case .markers(let text): out.append(.paragraph([.text(text)]))
            case .tag(let token):
                out.append(.paragraph([.text(TagSentinel.marker(tokens.count))]))
                tokens.append(token)
            }
        }
        return out
    }

    /// Puts the original tag text back where markers stand (inside code and raw HTML).
    func restoringTags(_ text: String) -> String {
        guard TagSentinel.hasMarker(text) else { return text }
        return TagSentinel.replacingMarkers(in: text, standaloneWrappers: true) { index in
            guard index < tokens.count else { return "" }
            let token = tokens[index]
            if let body = token.rawBody { return token.source + body + "{% endraw %}" }
            return token.source
        }
    }

    private func literal(_ node: Node) -> String { string(cmark_node_get_literal(node)) }

    /// The node's first line in the note file (0 when cmark has none).
    private func line(_ node: Node) -> Int {
        let start = Int(cmark_node_get_start_line(node))
        return start > 0 ? start + lineOffset : 0
    }

    /// Where the node starts in the note file, with the edits made before parsing undone.
    private func position(_ node: Node) -> SourcePosition {
        let line = line(node)
        let column = Int(cmark_node_get_start_column(node))
        guard line > 0, column > 0 else { return SourcePosition(line: line, column: 0) }
        return SourcePosition(line: line, column: originalColumn(line: line, column))
    }

    /// A column of the parsed text as a column of the note file.
    func originalColumn(line: Int, _ column: Int) -> Int {
        cleanupShifts.original(line: line, column: tagShifts.original(line: line, column: column))
    }

    private func typeName(_ node: Node) -> String { string(cmark_node_get_type_string(node)) }

    private func string(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }
}

extension Inline {
    var isBlank: Bool {
        switch self {
        case .softBreak, .lineBreak: return true
        case .text(let s): return s.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        default: return false
        }
    }
}


extension String.UTF8View {
    /// Whether `**` or `__` occurs (a quick test before looking for emphasis artifacts).
    var hasDoubledEmphasis: Bool {
        ByteSearch.withBytes(self) { bytes in
            guard bytes.count >= 2 else { return false }
            for i in 1..<bytes.count where bytes[i] == bytes[i - 1] && (bytes[i] == 0x2A || bytes[i] == 0x5F) { return true }
            return false
        }
    }
}
