import ArgumentParser
import CaseFiles
import Foundation
import Reports
import Templating

extension RJ {
    /// `rj report`: figures for commissioners over a folder of cases.
    struct ReportCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "Figures for commissioners over a folder of cases, by quarter, anonymous by construction.",
            discussion: """
                Referrals by referrer and context; contact within five working days, consent \
                and declines; direct and indirect processes; agreements and how their actions \
                ended; closure reasons; feedback. Each figure is counted by its own date (a \
                referral by its referral date, a closure by its closure date) within FROM to TO, \
                widened to whole calendar quarters.

                No names, references or notes are included. Counts under 5 are shown as \
                "fewer than 5" and every other count is rounded to the nearest 5, so that no \
                figure, and no difference of two figures in the report, points at a person; \
                a referrer is named only when five or more referrals share it; a median or \
                average needs ten cases. Records reduced by \
                `rj retention --apply` (*.figures.json in the folder) are counted too.

                Examples:
                  rj report Examples/cases --from 2026-01-01 --to 2026-12-31 --out report.html
                  rj report cases --from 2026-04-01 --to 2027-03-31 --format csv --out q1-q4.csv
                """
        )

        @Argument(help: ArgumentHelp("A folder of case files.", valueName: "folder"))
        var folder: String

        @Option(help: ArgumentHelp("The first day of the period, YYYY-MM-DD.", valueName: "date"))
        var from: String

        @Option(help: ArgumentHelp("The last day of the period, YYYY-MM-DD.", valueName: "date"))
        var to: String

        @Option(help: ArgumentHelp("html, csv or json.", valueName: "format"))
        var format: ReportFormat = .html

        @Option(help: ArgumentHelp("The service file, for the report's title (default: service.yml in the folder).",
                                   valueName: "file"))
        var service: String?

        @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file (atomically) instead of standard output.",
                                                       valueName: "file"))
        var out: String?

        enum ReportFormat: String, ExpressibleByArgument { case html, csv, json }

        func run() throws {
            try reportingFailures {
                let first = try Today.parse(from, option: "--from"), last = try Today.parse(to, option: "--to")
                let start = CalendarDate(iso: first)!, end = CalendarDate(iso: last)!
                guard start <= end else {
                    throw CommandFailure(message: "--from \(first) is after --to \(last)", hint: "give the first day, then the last")
                }
                let figures = try Self.figures(in: folder, today: Today.date)
                let report = Report(figures, from: start, to: end)
                if report.from != start || report.to != end {
                    Terminal.error("note: the period is whole quarters, \(report.from) to \(report.to), so that no count can be found by moving a day")
                }
                let text: String
                switch format {
                case .csv: text = report.csv
                case .json: text = report.json
                case .html:
                    let path = service ?? URL(fileURLWithPath: folder).appendingPathComponent("service.yml").relativePath
                    let name = FileManager.default.fileExists(atPath: path) ? (try? Service.load(path: path))?.name : nil
                    text = report.html(service: name ?? "Restorative justice service")
                }
                try Output(path: out).write(text)
            }
        }

        /// The figures of every case file in `folder`, and of every record
        /// reduced to its figures (`*.figures.json`).
        static func figures(in folder: String, today: CalendarDate) throws -> [CaseFigures] {
            var figures = try CaseFolder.load(folder, allowEmpty: true).map { CaseFigures($0, today: today) }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            for name in names.sorted() where name.hasSuffix(".figures.json") {
                let path = URL(fileURLWithPath: folder).appendingPathComponent(name).path
                guard let data = FileManager.default.contents(atPath: path),
                      let record = try? JSONDecoder().decode(CaseFigures.self, from: data) else {
                    throw CommandFailure(file: path, message: "not a record of case figures",
                                         hint: "it should be as rj retention --apply wrote it; move it out of the folder if it is something else")
                }
                figures.append(record)
            }
            return figures
        }
    }
}
