import Foundation
import Templating

extension Report {
    /// Every shown value, one line each: `table,row,quarter,value`, the
    /// quarter `total` for the whole period and the value `fewer than 5`
    /// under the small-number rule; then the period's statistics.
    public var csv: String {
        var lines = ["table,row,quarter,value"]
        for table in tables {
            for (r, row) in table.rows.enumerated() {
                for (q, quarter) in table.quarters.enumerated() {
                    lines.append([table.id, row, quarter.key, table.text(row: r, quarter: q)].map(Self.csvField).joined(separator: ","))
                }
                lines.append([table.id, row, "total", table.totalText(row: r)].map(Self.csvField).joined(separator: ","))
            }
        }
        for statistic in statistics {
            lines.append(["statistics", statistic.label, "total", statistic.text].map(Self.csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func csvField(_ text: String) -> String {
        // A field a spreadsheet would read as a formula is quoted and marked as text.
        var value = text
        if let first = value.first, "=+-@".contains(first) { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "'" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The shown values as JSON: counts as numbers, "fewer than 5" as null with `suppressed: true`.
    public var json: String {
        struct Cell: Encodable {
            var quarter: String
            var value: Int?
            var suppressed: Bool

            // A suppressed value is written as null, not left out, as the rule says.
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: Keys.self)
                try container.encode(quarter, forKey: .quarter)
                try container.encode(value, forKey: .value)
                try container.encode(suppressed, forKey: .suppressed)
            }

            enum Keys: String, CodingKey { case quarter, value, suppressed }
        }
        struct Row: Encodable {
            var label: String
            var quarters: [Cell]
            var total: Cell
        }
        struct Table: Encodable {
            var id: String
            var title: String
            var note: String
            var rows: [Row]
        }
        struct Statistic: Encodable {
            var id: String
            var label: String
            var value: String?
            var basis: Int?
            /// Why there is no value, when there is none.
            var note: String?

            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: Keys.self)
                try container.encode(id, forKey: .id)
                try container.encode(label, forKey: .label)
                try container.encode(value, forKey: .value)
                try container.encode(basis, forKey: .basis)
                try container.encodeIfPresent(note, forKey: .note)
            }

            enum Keys: String, CodingKey { case id, label, value, basis, note }
        }
        struct Document: Encodable {
            var from: String
            var to: String
            var rule: String
            var cases: Int?
            var tables: [Table]
            var statistics: [Statistic]
        }
        let document = Document(
            from: from.description, to: to.description,
            rule: "counts under 5 are suppressed (value null, suppressed true); every other count is rounded to the nearest 5",
            cases: cases,
            tables: tables.map { table in
                Table(id: table.id, title: table.title, note: table.note, rows: table.rows.enumerated().map { r, label in
                    Row(label: label, quarters: table.quarters.enumerated().map { q, quarter in
                        let value = table.shown(row: r, quarter: q)
                        return Cell(quarter: quarter.key, value: value, suppressed: value == nil)
                    }, total: Cell(quarter: "total", value: table.shownTotal(row: r), suppressed: table.shownTotal(row: r) == nil))
                })
            },
            statistics: statistics.map { Statistic(id: $0.id, label: $0.label, value: $0.value, basis: $0.basis,
                                                   note: $0.value == nil ? $0.text : nil) })
        return Self.jsonText(document)
    }

    /// Pretty, sorted JSON with a final newline: what the report and a subject access copy write.
    static func jsonText(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(value)) ?? Data(), as: UTF8.self) + "\n"
    }

