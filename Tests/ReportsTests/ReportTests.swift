import CaseFiles
import Foundation
import Reports
import Templating
import TestSupport
import Testing

/// Figures for commissioners: counted by quarter from each figure's own
/// date, and never showing a count that points at a person.
struct ReportTests {
    static func date(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }
    static let year = (from: date("2026-01-01"), to: date("2026-12-31"))

    static func figures(referred: String, source: String = "Northfield Police", contact: String? = nil,
                        closed: String? = nil, reason: String? = nil) -> CaseFigures {
        CaseFigures(referred: referred, source: source, context: "post-sentence", firstContact: contact, consented: true,
                    declined: false, process: "face-to-face", agreed: nil, actions: [], closed: closed, closure: reason,
                    feedback: [])
    }

    @Test func countsUnderFiveAreHiddenAndTheRestRoundedToTheNearestFive() {
        #expect((0...4).map(Disclosure.shown) == [nil, nil, nil, nil, nil])
        #expect([5, 7, 8, 12, 13, 127].map(Disclosure.shown) == [5, 5, 10, 10, 15, 125])
        #expect(Disclosure.text(3) == "fewer than 5")
    }

    @Test func aFigureFallsInTheQuarterOfItsOwnDateWithinThePeriod() {
        let cases = Array(repeating: Self.figures(referred: "2026-03-31"), count: 6)
            + Array(repeating: Self.figures(referred: "2026-04-01"), count: 8)
            + [Self.figures(referred: "2025-12-31"), Self.figures(referred: "2027-01-01")]
        let report = Report(cases, from: Self.year.from, to: Self.year.to)
        let referrals = report.tables.first { $0.id == "referrals" }!
        #expect(report.quarters.map(\.key) == ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"])
        #expect(referrals.shown(row: 0, quarter: 0) == 5)   // 6
        #expect(referrals.shown(row: 0, quarter: 1) == 10)  // 8
        #expect(referrals.shownTotal(row: 0) == 15)         // 14: the two outside the period are not counted
    }

    @Test func aPeriodIsWholeQuartersSoNoDayCanBeFoundByMovingItsEnd() {
        let cases = Array(repeating: Self.figures(referred: "2026-05-10"), count: 7) + [Self.figures(referred: "2026-05-20")]
        let before = Report(cases, from: Self.date("2026-04-01"), to: Self.date("2026-05-19"))
        let after = Report(cases, from: Self.date("2026-04-01"), to: Self.date("2026-05-20"))
        #expect(before.from == Self.date("2026-04-01") && before.to == Self.date("2026-06-30"))
        #expect(Self.shown(before) == Self.shown(after))
        #expect(Report(cases, from: Self.date("2026-02-14"), to: Self.date("2026-11-02")).quarters.map(\.key)
                == ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"])
    }

    @Test func aReferrerIsNamedOnlyWhenFiveOrMoreReferralsShareIt() {
        let cases = Array(repeating: Self.figures(referred: "2026-02-01"), count: 5)
            + [Self.figures(referred: "2026-02-01", source: "Mrs Jane Smith, self-referral")]
        let report = Report(cases, from: Self.year.from, to: Self.year.to)
        let rows = report.tables.first { $0.id == "referrals" }!.rows
        #expect(rows.contains("Northfield Police"))
        #expect(!rows.contains { $0.contains("Smith") })
        #expect(!report.html(service: "S").contains("Smith") && !report.csv.contains("Smith") && !report.json.contains("Smith"))
    }

