import CaseFiles
import Foundation
import Reports
import Templating
import Yams

/// Figures for commissioners over 10,000 generated cases: reading the case
/// files, reducing each to its figures, and the report as HTML, CSV and
/// JSON; against Yams alone parsing the same files in the same run.
enum ReportBenchmark {
    static func run() {
        let checkout = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let examples = checkout.appendingPathComponent("Examples/cases")
        let bases = ["burglary-adult", "criminal-damage-youth", "neighbour-dispute", "assault-letters-sensitive"].map {
            try! String(contentsOf: examples.appendingPathComponent("\($0).yml"), encoding: .utf8)
        }
        // 10,000 cases: the four examples with their referral month and referrer varied.
        let sources = ["Northfield Police, victim liaison", "Northfield Youth Justice Service", "Northfield Probation Service",
                       "Self-referral", "Eastgate Housing"]
        let texts: [String] = (0..<10_000).map { index in
            let month = String(format: "%02d", 1 + index % 12)
            let text = bases[index % bases.count].replacingOccurrences(
                of: "source: [^\n]*", with: "source: \(sources[index % sources.count])", options: .regularExpression)
            return text.replacingOccurrences(of: "date: 2026-01-20", with: "date: 2026-\(month)-01")
                .replacingOccurrences(of: "NRJ-2026-", with: "GEN-\(index)-")
        }
        let today = CalendarDate(year: 2026, month: 12, day: 31)!
        let from = CalendarDate(year: 2026, month: 1, day: 1)!

        var cases: [Case] = []
        let parse = Stopwatch.best(rounds: 3) { cases = texts.enumerated().map { try! Case.parse($1, file: "case-\($0).yml") } }
        var figures: [CaseFigures] = []
        let reduce = Stopwatch.best { figures = cases.map { CaseFigures($0, today: today) } }
        var report: Report?
        let count = Stopwatch.best { report = Report(figures, from: from, to: today) }
        var size = 0
        let write = Stopwatch.best {
            size = report!.html(service: "Northfield Restorative Justice Service").utf8.count + report!.csv.utf8.count
                + report!.json.utf8.count
        }
        var nodes = 0
        let yams = Stopwatch.best(rounds: 3) { nodes = texts.reduce(0) { $0 + ((try? Yams.compose(yaml: $1))?.mapping?.count ?? 0) } }
        precondition(nodes > 0 && size > 0 && report!.cases != nil)

        let whole = parse + reduce + count + write
        print("## Report for commissioners: 10,000 generated cases, one core")
        var table = Table()
        table.add("step", "seconds", "cases/s")
        table.add("read 10,000 case files into cases", format(parse, 3), format(10_000 / parse, 0))
        table.add("reduce each to its figures", format(reduce, 3), format(10_000 / reduce, 0))
        table.add("count them by quarter, small numbers suppressed", format(count, 3), format(10_000 / count, 0))
        table.add("write HTML with charts, CSV and JSON", format(write, 3), "")
        table.add("the whole report", format(whole, 3), format(10_000 / whole, 0))
        table.add("Yams alone composing the same files", format(yams, 3), format(10_000 / yams, 0))
        table.print()
        print("report-vs-yams: \(format(yams / whole, 2)) (the whole report's speed as a share of parsing the YAML alone)")
        print("")
    }
}