    /// A page for commissioners: each table with a bar chart of its totals,
    /// drawn as SVG (no script), readable printed and by a screen reader:
    /// each chart is an image with a text alternative, and its table follows.
    public func html(service: String) -> String {
        let e = { (text: String) in HTMLText.escape(text) }
        var body = """
            <header>
            <h1>\(e(service)): figures for commissioners</h1>
            <p>\(e(from.description)) to \(e(to.description)), by calendar quarter.
            Counts under 5 are shown as &#8220;fewer than 5&#8221; and every other count is rounded to the nearest 5,
            so that no figure points at a person. No names, references or notes are included.</p>
            </header>
            <main>

            """
        body += "<section aria-labelledby=\"statistics\"><h2 id=\"statistics\">The period at a glance</h2><dl>\n"
        body += "<dt>Case records</dt><dd>\(e(cases.map(String.init) ?? "fewer than 5"))</dd>\n"
        for statistic in statistics {
            body += "<dt>\(e(statistic.label))</dt><dd>\(e(statistic.text))</dd>\n"
        }
        body += "</dl></section>\n"
        for table in tables {
            body += section(table)
        }
        body += "</main>\n"
        return """
            <!DOCTYPE html>
            <html lang="en-GB">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(e(service)): figures for commissioners, \(e(from.description)) to \(e(to.description))</title>
            <style>
            body { font-family: system-ui, sans-serif; line-height: 1.5; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #1b1b1b; }
            table { border-collapse: collapse; margin: 0.5rem 0 2rem; }
            th, td { border: 1px solid #6b6b6b; padding: 0.25rem 0.5rem; text-align: right; }
            th[scope=row] { text-align: left; font-weight: normal; }
            caption { text-align: left; font-weight: bold; }
            svg text { font-size: 13px; fill: #1b1b1b; }
            .bar { fill: #1d5f8a; }
            .hidden-count { fill: url(#hatch); stroke: #1d5f8a; }
            dt { font-weight: bold; }
            dd { margin: 0 0 0.5rem; }
            @media print { section { break-inside: avoid; } }
            </style>
            </head>
            <body>
            \(body)</body>
            </html>

            """
    }

    private func section(_ table: ReportTable) -> String {
        let e = { (text: String) in HTMLText.escape(text) }
        let chartID = "chart-\(table.id)"
        let labelWidth = 330, barWidth = 360, rowHeight = 26
        let height = table.rows.count * rowHeight + 10
        // A scale of at least 20, so that "fewer than 5" is drawn short, never as a long bar.
        let largest = max(20, table.rows.indices.compactMap { table.shownTotal(row: $0) }.max() ?? 20)
        var bars = ""
        var description: [String] = []
        for (r, row) in table.rows.enumerated() {
            let y = 5 + r * rowHeight
            let label = row.count > 48 ? String(row.prefix(46)) + "…" : row
            bars += "<text x=\"\(labelWidth - 8)\" y=\"\(y + 17)\" text-anchor=\"end\">\(e(label))</text>\n"
            if let value = table.shownTotal(row: r) {
                let width = max(2, value * barWidth / largest)
                bars += "<rect class=\"bar\" x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(width)\" height=\"\(rowHeight - 8)\"/>\n"
                bars += "<text x=\"\(labelWidth + width + 6)\" y=\"\(y + 17)\">\(value)</text>\n"
            } else {
                let width = max(2, 4 * barWidth / largest)
                bars += "<rect class=\"hidden-count\" x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(width)\" height=\"\(rowHeight - 8)\"/>\n"
                bars += "<text x=\"\(labelWidth + width + 6)\" y=\"\(y + 17)\">fewer than 5</text>\n"
            }
            description.append("\(row): \(table.totalText(row: r))")
        }
        var html = "<section aria-labelledby=\"\(table.id)\">\n<h2 id=\"\(table.id)\">\(e(table.title))</h2>\n<p>\(e(table.note))</p>\n"
        html += """
            <svg id="\(chartID)" role="img" aria-labelledby="\(chartID)-title" width="\(labelWidth + barWidth + 110)" height="\(height)" viewBox="0 0 \(labelWidth + barWidth + 110) \(height)" xmlns="http://www.w3.org/2000/svg">
            <title id="\(chartID)-title">\(e(table.title)), the whole period: \(e(description.joined(separator: "; ")))</title>
            <defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="3" height="6" fill="#1d5f8a"/></pattern></defs>
            \(bars)</svg>

            """
        html += "<table>\n<caption>\(e(table.title)), by quarter</caption>\n<thead><tr><th scope=\"col\">\(e(table.rows.count == 1 ? "" : "Of which"))</th>"
        for quarter in table.quarters { html += "<th scope=\"col\">\(e(quarter.label))</th>" }
        html += "<th scope=\"col\">Whole period</th></tr></thead>\n<tbody>\n"
        for (r, row) in table.rows.enumerated() {
            html += "<tr><th scope=\"row\">\(e(row))</th>"
            for q in table.quarters.indices { html += "<td>\(e(table.text(row: r, quarter: q)))</td>" }
            html += "<td>\(e(table.totalText(row: r)))</td></tr>\n"
        }
        html += "</tbody>\n</table>\n</section>\n"
        return html
    }
}
