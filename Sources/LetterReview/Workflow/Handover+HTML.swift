import CommonMark
import Templating

extension Handover {
    /// The handover copy as one self-contained HTML page: the letter as
    /// approved, with redactions, read literally (nothing in it can become
    /// markup), and a note of who checked it, in what capacity, and how it is
    /// handed over. A preview says plainly that it is not released.
    public func html(recipientName: String?, today: String) -> String {
        let body = Document.render(markdown: Escaping.markdown.escape(text), as: .html)
        let html = Escaping.html
        let reviewers = approvals.map { "\($0.reviewerName) (\($0.capacity.label))" }
        let checked = reviewers.isEmpty ? "Not yet approved." : "Checked and approved by \(reviewers.joined(separator: " and "))."
        let handed: String
        if letter.status == .released, let releasedBy, let method = letter.releaseMethod {
            handed = "Handed over unsealed by \(releasedBy.name) (\(method.rawValue)) on \(today)."
        } else {
            handed = "Preview: not released." + (obstacles.isEmpty ? "" : " It cannot be released yet: "
                + obstacles.map(\.description).joined(separator: "; ") + ".")
        }
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
            <p>Letter \(letter.id ?? 0) in case \(html.escape(letter.caseReference))\(recipientName.map { ", for \(html.escape($0))" } ?? ""). \(html.escape(checked)) \(html.escape(handed))</p>
            </footer>
            </body>
            </html>

            """
    }
}
