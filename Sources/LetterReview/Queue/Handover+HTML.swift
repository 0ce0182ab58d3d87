import CommonMark
import Templating

extension Handover {
    /// The handover copy as one self-contained HTML page: the letter as
    /// approved, with redactions, read literally (nothing in it can become
    /// markup), and a note of who checked it and how it is handed over.
    public func html(recipientName: String?, today: String) -> String {
        let body = Document.render(markdown: Escaping.markdown.escape(text), as: .html)
        let reviewers = approvals.map { "\($0.reviewer) (\($0.role == "supervisor" ? "case supervisor" : "facilitator"))" }
        let html = Escaping.html
        return """
            <!DOCTYPE html>
            <html lang="en-GB">
            <head>
            <meta charset="utf-8">
            <title>Letter \(letter.id ?? 0) · \(html.escape(letter.caseReference))</title>
            <style>
            @page { size: A4; margin: 25mm 20mm; }
            body { font-family: Georgia, "Times New Roman", serif; font-size: 13pt; line-height: 1.6; max-width: 160mm; margin: 0 auto; color: #111; }
            .letter { margin: 2em 0; }
            footer { border-top: 1px solid #777; font-family: Verdana, Arial, sans-serif; font-size: 9pt; color: #333; }
            </style>
            </head>
            <body>
            <main class="letter">
            \(body)</main>
            <footer>
            <p>Letter \(letter.id ?? 0) in case \(html.escape(letter.caseReference))\(recipientName.map { ", for \(html.escape($0))" } ?? ""). Checked and approved by \(html.escape(reviewers.joined(separator: " and "))). Handed over unsealed by \(html.escape(letter.releasedBy ?? "")) (\(html.escape(letter.releaseMethod ?? ""))) on \(html.escape(today)).</p>
            </footer>
            </body>
            </html>

            """
    }
}
