import CaseFiles
import Templating

/// A calendar quarter: 2026 Q1 is January to March.
public struct Quarter: Sendable, Hashable, Comparable, Codable {
    public var year: Int
    public var number: Int

    public init(_ date: CalendarDate) {
        year = date.year
        number = (date.month - 1) / 3 + 1
    }

    public init(year: Int, number: Int) {
        self.year = year
        self.number = number
    }

    /// "2026 Q1 (Jan–Mar)".
    public var label: String {
        let months = ["Jan–Mar", "Apr–Jun", "Jul–Sep", "Oct–Dec"]
        return "\(year) Q\(number) (\(months[number - 1]))"
    }

    /// "2026-Q1", for CSV and JSON.
    public var key: String { "\(year)-Q\(number)" }

    public var next: Quarter { number == 4 ? Quarter(year: year + 1, number: 1) : Quarter(year: year, number: number + 1) }

    public var firstDay: CalendarDate { CalendarDate(year: year, month: number * 3 - 2, day: 1)! }
    public var lastDay: CalendarDate { CalendarDate(year: year, month: number * 3, day: number == 1 || number == 4 ? 31 : 30)! }

    public static func < (lhs: Quarter, rhs: Quarter) -> Bool { (lhs.year, lhs.number) < (rhs.year, rhs.number) }
}

/// The small-number rule of official statistics, applied to every count a
/// report shows: a count under 5 (none included) is "fewer than 5", and every
/// other count is rounded to the nearest 5. No count then points at a case,
/// and no difference of two counts (a total less its parts) can reveal one.
public enum Disclosure {
    public static let threshold = 5

    /// What a count is shown as: nil for fewer than 5, else the count to the nearest 5.
    public static func shown(_ count: Int) -> Int? {
        guard count >= threshold else { return nil }
        return (count + 2) / 5 * 5
    }

    public static func text(_ count: Int) -> String { shown(count).map(String.init) ?? "fewer than 5" }
}

/// One table of a report: rows of counts by quarter. Only the shown values
/// leave this type; the raw counts stay inside it.
public struct ReportTable: Sendable {
    public var id: String
    public var title: String
    /// What is counted, and by which date it falls in a quarter.
    public var note: String
    public var rows: [String]
    public var quarters: [Quarter]
    private var counts: [[Int]]

    init(id: String, title: String, note: String, rows: [String], quarters: [Quarter]) {
        self.id = id
        self.title = title
        self.note = note
        self.rows = rows
        self.quarters = quarters
        counts = Array(repeating: Array(repeating: 0, count: quarters.count), count: rows.count)
    }

    mutating func add(_ row: String, _ date: CalendarDate?, from: CalendarDate, to: CalendarDate) {
        guard let date, date >= from, date <= to, let r = rows.firstIndex(of: row),
              let q = quarters.firstIndex(of: Quarter(date)) else { return }
        counts[r][q] += 1
    }

    func total(row: Int) -> Int { counts[row].reduce(0, +) }

    /// A row's count in a quarter, as shown.
    public func shown(row: Int, quarter: Int) -> Int? { Disclosure.shown(counts[row][quarter]) }
    /// A row's count over the whole period, as shown.
    public func shownTotal(row: Int) -> Int? { Disclosure.shown(total(row: row)) }
    public func text(row: Int, quarter: Int) -> String { Disclosure.text(counts[row][quarter]) }
    public func totalText(row: Int) -> String { Disclosure.text(total(row: row)) }
}

/// A figure over the whole period, such as a median or a mean: shown only
/// when at least ten cases give it.
public struct ReportStatistic: Sendable {
    public static let threshold = 10

    public var id: String
    public var label: String
    public var value: String?
    /// How many cases it is drawn from, as shown.
    public var basis: Int?

    public var text: String { value ?? "not shown: fewer than \(Self.threshold) cases" }
}

