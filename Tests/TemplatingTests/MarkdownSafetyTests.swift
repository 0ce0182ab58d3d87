import CommonMark
import Templating
import Testing

/// Whatever a value holds, once the Markdown is rendered by cmark it reads
/// literally: its text comes out unchanged and no structure comes out of it.
struct MarkdownSafetyTests {
    /// Where a value can sit in a Markdown template, and the block it should stay inside.
    enum Context: String, CaseIterable {
        case paragraph = "Value: {{v}}\n"
        case lineStart = "{{v}}\n"
        case listItem = "- {{v}}\n"
        case numberedItem = "1. {{v}}\n"
        case blockQuote = "> {{v}}\n"
        case heading = "## {{v}}\n"
        case afterBlankLine = "Intro.\n\n{{v}}\n\nAfter.\n"

        var container: Node.Kind {
            switch self {
            case .heading: .heading
            default: .paragraph
            }
        }
        var prefix: String { self == .paragraph ? "Value: " : "" }
    }

    static let values: [String] = {
        var generator = ValueGenerator(seed: 0x5EED_2026)
        return (0..<1500).map { _ in generator.next() } + ValueGenerator.hardCases
    }()

    @Test(arguments: Context.allCases)
    func valuesReadLiterally(context: Context) throws {
        let template = try Template(source: context.rawValue, name: "safety.md")
        var failures = 0
        for value in Self.values {
            let expected = Self.expectedText(value, singleLine: context == .heading)
            guard !expected.isEmpty else { continue }
            let markdown = try template.render(["v": .string(value)])
            let document = Document(markdown: markdown)
            let problem = Self.check(document, context: context, expected: context.prefix + expected)
            if let problem {
                failures += 1
                if failures <= 5 {
                    Issue.record("\(context): value \(value.debugDescription) → markdown \(markdown.debugDescription): \(problem)")
                }
            }
        }
        #expect(failures == 0, "\(failures) of \(Self.values.count) values broke out in \(context)")
    }

    /// nil when the document holds the value as plain text in one block of the
    /// expected kind, and a description of what went wrong otherwise.
    static func check(_ document: Document, context: Context, expected: String) -> String? {
        let allowedInline: Set<Node.Kind> = [.text, .softBreak, .lineBreak]
        var containers: [Node] = []
        for node in document.node.descendants {
            if node.kind == context.container { containers.append(node); continue }
            if node.isBlock {
                switch (context, node.kind) {
                case (_, .document), (.listItem, .list), (.listItem, .item), (.numberedItem, .list),
                     (.numberedItem, .item), (.blockQuote, .blockQuote), (.afterBlankLine, .paragraph):
                    continue
                default:
                    return "unexpected \(node.kind)"
                }
            } else if !allowedInline.contains(node.kind) {
                return "unexpected \(node.kind)"
            }
        }
        let texts = containers.map(\.plainText)
        if context == .afterBlankLine {
            guard texts == ["Intro.", expected, "After."] else { return "paragraphs \(texts)" }
            return nil
        }
        guard texts == [expected] else { return "text \(texts.debugDescription)" }
        return nil
    }

    /// The text a reader should see: line endings as line breaks, trailing ones
    /// dropped, NUL shown as U+FFFD; in a heading, line breaks as spaces.
    static func expectedText(_ value: String, singleLine: Bool) -> String {
        var text = value.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .replacingOccurrences(of: "\u{0}", with: "\u{FFFD}")
        while text.hasSuffix("\n") { text.removeLast() }
        return singleLine ? text.replacingOccurrences(of: "\n", with: " ") : text
    }

    @Test func escapingIsOnlyAsMuchAsNeeded() throws {
        let template = try Template(source: "{{v}}", name: "plain.md")
        #expect(try template.render(["v": "Sam O'Neill-Hughes, 14 Market Street"]) == "Sam O'Neill-Hughes, 14 Market Street")
        #expect(try template.render(["v": "*urgent* <b>"]) == "\\*urgent\\* \\<b\\>")
        #expect(try template.render(["v": "1. first"]) == "1\\. first")
        #expect(try template.render(["v": "- item"]) == "\\- item")
        #expect(try template.render(["v": "line one\nline two\n"]) == "line one\\\nline two")
        #expect(try template.render(["v": "  indented"]) == "&#32;&#32;indented")
    }

    @Test func headingsKeepValuesOnOneLine() throws {
        let template = try Template(source: "# Case {{v}}\n", name: "heading.md")
        #expect(try template.render(["v": "A\nB"]) == "# Case A B\n")
    }

    @Test func htmlAndNoEscaping() throws {
        let html = try Template(source: "{{v}}", name: "page.html", options: TemplateOptions(escaping: .html))
        #expect(try html.render(["v": "<a href='x'>&\""]) == "&lt;a href=&#39;x&#39;&gt;&amp;&quot;")
        let none = try Template(source: "{{v}}", name: "raw.txt", options: TemplateOptions(escaping: .none))
        #expect(try none.render(["v": "*<b>*"]) == "*<b>*")
        let triple = try Template(source: "{{{v}}} {{&v}}", name: "t.md")
        #expect(try triple.render(["v": "*x*"]) == "*x* *x*")
    }
}

/// Strings built to break Markdown: punctuation, block starters, HTML, line
/// breaks, odd whitespace and non-ASCII text. Deterministic, so a failure repeats.
struct ValueGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    static let pieces: [String] = [
        "#", "## ", "1.", "2)", "10. ", ">", "> ", "-", "- ", "+ ", "* ", "*", "**", "_", "__", "`", "```", "~~~", "~",
        "[", "]", "(", ")", "[link](http://example.org)", "![img](x.png)", "<", ">", "<script>alert(1)</script>",
        "</p>", "<!--", "-->", "&", "&amp;", "&#35;", "&copy", "\\", "\\*", "|", "| a | b |", "---", "===", "***",
        "    ", "  ", " ", "\t", "\n", "\n\n", "\r\n", "\r", ":", "!", "\"", "'", "<http://x.y>", "a@b.com",
        "Sam", "O'Neill", "£150.00", "2026-03-14", "é", "漢字", "😀", "\u{A0}", "\u{200B}", "word", "text ",
        "[^1]", "[x]: /url", "    code", "1986. A great year", "$x$", "{{name}}", "%", "^",
    ]

    mutating func random(_ bound: Int) -> Int {
        // SplitMix64.
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }

    mutating func next() -> String {
        let count = 1 + random(12)
        var text = ""
        for _ in 0..<count {
            if random(4) == 0 {
                // A random printable ASCII character.
                text.unicodeScalars.append(Unicode.Scalar(UInt8(32 + random(95))))
            } else {
                text += Self.pieces[random(Self.pieces.count)]
            }
        }
        return text
    }

    static let hardCases: [String] = [
        "#", "# heading", "1. item", "1) item", "- item", "+ item", "* item", "> quote", "```", "    code",
        "<div>", "<script>x</script>", "&amp;", "***", "---", "===", "a\n===", "a\n---", "line\n\nparagraph",
        "trailing  ", "  leading", "\tTab", "a\\", "a\\\nb", "\\", "`a`", "[a]: http://x", "<http://x>",
        "\n\nstarts with blank lines", "ends with\n\n", "\u{A0}nbsp\u{A0}", "x\r\ny\rz", "a\u{0}b",
        "***bold italic***", "_a_b_", "2026. A year", "| a | b |\n|---|---|", "~~strike~~", "[ ] task",
    ]
}
