import ArgumentParser
import LetterReview

extension RJ.Letters {
    struct VerifyLog: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify-log",
            abstract: "Check the audit trail, and every letter and member of staff against it.",
            discussion: """
                Checks that each entry is sealed with the service's key and follows the one \
                before in its office's chain (none altered, removed or forged), then that every \
                letter and member of staff is as its last entry recorded. Names each thing that \
                differs; exits 1 if anything does. Staff check their own office; a partnership \
                lead or an admin checks every office, and that no entry is missing between them.
                """)
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            try reportingFailures {
                let actor = try storeOptions.actor()
                let queue = try storeOptions.open()
                let report = try attempt { () throws(LetterError) in try queue.verify(by: actor) }
                if report.isIntact {
                    let scope = report.wholeStore ? "" : " of the \(report.offices.joined(separator: ", ")) office\(report.offices.count == 1 ? "" : "s") (a partnership lead or an admin checks every office)"
                    print("audit trail\(scope) intact: \(report.entries) entries, each sealed with the service key and chained to the one before; every letter and member of staff matches its last entry")
                    return
                }
                var lines: [String] = []
                if let broken = report.chainBreak { lines.append("error: audit trail broken at entry \(broken.sequence): \(broken.reason)") }
                lines += report.discrepancies.map { "error: \($0)" }
                throw CommandFailure(lines: lines, exitCode: ExitStatus.refused)
            }
        }
    }
}