/// Figures for commissioners over a period, by quarter (BPG 2011 §G.10:
/// anonymised data; DJ303): referrals, contact and consent, processes,
/// agreements and their actions, closures and feedback. Anonymous by
/// construction: it is made from ``CaseFigures`` alone, and shows counts
/// only under the small-number rule.
public struct Report: Sendable {
    public var from: CalendarDate
    public var to: CalendarDate
    public var quarters: [Quarter]
    public var tables: [ReportTable]
    public var statistics: [ReportStatistic]
    /// How many case records it was made from, as shown.
    public var cases: Int?

    /// A period is always whole quarters: `from` and `to` are widened to the
    /// first and last days of their quarters, so that no count can be found
    /// by moving the period's end a day at a time and comparing.
    public init(_ figures: [CaseFigures], from requestedFrom: CalendarDate, to requestedTo: CalendarDate) {
        let from = Quarter(requestedFrom).firstDay, to = Quarter(requestedTo).lastDay
        self.from = from
        self.to = to
        var quarters: [Quarter] = []
        var quarter = Quarter(from)
        while quarter <= Quarter(to) {
            quarters.append(quarter)
            quarter = quarter.next
        }
        self.quarters = quarters
        cases = Disclosure.shown(figures.count)
        func date(_ text: String?) -> CalendarDate? { text.flatMap { CalendarDate(iso: $0) } }
        func inPeriod(_ day: CalendarDate?) -> Bool { day.map { $0 >= from && $0 <= to } ?? false }

        // Referrers named by five or more referrals in the period; the rest together.
        var bySource: [String: Int] = [:]
        for item in figures where inPeriod(date(item.referred)) { bySource[item.source ?? "", default: 0] += 1 }
        let named = bySource.filter { !$0.key.isEmpty && $0.value >= Disclosure.threshold }.keys.sorted()
        let other = "Other referrers (fewer than 5 referrals each)"
        var referrals = ReportTable(id: "referrals", title: "Referrals by referrer",
                                    note: "Cases referred in the period, by the quarter of the referral date.",
                                    rows: ["All referrals"] + named + [other], quarters: quarters)
        let contexts = CriminalJusticeContext.allCases
        var byContext = ReportTable(id: "contexts", title: "Referrals by criminal justice context",
                                    note: "Cases referred in the period, by the quarter of the referral date.",
                                    rows: contexts.map { $0.label.prefix(1).uppercased() + $0.label.dropFirst() } + ["Not recorded"],
                                    quarters: quarters)
        var contact = ReportTable(id: "contact", title: "Contact and consent",
                                  note: "Cases referred in the period, by the quarter of the referral date. The Victims' Code gives five working days (Monday to Friday; bank holidays are not taken off) to offer information about restorative justice.",
                                  rows: ["Contacted", "Contacted within 5 working days", "Everyone harmed and responsible consented",
                                         "Someone declined"], quarters: quarters)
        var processes = ReportTable(id: "processes", title: "How people communicated",
                                    note: "Cases referred in the period where everyone consented, by the quarter of the referral date.",
                                    rows: ["Direct (a meeting, video or phone call)", "Indirect (letters or messages carried)"],
                                    quarters: quarters)
        var agreements = ReportTable(id: "agreements", title: "Agreements",
                                     note: "Outcome agreements made in the period, by the quarter they were made.",
                                     rows: ["Agreements made"], quarters: quarters)
        let actionRows = ["Done on time", "Done late", "Not completed", "Waived", "Still open"]
        var actions = ReportTable(id: "actions", title: "Agreed actions",
                                  note: "Actions due in the period, by the quarter they were due (a varied action by its new date).",
                                  rows: actionRows, quarters: quarters)
        let reasons = Closure.Reason.allCases
        var closures = ReportTable(id: "closures", title: "Cases closed, by reason",
                                   note: "Cases closed in the period, by the quarter they closed.",
                                   rows: reasons.map { $0.label.prefix(1).uppercased() + $0.label.dropFirst() }, quarters: quarters)
        var feedback = ReportTable(id: "feedback", title: "Feedback",
                                   note: "Feedback given in the period, by the quarter it was given.",
                                   rows: ["Responses", "Satisfied (4 or 5 out of 5)", "Would recommend it", "Felt safe"],
                                   quarters: quarters)
        var contactDays: [Int] = []
        var satisfaction: [Int] = []
        for item in figures {
            let referred = date(item.referred)
            referrals.add("All referrals", referred, from: from, to: to)
            let source = item.source ?? ""
            referrals.add(named.contains(source) ? source : other, referred, from: from, to: to)
            let contextRow = item.context.flatMap(CriminalJusticeContext.init(rawValue:))
                .map { $0.label.prefix(1).uppercased() + $0.label.dropFirst() } ?? "Not recorded"
            byContext.add(contextRow, referred, from: from, to: to)
            if let first = date(item.firstContact) {
                contact.add("Contacted", referred, from: from, to: to)
                if let referred {
                    let days = Self.workingDays(from: referred, to: first)
                    if days <= 5 { contact.add("Contacted within 5 working days", referred, from: from, to: to) }
                    if inPeriod(referred) { contactDays.append(days) }
                }
            }
            if item.consented { contact.add("Everyone harmed and responsible consented", referred, from: from, to: to) }
            if item.declined { contact.add("Someone declined", referred, from: from, to: to) }
            if let process = item.process.flatMap(Process.Kind.init(rawValue:)) {
                processes.add(process.isDirect ? processes.rows[0] : processes.rows[1], referred, from: from, to: to)
            }
            agreements.add("Agreements made", date(item.agreed), from: from, to: to)
            for action in item.actions {
                let row: String
                switch ActionStatus.Standing(rawValue: action.standing) {
                case .done?: row = actionRows[0]
                case .doneLate?: row = actionRows[1]
                case .notCompleted?: row = actionRows[2]
                case .waived?: row = actionRows[3]
                default: row = actionRows[4]
                }
                actions.add(row, date(action.due), from: from, to: to)
            }
            if let reason = item.closure.flatMap(Closure.Reason.init(rawValue:)) {
                closures.add(reason.label.prefix(1).uppercased() + reason.label.dropFirst(), date(item.closed), from: from, to: to)
            }
            for response in item.feedback {
                let given = date(response.date)
                feedback.add("Responses", given, from: from, to: to)
                if (response.satisfaction ?? 0) >= 4 { feedback.add("Satisfied (4 or 5 out of 5)", given, from: from, to: to) }
                if response.wouldRecommend == true { feedback.add("Would recommend it", given, from: from, to: to) }
                if response.feltSafe == true { feedback.add("Felt safe", given, from: from, to: to) }
                if inPeriod(given), let score = response.satisfaction { satisfaction.append(score) }
            }
        }
        tables = [referrals, byContext, contact, processes, agreements, actions, closures, feedback]
        // A median or an average moves with each case added, so each needs ten cases and is shown coarsely:
        // whole days, and satisfaction to the nearest half.
        let median: String? = contactDays.count < ReportStatistic.threshold ? nil : {
            let sorted = contactDays.sorted()
            let middle = sorted.count / 2
            let value = Int((sorted.count % 2 == 1 ? Double(sorted[middle]) : Double(sorted[middle - 1] + sorted[middle]) / 2).rounded())
            return "\(value) working day\(value == 1 ? "" : "s")"
        }()
        let mean: String? = satisfaction.count < ReportStatistic.threshold ? nil : {
            let value = Double(satisfaction.reduce(0, +)) / Double(satisfaction.count)
            let half = (value * 2).rounded() / 2
            return (half == half.rounded() ? "\(Int(half))" : "\(half)") + " out of 5"
        }()
        statistics = [
            ReportStatistic(id: "median-days-to-contact", label: "Median time from referral to first contact",
                            value: median, basis: Disclosure.shown(contactDays.count)),
            ReportStatistic(id: "mean-satisfaction", label: "Average satisfaction", value: mean,
                            basis: Disclosure.shown(satisfaction.count)),
        ]
    }

    /// Working days (Monday to Friday) after `start` up to and including `end`.
    static func workingDays(from start: CalendarDate, to end: CalendarDate) -> Int {
        let first = start.daysSinceEpoch, last = end.daysSinceEpoch
        guard last > first else { return 0 }
        var count = 0
        // 1970-01-01 was a Thursday (weekday 4).
        for day in (first + 1)...last where (day + 3) % 7 < 5 { count += 1 }
        return count
    }
}
