import Templating

/// A self-contained, printable HTML page around a rendered document: the
/// language, semantic headings, print CSS for A4, the service and case in the
/// header, and the date and the Markdown's SHA-256 fingerprint in the footer.
struct HTMLPage {
    var title: String
    var language: String
    var serviceName: String
    var caseReference: String
    var generated: CalendarDate
    var largePrint: Bool
    /// Welsh pages say their own words around the document (case, printed on, page N of M).
    var welsh: Bool = false
    /// Easy read: 16pt or larger, short lines, space between ideas.
    var easyRead: Bool = false
    var draft: Bool

    /// One page for one document; `appendix` (HTML) follows the document,
    /// outside the text the fingerprint covers.
    func render(body: String, fingerprint: String, appendix: String = "") -> String {
        head() + "<main>\n<article class=\"document\">\n" + body + "</article>\n" + appendix + "</main>\n"
            + footer(fingerprint: fingerprint)
    }

    /// One print file for several documents, each starting a new page.
    func render(sections: [(title: String, body: String, fingerprint: String)]) -> String {
        var html = head() + "<main>\n"
        for section in sections {
            html += "<article class=\"document\" aria-label=\"\(Self.escape(section.title))\">\n" + section.body
            html += "<p class=\"fingerprint\">SHA-256 of this document's text: <code>\(section.fingerprint)</code></p>\n"
            html += "</article>\n"
        }
        return html + "</main>\n" + footer(fingerprint: nil)
    }

    private func head() -> String {
        var classes: [String] = []
        if largePrint { classes.append("large-print") }
        if easyRead { classes.append("easy-read") }
        if draft { classes.append("draft") }
        let bodyClass = classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\""
        return """
            <!DOCTYPE html>
            <html lang="\(Self.escape(language))">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(Self.escape(title)) · \(Self.escape(caseReference))</title>
            <style>
            \(pageRule)
            \(Self.css)
            </style>
            </head>
            <body\(bodyClass)>
            \(draft ? "<p class=\"draft-mark\" role=\"note\">DRAFT: not checked, not for signing</p>\n" : "")<header>
            <p class="service">\(Self.escape(serviceName))</p>
            <p class="case">\(welsh ? "Achos" : "Case") \(Self.escape(caseReference))</p>
            </header>

            """
    }

    private func footer(fingerprint: String?) -> String {
        let generatedOn = generated.formatted(locale: welsh ? .cyGB : .enGB)
        let print = fingerprint.map { " · \(welsh ? "SHA-256 testun y ddogfen hon" : "SHA-256 of this document's text"): <code>\($0)</code>" } ?? ""
        return "<footer>\n<p>\(welsh ? "Argraffwyd ar" : "Printed on") \(generatedOn)\(print)</p>\n</footer>\n</body>\n</html>\n"
    }

    static func escape(_ text: String) -> String { Escaping.html.escape(text) }

    /// The printed page: A4, the service and case on every page, and "Page N of M".
    private var pageRule: String {
        """
        @page { size: A4; margin: 20mm 17mm 18mm 17mm;
          @top-left { content: \(Self.cssString(serviceName)); font-size: 9pt; color: #333; }
          @top-right { content: \(Self.cssString((welsh ? "Achos " : "Case ") + caseReference)); font-size: 9pt; color: #333; }
          @bottom-right { content: \(welsh ? "\"Tudalen \" counter(page) \" o \" counter(pages)" : "\"Page \" counter(page) \" of \" counter(pages)"); font-size: 9pt; color: #333; } }
        """
    }

    /// A CSS string: quotes, backslashes and line ends escaped, and `<` too, so that no value can close the style.
    static func cssString(_ text: String) -> String {
        var quoted = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\", "\"": quoted += "\\" + String(scalar)
            case "<", ">", "&": quoted += "\\" + String(scalar.value, radix: 16) + " "
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: quoted += "\\" + String(scalar.value, radix: 16) + " "
            default: quoted.unicodeScalars.append(scalar)
            }
        }
        return quoted + "\""
    }

    static let css = """
        html { color: #111; background: #fff; }
        body { font-family: "Atkinson Hyperlegible", Verdana, Arial, sans-serif; font-size: 12pt; line-height: 1.5;
               max-width: 170mm; margin: 0 auto; padding: 0 6mm; }
        body.large-print { font-size: 18pt; line-height: 1.6; max-width: none; }
        .bilingual { display: grid; grid-template-columns: 1fr 1fr; gap: 8mm; }
        body:has(.bilingual) { max-width: 260mm; }
        body.easy-read { font-size: 16pt; line-height: 1.7; }
        body.easy-read.large-print { font-size: 18pt; }
        body.easy-read p, body.easy-read li { margin: 0.6em 0; }
        body.easy-read strong { font-weight: 800; }
        header { display: flex; justify-content: space-between; border-bottom: 1px solid #777; font-size: 0.8em; color: #333; }
        header p { margin: 0.4em 0; }
        footer { border-top: 1px solid #777; margin-top: 2em; font-size: 0.75em; color: #333; }
        footer code, .fingerprint code { word-break: break-all; }
        @media print {
          /* On paper the fingerprint is read against a copy: never broken inside. */
          footer code, .fingerprint code { word-break: normal; white-space: nowrap; }
          body.large-print footer code, body.large-print .fingerprint code { font-size: 0.6em; }
        }
        .fingerprint { font-size: 0.75em; color: #333; }
        h1 { font-size: 1.7em; margin: 0.8em 0 0.4em; }
        h2 { font-size: 1.3em; margin: 1.2em 0 0.4em; }
        h3 { font-size: 1.1em; margin: 1em 0 0.3em; }
        p, li { max-width: 40em; }
        strong { font-weight: 700; }
        .draft-mark { position: fixed; top: 40%; left: 0; right: 0; text-align: center; font-size: 48pt; font-weight: 700;
                      color: rgba(180, 0, 0, 0.18); transform: rotate(-24deg); pointer-events: none; z-index: 10; }
        article.document + article.document { break-before: page; page-break-before: always; }
        .signing-record { border-top: 1px solid #777; margin-top: 1.5em; }
        @media print {
          body { padding: 0; max-width: none; }
          /* The page's own header prints on every page instead. */
          header { display: none; }
          h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
          h3 + ul, h3 + p { break-before: avoid; }
          ul, li, p { break-inside: avoid; orphans: 3; widows: 3; }
          /* The fingerprint closes the document, never alone on a page. */
          footer, .fingerprint { break-before: avoid; page-break-before: avoid; break-inside: avoid; }
          /* Large print stays 18pt; tighter spacing keeps a letter and its sign-off on one page. */
          body.large-print { line-height: 1.3; }
          body.large-print h1 { font-size: 1.3em; margin: 0.2em 0 0.3em; }
          body.large-print h2 { font-size: 1.15em; }
          body.large-print p, body.large-print li { margin-top: 0.3em; margin-bottom: 0.3em; }
          body.large-print ol, body.large-print ul { margin-top: 0.3em; margin-bottom: 0.3em; }
          main > :last-child > :last-child { break-after: avoid; }
          a { color: inherit; }
        }
        """
}
