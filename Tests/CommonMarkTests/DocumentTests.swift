import CommonMark
import Testing

struct DocumentTests {
    @Test func rendersHTML() {
        let html = Document.render(markdown: "# Outcome agreement\n\nAction *one*.\n", as: .html)
        #expect(html == "<h1>Outcome agreement</h1>\n<p>Action <em>one</em>.</p>\n")
    }

    @Test(arguments: [
        (OutputFormat.commonmark, "# Title\n\n  - item *one*\n"),
        (.xml, "<heading level=\"1\">"),
        (.latex, "\\section{Title}"),
        (.man, ".SH\nTitle"),
    ])
    func rendersOtherFormats(format: OutputFormat, expected: String) {
        let output = Document.render(markdown: "# Title\n\n- item *one*\n", as: format)
        if format == .commonmark {
            #expect(output == expected)
        } else {
            #expect(output.contains(expected))
        }
    }

    @Test func rawHTMLIsSuppressedUnlessUnsafe() {
        let markdown = "<script>alert(1)</script>\n\n[x](javascript:alert(1)) <b>bold</b>\n"
        let safe = Document.render(markdown: markdown, as: .html)
        #expect(!safe.contains("<script>"))
        #expect(!safe.contains("<b>"))
        #expect(!safe.contains("javascript:"))
        #expect(safe.contains("<!-- raw HTML omitted -->"))

        let unsafe = Document.render(markdown: markdown, as: .html, options: .unsafe)
        #expect(unsafe.contains("<script>alert(1)</script>"))
        #expect(unsafe.contains("<b>bold</b>"))
    }

    @Test func smartPunctuation() {
        let html = Document.render(markdown: "\"Sorry\" -- it's done...\n", as: .html, options: .smartPunctuation)
        #expect(html == "<p>\u{201C}Sorry\u{201D} \u{2013} it\u{2019}s done\u{2026}</p>\n")
        let plain = Document.render(markdown: "\"Sorry\" -- it's done...\n", as: .html)
        #expect(plain == "<p>&quot;Sorry&quot; -- it's done...</p>\n")
    }

    @Test func lineBreakOptions() {
        let markdown = "first line\nsecond line\n"
        #expect(Document.render(markdown: markdown, as: .html) == "<p>first line\nsecond line</p>\n")
        #expect(Document.render(markdown: markdown, as: .html, options: .hardBreaks)
            == "<p>first line<br />\nsecond line</p>\n")
        #expect(Document.render(markdown: markdown, as: .html, options: .noBreaks)
            == "<p>first line second line</p>\n")
    }

    @Test func sourcePositions() {
        let html = Document.render(markdown: "# A\n\ntext\n", as: .html, options: .sourcePositions)
        #expect(html == "<h1 data-sourcepos=\"1:1-1:3\">A</h1>\n<p data-sourcepos=\"3:1-3:4\">text</p>\n")
    }

    @Test func validatesUTF8WhenAsked() {
        let bytes: [UInt8] = Array("caf".utf8) + [0xE9] + Array(" ok\n".utf8)
        let repaired = Document(utf8: bytes, options: .validateUTF8).render(.html)
        #expect(repaired == "<p>caf\u{FFFD} ok</p>\n")
    }

    @Test func renderingTwiceGivesTheSameResult() {
        let document = Document(markdown: "1. one\n2. two\n")
        #expect(document.render(.html) == document.render(.html))
        #expect(document.render(.html, options: .sourcePositions) != document.render(.html))
    }

    @Test func reportsItsCmarkVersion() {
        #expect(Document.cmarkVersion.split(separator: ".").count == 3)
    }
}
