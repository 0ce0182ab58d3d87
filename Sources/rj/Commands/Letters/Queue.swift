import ArgumentParser
import Foundation
import LetterReview

extension RJ.Letters {
    struct Queue: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the letters awaiting action, oldest first.",
            discussion: "STATUS is pending, returned or approved, or held until a date; * marks a sensitive and complex case.")
        @OptionGroup var storeOptions: StoreOptions
        @Option(help: ArgumentHelp("text or json.", valueName: "format")) var format: OutputStyle = .text

        func run() throws {
            try reportingFailures {
                let actor = try storeOptions.actor()
                let queue = try storeOptions.open()
                let letters = try attempt { () throws(LetterError) in try queue.queue(by: actor) }
                let today = Today.iso
                if format == .json {
                    Terminal.output(try JSON.encode(letters.map { QueueItem($0, today: today) }) + "\n")
                    return
                }
                guard !letters.isEmpty else {
                    print("no letters await action")
                    return
                }
                var rows = [["ID", "RECEIVED", "CASE", "FROM", "TO", "STATUS", "VERDICT", "BLOCK", "WARN", "CONSENT"]]
                for letter in letters {
                    rows.append([String(letter.id!), String(letter.receivedAt.prefix(16)).replacingOccurrences(of: "T", with: " "),
                                 letter.caseReference, letter.writer, letter.recipient,
                                 QueueItem.status(letter, today: today) + (letter.sensitive ? "*" : ""), letter.verdict.reported,
                                 String(letter.blockCount), String(letter.warnCount), letter.consent?.rawValue ?? "-"])
                }
                Terminal.output(Table.render(rows)
                    + "\(letters.count) letter\(letters.count == 1 ? "" : "s"); * sensitive and complex (a facilitator and a case supervisor approve)\n")
            }
        }
    }
}

/// A queued letter as `--format json` gives it.
struct QueueItem: Encodable {
    // The names `rj letters show --format json` gives the same fields.
    var id: Int64
    var receivedAt: String
    var caseReference: String
    var writer: String
    var recipient: String
    var status: String
    /// Only while the letter is held.
    var holdUntil: String?
    var sensitive: Bool
    var verdict: String
    var blockCount: Int
    var warnCount: Int
    var consent: String?
    var office: String

    init(_ letter: StoredLetter, today: String) {
        id = letter.id!
        receivedAt = letter.receivedAt
        caseReference = letter.caseReference
        writer = letter.writer
        recipient = letter.recipient
        status = letter.isHeld(on: today) ? "held" : letter.status.rawValue
        holdUntil = letter.isHeld(on: today) ? letter.holdUntil : nil
        sensitive = letter.sensitive
        verdict = letter.verdict.reported
        blockCount = letter.blockCount
        warnCount = letter.warnCount
        consent = letter.consent?.rawValue
        office = letter.office
    }

    static func status(_ letter: StoredLetter, today: String) -> String {
        letter.isHeld(on: today) ? "held to \(letter.holdUntil!)" : letter.status.rawValue
    }
}
