import CCmark

/// A parsed CommonMark document: parse once, then walk or render it as often as needed.
///
/// The document owns cmark's tree and frees it when the last reference goes;
/// ``Node`` values keep their document alive, so a node never outlives its tree.
public final class Document {
    /// The options the document was parsed with; rendering adds its own.
    public let options: RenderOptions
    let root: OpaquePointer

    /// Parses Markdown text.
    public convenience init(markdown: String, options: RenderOptions = []) {
        var text = markdown
        let root = text.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                cmark_parse_document($0.baseAddress, $0.count, options.rawValue)
            }
        }
        self.init(root: root, options: options)
    }

    /// Parses Markdown bytes that may not be valid UTF-8; with
    /// ``RenderOptions/validateUTF8`` invalid sequences become U+FFFD.
    public convenience init(utf8 bytes: [UInt8], options: RenderOptions = []) {
        let root = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                cmark_parse_document($0.baseAddress, $0.count, options.rawValue)
            }
        }
        self.init(root: root, options: options)
    }

    private init(root: OpaquePointer?, options: RenderOptions) {
        // cmark returns NULL only when its allocator fails, which aborts first.
        guard let root else { fatalError("cmark could not allocate a document") }
        self.root = root
        self.options = options
    }

    deinit { cmark_node_free(root) }

    /// The root node, of kind ``Node/Kind/document``.
    public var node: Node { Node(pointer: root, document: self) }

    /// Renders the document.
    ///
    /// - Parameters:
    ///   - format: the output format.
    ///   - options: rendering options, added to those the document was parsed with.
    ///   - width: the column to wrap at for CommonMark, LaTeX and man output; 0 does not wrap.
    public func render(_ format: OutputFormat, options extra: RenderOptions = [], width: Int = 0) -> String {
        guard let output = renderC(format, options: extra, width: width) else { return "" }
        defer { cmark_get_default_mem_allocator().pointee.free(output) }
        return String(cString: output)
    }

    /// Renders into a buffer from cmark's allocator, which the caller frees.
    func renderC(_ format: OutputFormat, options extra: RenderOptions, width: Int) -> UnsafeMutablePointer<CChar>? {
        let flags = options.union(extra).rawValue
        let width = Int32(clamping: width)
        switch format {
        case .html: return cmark_render_html(root, flags)
        case .xml: return cmark_render_xml(root, flags)
        case .commonmark: return cmark_render_commonmark(root, flags, width)
        case .latex: return cmark_render_latex(root, flags, width)
        case .man: return cmark_render_man(root, flags, width)
        }
    }

    /// The version of the linked libcmark, such as "0.30.2".
    public static var cmarkVersion: String { String(cString: cmark_version_string()) }
}

extension Document {
    /// Parses and renders Markdown in one step.
    public static func render(
        markdown: String, as format: OutputFormat, options: RenderOptions = [], width: Int = 0
    ) -> String {
        // Free the tree before copying the output, as cmark_markdown_to_html does:
        // it keeps the allocator's reuse pattern, and the wrapper's cost, low.
        let output = Document(markdown: markdown, options: options).renderC(format, options: [], width: width)
        guard let output else { return "" }
        defer { cmark_get_default_mem_allocator().pointee.free(output) }
        return String(cString: output)
    }
}
