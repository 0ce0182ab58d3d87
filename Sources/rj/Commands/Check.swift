import ArgumentParser
import CaseFiles
import Foundation

extension RJ {
    /// `rj check`: the case against the Best Practice Guidance.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a case against the Best Practice Guidance.",
            discussion: """
                Each finding has a stable code, the guidance paragraph it comes from, and \
                what to do. Exits 1 when any finding is an error, 0 otherwise.

                Examples:
                  rj check Examples/cases/burglary-adult.yml
                  rj check case.yml --format json
                """
        )

        @Argument(help: "The case file (YAML or JSON).")
        var caseFile: String

        @Option(help: ArgumentHelp("text or json.", valueName: "format"))
        var format: OutputStyle = .text

        @Option(help: ArgumentHelp("The day to check overdue actions and closure dates against, YYYY-MM-DD (default: today).",
                                   valueName: "date"))
        var today: String?

        enum OutputStyle: String, ExpressibleByArgument { case text, json }

        func run() throws {
            try reportingFailures {
                let options = try CaseOptions.parse([caseFile] + (today.map { ["--today", $0] } ?? []))
                let loaded = try options.loadCase()
                var findings = GuidanceChecks.run(loaded, today: try options.date())
                // Names kept from some readers: which documents could not be made for them (needs the service file).
                if let renderer = try? options.renderer(redact: false, draft: true) {
                    findings = (findings + renderer.withheldNames(loaded)).sorted {
                        ($0.location.line, $0.location.column, $0.code) < ($1.location.line, $1.location.column, $1.code)
                    }
                } else if loaded.participants.contains(where: { $0.nameSharedWith != nil }) {
                    Terminal.error("note: with no service file, rj check cannot say which documents would show a name kept from their reader (RJ-NAM-001)")
                }
                let errors = findings.filter { $0.severity == .error }.count
                switch format {
                case .text:
                    for finding in findings { print(finding.description) }
                    let warnings = findings.count - errors
                    print(findings.isEmpty
                          ? "\(caseFile): no problems found (\(GuidanceChecks.catalogue.count) checks)"
                          : "\(caseFile): \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")")
                case .json:
                    print(Self.json(findings, file: caseFile))
                }
                if errors > 0 { throw ExitCode(1) }
            }
        }

        static func json(_ findings: [Finding], file: String) -> String {
            let items: [[String: Any]] = findings.map {
                ["code": $0.code, "severity": $0.severity.rawValue, "message": $0.message, "reference": $0.reference,
                 "area": $0.area.rawValue, "file": $0.file, "line": $0.location.line, "column": $0.location.column]
            }
            let object: [String: Any] = ["file": file, "errors": findings.filter { $0.severity == .error }.count,
                                         "findings": items]
            let data = try! JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
            return String(decoding: data, as: UTF8.self)
        }
    }
}
