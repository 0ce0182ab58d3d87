import CCmark

/// How cmark parses and renders a document.
///
/// Raw HTML is suppressed unless ``unsafe`` is given: cmark's safe default
/// replaces it with a comment and drops `javascript:`-style link targets.
public struct RenderOptions: OptionSet, Sendable, Hashable {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// Straight quotes become curly, `--` an en dash, `---` an em dash, `...` an ellipsis.
    public static let smartPunctuation = RenderOptions(rawValue: CMARK_OPT_SMART)
    /// Soft line breaks render as hard breaks (`<br />`).
    public static let hardBreaks = RenderOptions(rawValue: CMARK_OPT_HARDBREAKS)
    /// Soft line breaks render as spaces.
    public static let noBreaks = RenderOptions(rawValue: CMARK_OPT_NOBREAKS)
    /// Each block element carries a `data-sourcepos` attribute (HTML) or
    /// `sourcepos` attribute (XML) giving its lines and columns in the input.
    public static let sourcePositions = RenderOptions(rawValue: CMARK_OPT_SOURCEPOS)
    /// Invalid UTF-8 in the input is replaced by U+FFFD instead of passed through.
    public static let validateUTF8 = RenderOptions(rawValue: CMARK_OPT_VALIDATE_UTF8)
    /// Raw HTML and dangerous link targets pass through. For trusted input only.
    public static let unsafe = RenderOptions(rawValue: CMARK_OPT_UNSAFE)
}

/// The formats cmark renders.
public enum OutputFormat: String, CaseIterable, Sendable {
    case html, commonmark, xml, latex, man
}
