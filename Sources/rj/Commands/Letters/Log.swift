import ArgumentParser
import LetterReview

extension RJ.Letters {
    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the audit trail, for one letter or all, in sentences.",
            discussion: "Each line: the entry's number, when (UTC), the letter, what was done and by whom, and the account it came from.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The letter's number (default: all).") var id: Int64?
        @Option(help: ArgumentHelp("text or json.", valueName: "format")) var format: OutputStyle = .text

        func run() throws {
            try reportingFailures {
                let actor = try storeOptions.actor()
                let queue = try storeOptions.open()
                let entries = try attempt { () throws(LetterError) in try queue.log(letter: id, by: actor) }
                let names = try attempt { () throws(LetterError) in try queue.staffNames(by: actor) }
                if format == .json {
                    Terminal.output(try JSON.encode(entries.map { LogJSON($0, names: names) }) + "\n")
                    return
                }
                if entries.isEmpty {
                    print("the audit trail is empty")
                    return
                }
                var output = ""
                for entry in entries {
                    let subject = entry.letterId.map { "letter \($0)" } ?? "staff"
                    output += "\(entry.sequence)  \(entry.at.prefix(16).replacingOccurrences(of: "T", with: " "))  \(subject)  \(entry.sentence(names: names))  [\(entry.account)]\n"
                }
                Terminal.output(output)
            }
        }
    }
}

/// An audit entry as `rj letters log --format json` gives it.
struct LogJSON: Encodable {
    var sequence: Int64
    var at: String
    var letter: Int64?
    var staffMember: String?
    var action: String
    var actor: String
    var account: String
    var detail: [String: String]
    var sentence: String

    init(_ entry: AuditEntry, names: [String: String]) {
        sequence = entry.sequence
        at = entry.at
        letter = entry.letterId
        staffMember = entry.staffMember
        action = entry.action
        actor = entry.actor
        account = entry.account
        detail = entry.details
        sentence = entry.sentence(names: names)
    }
}
