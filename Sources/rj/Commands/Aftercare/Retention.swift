import ArgumentParser
import CaseFiles
import Foundation
import LetterReview
import Reports
import Templating

extension RJ {
    /// `rj retention`: which cases have been kept as long as the service keeps records, and deleting them.
    struct Retention: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the cases whose records are due for deletion, and delete them with --apply.",
            discussion: """
                A case is due once more than the service's retention_years (in the service \
                file) have passed since the day it closed; an open case never is. Without \
                --apply nothing changes: rj lists each case due and what would go.

                With --apply (a service manager, named with --as), for each case due: its \
                letters, their versions, and its agreement's signed texts, signatures, seals \
                and copies are deleted from the letter store in one transaction, each with a \
                last audit entry saying why (no content), so that verify-log still passes; the \
                case file is then replaced by its figures for reports (closed-YEAR-MONTH-*.figures.json: \
                dates, counts and the referrer; no participant's name, reference or notes), which rj report counts. A \
                record changed outside rj is not deleted: verify-log says what changed.

                Examples:
                  rj retention Examples/cases --today 2033-01-01
                  rj retention cases --apply --as ahussain
                """
        )

        @Argument(help: ArgumentHelp("A folder of case files.", valueName: "folder"))
        var folder: String

        @Option(help: ArgumentHelp("The day to count from, YYYY-MM-DD (default: today).", valueName: "date"))
        var today: String?

        @Option(help: ArgumentHelp("The service file with retention_years (default: service.yml in the folder).",
                                   valueName: "file"))
        var service: String?

        @Flag(help: "Delete what is due (default: only list it).")
        var apply = false

        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            try reportingFailures {
                // A day ahead lets one look at what will fall due; deleting counts from the day by the clock only.
                let day = try today.map { CalendarDate(iso: try Today.parse($0, option: "--today"))! } ?? (apply ? Today.byTheClock : Today.date)
                if apply && day > Today.byTheClock {
                    throw CommandFailure(message: "--today \(day) is after today (\(Today.byTheClock)); records are deleted only once their period has really ended",
                                         hint: "leave out --today with --apply", exitCode: 1)
                }
                let servicePath = service ?? URL(fileURLWithPath: folder).appendingPathComponent("service.yml").relativePath
                let policy = try Self.policy(servicePath)
                let cases = try CaseFolder.load(folder, allowEmpty: true)
                let due = cases.filter { policy.isDue($0, on: day) }
                let open = cases.filter { $0.closure == nil }.count

                // The store is asked only when someone is named: counting its records is a read.
                // --apply always needs the store: who acts, their role, and the trail are there.
                var queue: ReviewQueue?
                if apply || (storeOptions.actorIfNamed != nil && !due.isEmpty) {
                    _ = try storeOptions.actor()
                    queue = try storeOptions.open()
                }
                var output = "Records are kept \(policy.years) year\(policy.years == 1 ? "" : "s") after a case closes (\(servicePath)). "
                output += "On \(day), \(due.count) of \(cases.count) case\(cases.count == 1 ? "" : "s") \(due.count == 1 ? "is" : "are") due for deletion.\n"
                Terminal.output(output)
                var deleted = 0
                for loaded in due {
                    let closed = loaded.closure!.date!
                    var lines = ["", "  \(loaded.reference)  closed \(closed)"
                                 + (loaded.closure?.reason.map { " (\($0.label))" } ?? "")
                                 + "; kept until \(policy.keptUntil(closed: closed))"]
                    let reason = "closed \(closed); the service keeps records \(policy.years) years"
                    if apply, let queue {
                        let actor = try storeOptions.actor()
                        let gone = try attempt { () throws(LetterError) in
                            try queue.deleteRecords(case: loaded.reference, reason: reason, by: actor)
                        }
                        let record = try Self.replace(loaded, in: folder, today: day)
                        deleted += 1
                        lines.append("    deleted: the case file \(loaded.file); in the store, \(gone.summary)")
                        lines.append("    kept: its figures for reports, in \(record)")
                    } else {
                        let actor = storeOptions.actorIfNamed
                        let held = try queue.flatMap { queue in
                            try actor.map { actor in
                                try attempt { () throws(LetterError) in try queue.holdings(case: loaded.reference, by: actor) }.summary
                            }
                        } ?? "not counted (name yourself with --as to count the letters and agreement records)"
                        lines.append("    would delete: the case file \(loaded.file); in the store, \(held)")
                        lines.append("    would keep: its figures for reports (dates, counts and the referrer; no participant's name, no reference, no notes)")
                    }
                    Terminal.output(lines.joined(separator: "\n") + "\n")
                }
                let closedNotDue = cases.count - due.count - open
                var summary = "\nNot due: \(closedNotDue) closed case\(closedNotDue == 1 ? "" : "s") still in their retention period, "
                    + "\(open) open (kept until they close).\n"
                if apply {
                    summary += "Deleted \(deleted) case\(deleted == 1 ? "" : "s"); each deletion is on the audit trail (rj letters log).\n"
                } else if !due.isEmpty {
                    summary += """
                        This was a dry run: nothing was deleted. Once their period has ended, a service manager deletes them with:
                          rj retention \(folder) --apply --as STAFF-ID

                        """
                }
                Terminal.output(summary)
            }
        }

        /// The service's retention period, or a failure saying how to set it.
        static func policy(_ path: String) throws -> RetentionPolicy {
            let service = try CaseOptions.loadService(path)
            guard let years = service.retentionYears else {
                throw CommandFailure(file: path, message: "the service file does not say how many years records are kept",
                                     hint: "add retention_years: 6 (or your policy's number); retention: keeps the words participants read")
            }
            return RetentionPolicy(years: years)
        }

        /// Replaces the case file by its figures beside it, under a name that
        /// carries no reference or name; returns the figures' path. The figures
        /// are written first under a hidden name, the case file removed, then
        /// the figures renamed into place: a failure leaves the case file (and
        /// no figures), never both, so that no case is counted twice.
        static func replace(_ loaded: Case, in folder: String, today: CalendarDate) throws -> String {
            let figures = CaseFigures(loaded, today: today)
            let data = Data((try JSON.encode(figures) + "\n").utf8)
            let closed = loaded.closure?.date.map { String(format: "%04d-%02d", $0.year, $0.month) } ?? "undated"
            let tag = UUID().uuidString.prefix(8).lowercased()
            let base = URL(fileURLWithPath: folder)
            let path = base.appendingPathComponent("closed-\(closed)-\(tag).figures.json").relativePath
            let staging = base.appendingPathComponent(".closed-\(closed)-\(tag).figures.json.new").path
            try AtomicFile.write(data, to: staging)
            do {
                try FileManager.default.removeItem(atPath: loaded.file)
            } catch {
                try? FileManager.default.removeItem(atPath: staging)
                throw CommandFailure(file: loaded.file, message: "the store's records were deleted, but the case file could not be removed",
                                     hint: "check the folder's permissions and run rj retention --apply again; nothing else changed", exitCode: 1)
            }
            do {
                try FileManager.default.moveItem(atPath: staging, toPath: path)
            } catch {
                throw CommandFailure(file: path, message: "the case file was removed, but its figures are still at \(staging)",
                                     hint: "rename it to \(path) so that rj report counts it", exitCode: 1)
            }
            return path
        }
    }
}
