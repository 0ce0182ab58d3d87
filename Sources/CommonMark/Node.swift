import CCmark

/// A node of a parsed ``Document``: a block (heading, paragraph, list…) or an
/// inline (text, emphasis, link…). Holding a node keeps its document alive.
public struct Node {
    let pointer: OpaquePointer
    /// The document this node belongs to.
    public let document: Document

    init(pointer: OpaquePointer, document: Document) {
        self.pointer = pointer
        self.document = document
    }

    /// What a node is.
    public enum Kind: String, Sendable, CaseIterable {
        case document, blockQuote, list, item, codeBlock, htmlBlock, customBlock
        case paragraph, heading, thematicBreak
        case text, softBreak, lineBreak, code, htmlInline, customInline
        case emphasis, strong, link, image
    }

    public var kind: Kind {
        switch cmark_node_get_type(pointer) {
        case CMARK_NODE_DOCUMENT: .document
        case CMARK_NODE_BLOCK_QUOTE: .blockQuote
        case CMARK_NODE_LIST: .list
        case CMARK_NODE_ITEM: .item
        case CMARK_NODE_CODE_BLOCK: .codeBlock
        case CMARK_NODE_HTML_BLOCK: .htmlBlock
        case CMARK_NODE_CUSTOM_BLOCK: .customBlock
        case CMARK_NODE_PARAGRAPH: .paragraph
        case CMARK_NODE_HEADING: .heading
        case CMARK_NODE_THEMATIC_BREAK: .thematicBreak
        case CMARK_NODE_TEXT: .text
        case CMARK_NODE_SOFTBREAK: .softBreak
        case CMARK_NODE_LINEBREAK: .lineBreak
        case CMARK_NODE_CODE: .code
        case CMARK_NODE_HTML_INLINE: .htmlInline
        case CMARK_NODE_CUSTOM_INLINE: .customInline
        case CMARK_NODE_EMPH: .emphasis
        case CMARK_NODE_STRONG: .strong
        case CMARK_NODE_LINK: .link
        default: .image
        }
    }

    /// Whether the node is a block rather than an inline.
    public var isBlock: Bool {
        switch kind {
        case .document, .blockQuote, .list, .item, .codeBlock, .htmlBlock, .customBlock,
             .paragraph, .heading, .thematicBreak:
            true
        default:
            false
        }
    }

    /// The text of a text, code, code block or raw HTML node.
    public var literal: String? { string(cmark_node_get_literal(pointer)) }
    /// The level of a heading (1-6), otherwise 0.
    public var headingLevel: Int { Int(cmark_node_get_heading_level(pointer)) }
    /// The destination of a link or image.
    public var url: String? { string(cmark_node_get_url(pointer)) }
    /// The title of a link or image.
    public var title: String? { string(cmark_node_get_title(pointer)) }
    /// The info string of a fenced code block (`swift` in "```swift").
    public var fenceInfo: String? { string(cmark_node_get_fence_info(pointer)) }

    /// Whether a list is numbered; nil for other nodes.
    public var isOrderedList: Bool? {
        switch cmark_node_get_list_type(pointer) {
        case CMARK_ORDERED_LIST: true
        case CMARK_BULLET_LIST: false
        default: nil
        }
    }
    /// The first number of an ordered list.
    public var listStart: Int { Int(cmark_node_get_list_start(pointer)) }
    /// Whether a list is tight (no blank lines between items).
    public var isTightList: Bool { cmark_node_get_list_tight(pointer) != 0 }

    /// Where the node starts in the input (1-based line and column, columns in bytes).
    /// cmark records positions for blocks; inlines report line 0.
    public var start: SourcePosition {
        SourcePosition(line: Int(cmark_node_get_start_line(pointer)),
                       column: Int(cmark_node_get_start_column(pointer)))
    }
    /// Where the node ends in the input.
    public var end: SourcePosition {
        SourcePosition(line: Int(cmark_node_get_end_line(pointer)),
                       column: Int(cmark_node_get_end_column(pointer)))
    }

    public var parent: Node? { wrap(cmark_node_parent(pointer)) }
    public var firstChild: Node? { wrap(cmark_node_first_child(pointer)) }
    public var lastChild: Node? { wrap(cmark_node_last_child(pointer)) }
    public var next: Node? { wrap(cmark_node_next(pointer)) }
    public var previous: Node? { wrap(cmark_node_previous(pointer)) }

    /// The node's direct children, in order.
    public var children: Children { Children(first: firstChild) }

    /// The node and all its descendants in document order (depth first).
    public var descendants: [Node] {
        var nodes: [Node] = []
        walk { node in nodes.append(node) }
        return nodes
    }

    /// Visits the node and each descendant in document order.
    public func walk(_ visit: (Node) throws -> Void) rethrows {
        try visit(self)
        var child = firstChild
        while let node = child {
            try node.walk(visit)
            child = node.next
        }
    }

    /// The plain text the node shows a reader: its text and code, with line
    /// breaks as newlines, without any markup.
    public var plainText: String {
        var text = ""
        walk { node in
            switch node.kind {
            case .text, .code: text += node.literal ?? ""
            case .softBreak, .lineBreak: text += "\n"
            default: break
            }
        }
        return text
    }

    private func wrap(_ pointer: OpaquePointer?) -> Node? {
        pointer.map { Node(pointer: $0, document: document) }
    }

    private func string(_ pointer: UnsafePointer<CChar>?) -> String? {
        pointer.map { String(cString: $0) }
    }
}

extension Node {
    /// A sequence over a node's children.
    public struct Children: Sequence, IteratorProtocol {
        var current: Node?
        init(first: Node?) { current = first }
        public mutating func next() -> Node? {
            defer { current = current?.next }
            return current
        }
    }
}

/// A line and column in a Markdown source, both counted from 1.
public struct SourcePosition: Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
    public var description: String { "\(line):\(column)" }
}
