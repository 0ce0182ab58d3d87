import ArgumentParser
import CaseFiles
import Foundation
import Templating

extension RJ {
    /// `rj actions`: what the agreements asked for, and where each action stands.
    struct Actions: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List agreed actions: what is overdue, what is due this week, what is done.",
            discussion: """
                Each action's status comes from its progress entries and any decision recorded \
                on it (varied, waived or not-completed). An action is overdue from the day after \
                its due date (a varied action's new date) until it is recorded done or decided. \
                Given a folder, lists every case's actions together: a facilitator's list of what \
                to chase this week. Exits 1 when an action needs chasing, 0 otherwise.

                Examples:
                  rj actions Examples/cases/burglary-adult.yml --today 2026-05-01
                  rj actions Examples/cases --format json
                """
        )

        @Argument(help: ArgumentHelp("A case file, or a folder of case files.", valueName: "case-or-folder"))
        var path: String

        @Option(help: ArgumentHelp("The day to count from, YYYY-MM-DD (default: today).", valueName: "date"))
        var today: String?

        @Option(help: ArgumentHelp("text or json.", valueName: "format"))
        var format: OutputStyle = .text

        func run() throws {
            try reportingFailures {
                let day = try today.map { CalendarDate(iso: try Today.parse($0, option: "--today"))! } ?? Today.date
                let cases = try CaseFolder.load(path)
                let items = ActionList.items(cases, today: day)
                switch format {
                case .text: print(Self.text(items, cases: cases, today: day), terminator: "")
                case .json: print(try JSON.encode(Listing(today: day.description, items: items.map(Entry.init))))
                }
                if items.contains(where: { $0.group == .chaseNow }) { throw ExitCode(1) }
            }
        }

        static func text(_ items: [ActionItem], cases: [Case], today: CalendarDate) -> String {
            let withAgreement = Set(items.map(\.caseReference)).count
            let chase = items.filter { $0.group == .chaseNow }.count
            var output = "Actions on \(today): \(items.count) in \(withAgreement) agreement\(withAgreement == 1 ? "" : "s"), "
                + "\(chase) to chase now\n"
            guard !items.isEmpty else {
                return output + (cases.count == 1 ? "The case has no agreed actions.\n" : "None of these cases has agreed actions.\n")
            }
            let several = cases.count > 1
            for group in ActionItem.Group.allCases {
                let members = items.filter { $0.group == group }
                guard !members.isEmpty else { continue }
                // Across a folder, what is settled is counted, not listed: the list is for chasing.
                if several && group == .settled {
                    output += "\n\(group.heading): \(members.count) (rj actions FILE lists a case's)\n"
                    continue
                }
                output += "\n\(group.heading) (\(members.count)):\n"
                for item in members { output += lines(item, showCase: several) }
            }
            return output
        }

        static func lines(_ item: ActionItem, showCase: Bool) -> String {
            let status = item.status
            var head = "  " + (showCase ? "\(item.caseReference) " : "") + "action \(item.number): "
            switch status.standing {
            case .overdue:
                let days = status.daysOverdue ?? 0
                head += "OVERDUE by \(days) day\(days == 1 ? "" : "s") (due \(status.due!))"
            case .needsDecision:
                head += "NOT DONE, nothing decided"
            case .open:
                head += status.due.map { "due \($0)" } ?? "recurring" + (item.action.schedule.map { ": \($0)" } ?? "")
            case .done, .doneLate:
                head += status.standing.label + (status.doneOn.map { " on \($0)" } ?? "")
                    + (status.standing == .doneLate ? " (due \(status.due!))" : "")
            case .waived, .notCompleted:
                head += status.standing.label + (item.action.decision?.date.map { " (decided \($0))" } ?? "")
            }
            var lines = [head, "    " + oneLine(item.action.description)]
            var who: [String] = []
            if let responsible = item.action.responsible { who.append("by \(responsible)") }
            who.append("monitored by \(item.action.monitor ?? "nobody named")")
            lines.append("    " + who.joined(separator: "; "))
            if let latest = status.latest {
                lines.append("    latest: " + (latest.date.map { "\($0) " } ?? "") + latest.status.label
                             + (latest.note.map { ": " + oneLine($0) } ?? ""))
            }
            if let decision = item.action.decision {
                var text = "    decided: \(decision.kind.label)" + (decision.date.map { " on \($0)" } ?? "")
                if let terms = decision.terms { text += "; now: " + oneLine(terms).trimmingCharacters(in: CharacterSet(charactersIn: ".")) }
                if decision.kind == .varied, let due = decision.due { text += "; by \(due)" }
                lines.append(text)
            }
            if item.group == .chaseNow, let consequences = item.consequences {
                lines.append("    the agreement says: " + oneLine(consequences))
            }
            return lines.joined(separator: "\n") + "\n"
        }

        static func oneLine(_ text: String) -> String {
            text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        }

        struct Listing: Encodable {
            var today: String
            var items: [Entry]
        }

        struct Entry: Encodable {
            var caseReference: String
            var file: String
            var action: Int
            var description: String
            var responsible: String?
            var monitor: String?
            var standing: String
            var group: String
            var due: String?
            var daysOverdue: Int?
            var doneOn: String?
            var latest: String?
            var decision: String?
            var consequences: String?

            init(_ item: ActionItem) {
                caseReference = item.caseReference
                file = item.file
                action = item.number
                description = item.action.description
                responsible = item.action.responsible
                monitor = item.action.monitor
                standing = item.status.standing.rawValue
                group = item.group.rawValue
                due = item.status.due?.description
                daysOverdue = item.status.daysOverdue
                doneOn = item.status.doneOn?.description
                latest = item.status.latest?.status.rawValue
                decision = item.action.decision?.kind.rawValue
                consequences = item.group == .chaseNow ? item.consequences : nil
            }
        }
    }
}