    @Test func workingDaysToFirstContactLeaveOutWeekends() throws {
        // Friday 6 March 2026 to Monday 9 March: one working day; to Friday 13: five.
        let quick = (0..<10).map { _ in Self.figures(referred: "2026-03-06", contact: "2026-03-09") }
        let report = Report(quick, from: Self.year.from, to: Self.year.to)
        #expect(report.statistics.first { $0.id == "median-days-to-contact" }?.value == "1 working day")
        // Nine cases give no median: each case added would move it.
        #expect(Report(Array(quick.prefix(9)), from: Self.year.from, to: Self.year.to)
            .statistics.first { $0.id == "median-days-to-contact" }?.value == nil)
        let contact = report.tables.first { $0.id == "contact" }!
        #expect(contact.shownTotal(row: 1) == 10)
        let slow = (0..<5).map { _ in Self.figures(referred: "2026-03-06", contact: "2026-03-16") }
        let late = Report(slow, from: Self.year.from, to: Self.year.to).tables.first { $0.id == "contact" }!
        #expect(late.shownTotal(row: 0) == 5)
        #expect(late.shownTotal(row: 1) == nil)  // six working days: none within five
    }

    /// Every shown value of a report, by table, row and quarter (nil: fewer than 5).
    static func shown(_ report: Report) -> [String: Int?] {
        var values: [String: Int?] = [:]
        for table in report.tables {
            for row in table.rows.indices {
                for quarter in table.quarters.indices {
                    values["\(table.id)/\(table.rows[row])/\(quarter)"] = table.shown(row: row, quarter: quarter)
                }
                values["\(table.id)/\(table.rows[row])/total"] = table.shownTotal(row: row)
            }
        }
        values["cases"] = report.cases
        return values
    }

    @Test func aOneCaseFolderRevealsNothingAboutItsCase() throws {
        let example = try Case.load(path: Checkout.path("Examples/cases/burglary-adult.yml").path)
        let one = Report([CaseFigures(example, today: Self.date("2026-12-01"))], from: Self.year.from, to: Self.year.to)
        let none = Report([], from: Self.year.from, to: Self.year.to)
        // What the report of one case shows is what the report of none shows.
        #expect(Self.shown(one) == Self.shown(none))
        #expect(one.statistics.map(\.text) == none.statistics.map(\.text))
        for output in [one.html(service: "Northfield"), one.csv, one.json] {
            for secret in [example.reference, "Margaret", "Ellis", "Daniel", "Price", "victim liaison", "less afraid"] {
                #expect(!output.contains(secret), "\(secret) is in the report")
            }
        }
    }

    @Test(arguments: 0..<40)
    func noShownCountAndNoDifferenceOfTwoPointsAtAFewCases(seed: Int) {
        var generator = SeededGenerator(seed: UInt64(seed))
        let sources = ["Police", "Probation", "Youth Justice", "Self"]
        let reasons = ["completed", "withdrawn", "declined", nil]
        let cases = (0..<Int.random(in: 1...60, using: &generator)).map { _ in
            let month = Int.random(in: 1...12, using: &generator), day = Int.random(in: 1...20, using: &generator)
            let referred = CalendarDate(year: 2026, month: month, day: day)!
            let contact = CalendarDate(year: 2026, month: month, day: day + Int.random(in: 0...8, using: &generator))!
            return Self.figures(referred: referred.description, source: sources.randomElement(using: &generator)!,
                                contact: Bool.random(using: &generator) ? contact.description : nil,
                                closed: CalendarDate(year: 2026, month: month, day: 28)!.description,
                                reason: reasons.randomElement(using: &generator)!)
        }
        let values = Self.shown(Report(cases, from: Self.year.from, to: Self.year.to)).compactMap { $0.value }
        for value in values { #expect(value >= 5 && value % 5 == 0) }
        // A total less one of its parts, or any two counts' difference, is never 1 to 4.
        for a in values { for b in values { #expect(!(1...4).contains(abs(a - b))) } }
    }

    @Test func theHTMLHasAChartAndATableForEveryTableAndNoScript() {
        let cases = (0..<12).map { _ in Self.figures(referred: "2026-05-01", closed: "2026-06-01", reason: "completed") }
        let html = Report(cases, from: Self.year.from, to: Self.year.to).html(service: "Northfield <RJ>")
        #expect(html.components(separatedBy: "<svg").count - 1 == 8)
        #expect(html.components(separatedBy: "<table>").count - 1 == 8)
        #expect(html.contains("role=\"img\""))
        #expect(!html.contains("<script"))
        #expect(html.contains("Northfield &lt;RJ&gt;"))
    }

    @Test func jsonWritesASuppressedCountAsNull() throws {
        let json = Report([Self.figures(referred: "2026-02-01")], from: Self.year.from, to: Self.year.to).json
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let tables = try #require(object?["tables"] as? [[String: Any]])
        let cell = try #require(((tables[0]["rows"] as? [[String: Any]])?.first?["total"]) as? [String: Any])
        #expect(cell["suppressed"] as? Bool == true)
        #expect(cell.keys.contains("value") && cell["value"] is NSNull)
    }

    @Test func csvFieldsCannotBeReadAsFormulas() {
        let cases = Array(repeating: Self.figures(referred: "2026-02-01", source: "=HYPERLINK(\"x\")"), count: 5)
        let csv = Report(cases, from: Self.year.from, to: Self.year.to).csv
        #expect(csv.contains("\"'=HYPERLINK(\"\"x\"\")\""))
        #expect(!csv.split(separator: "\n").contains { $0.contains(",=") })
    }
}

/// A small deterministic generator, so that a failing seed can be run again.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    mutating func next() -> UInt64 {
        state = state &+ 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
