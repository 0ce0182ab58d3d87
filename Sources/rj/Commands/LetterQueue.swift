import ArgumentParser
import CaseFiles
import Foundation
import LetterReview

/// The letter store: `--store PATH`, else `RJ_STORE`, else `rj.sqlite` here.
struct StoreOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The letter store (default: $RJ_STORE, else rj.sqlite in this folder).", valueName: "path"))
    var store: String?

    func open() throws -> ReviewQueue {
        let path = store ?? ProcessInfo.processInfo.environment["RJ_STORE"] ?? "rj.sqlite"
        do {
            return try ReviewQueue(path: path)
        } catch {
            throw CommandFailure(lines: ["\(error)"], exitCode: 2)
        }
    }
}

/// Runs a queue change, printing a refusal as one line with exit 1.
func queueChange<T>(_ body: () throws(QueueError) -> T) throws -> T {
    do {
        return try body()
    } catch {
        throw CommandFailure(message: error.description, exitCode: 1)
    }
}

extension RJ.Letters {
    struct Submit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Store a letter and screen it.",
            discussion: """
                With a case file, its protected names and places, the names the writer may \
                not know, and whether the case is sensitive and complex feed the screening; \
                with a bare case reference, --sensitive marks a sensitive and complex case \
                (two reviewers: a facilitator and a case supervisor).

                Example:
                  rj letters submit letter.txt --case case.yml --from ryan --to chris
                """
        )
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The letter (a text file), or - for standard input.") var file: String
        @Option(name: .customLong("case"), help: ArgumentHelp("The case file, or the case reference.", valueName: "case"))
        var caseArgument: String
        @Option(help: ArgumentHelp("The writer's participant id.", valueName: "id")) var from: String
        @Option(help: ArgumentHelp("The recipient's participant id.", valueName: "id")) var to: String
        @Flag(help: "The case is sensitive and complex (when --case is a reference).") var sensitive = false
        @Option(help: ArgumentHelp("What response or feedback the writer would like (BPG 2011 §3d.11-12).", valueName: "text"))
        var responseWish: String?
        @Option(help: ArgumentHelp("A service's own rules file, over the shipped rules.", valueName: "file")) var rules: String?

        func run() throws {
            try reportingFailures {
                let letter = try InputFile(path: file).text()
                var context = ScreeningContext(sensitive: sensitive)
                var reference = caseArgument
                var writerName: String?
                if caseArgument.hasSuffix(".yml") || caseArgument.hasSuffix(".yaml") || caseArgument.hasSuffix(".json") {
                    let loaded = try LetterFlags.loadCase(caseArgument)
                    for id in [from, to] where loaded.participant(id) == nil {
                        throw CommandFailure(file: caseArgument, message: "no participant has the id '\(id)'",
                                             hint: "use one of \(loaded.participants.map(\.id).joined(separator: ", "))")
                    }
                    LetterFlags.add(loaded, writer: from, to: &context)
                    reference = loaded.reference
                    writerName = loaded.participant(from)?.name
                }
                let screening = try LetterFlags.screener(rules: rules).screen(letter, context: context)
                let queue = try storeOptions.open()
                let id = try queueChange { () throws(QueueError) in
                    try queue.submit(text: letter, caseReference: reference, writer: from, writerName: writerName,
                                     recipient: to, sensitive: context.sensitive, responseWish: responseWish,
                                     screening: screening)
                }
                print("letter \(id) stored: \(screening.verdict.rawValue) (\(screening.count(.block)) block, \(screening.count(.warn)) warn)\(context.sensitive ? "; sensitive and complex: a facilitator and a case supervisor must both approve" : "")")
                print("next: rj letters show \(id)")
            }
        }
    }

    struct Queue: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the letters awaiting action, oldest first.")
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            try reportingFailures {
                let queue = try storeOptions.open()
                let letters = try queueChange { () throws(QueueError) in try queue.queue() }
                guard !letters.isEmpty else {
                    print("no letters await action")
                    return
                }
                var rows = [["ID", "RECEIVED", "CASE", "FROM", "TO", "STATUS", "VERDICT", "BLOCK", "WARN", "CONSENT"]]
                for letter in letters {
                    rows.append([String(letter.id!), String(letter.receivedAt.prefix(16)).replacingOccurrences(of: "T", with: " "),
                                 letter.caseReference, letter.writer, letter.recipient,
                                 letter.status.rawValue + (letter.sensitive ? "*" : ""), letter.verdict,
                                 String(letter.blockCount), String(letter.warnCount), letter.consent ?? "-"])
                }
                let widths = (0..<rows[0].count).map { column in rows.map { $0[column].count }.max()! }
                var output = ""
                for row in rows {
                    output += row.enumerated().map { $0.element.padding(toLength: widths[$0.offset], withPad: " ", startingAt: 0) }
                        .joined(separator: "  ").trimmingCharacters(in: .whitespaces) + "\n"
                }
                output += "\(letters.count) letter\(letters.count == 1 ? "" : "s"); * sensitive and complex (two reviewers)\n"
                Terminal.output(output)
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a letter with its findings, versions and reviews.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The letter's number.") var id: Int64

        func run() throws {
            try reportingFailures {
                let queue = try storeOptions.open()
                let details = try queueChange { () throws(QueueError) in try queue.details(id) }
                let letter = details.letter
                print("letter \(id) · case \(letter.caseReference) · from \(letter.writer) to \(letter.recipient)")
                print("status: \(letter.status.rawValue)\(letter.sensitive ? " (sensitive and complex)" : "") · version \(letter.currentVersion) of \(details.versions.count) · consent: \(letter.consent ?? "not yet asked")\(letter.holdUntil.map { " · held until \($0)" } ?? "")")
                if let wish = letter.responseWish { print("the writer would like: \(wish)") }
                for review in details.reviews {
                    print("  \(review.decision == "approve" ? "approved" : "returned") v\(review.version) by \(review.reviewer) (\(review.role))\(review.note.map { ": \($0)" } ?? "")")
                }
                for redaction in details.redactions {
                    print("  redacted v\(redaction.version) \(redaction.span) by \(redaction.reviewer): \(redaction.reason)")
                }
                print("")
                let current = details.current
                let result = current.decodedFindings
                Terminal.output(ScreeningReport.text(ScreeningResult.rebuilt(result), letter: current.text, name: "letter \(id) v\(current.number)"))
            }
        }
    }

    struct Approve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Approve a letter (a case supervisor adds --supervisor).",
            discussion: "Nobody approves a letter they wrote. A letter with block findings needs them redacted, or --override with a written reason.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The letter's number.") var id: Int64
        @Option(help: ArgumentHelp("Who approves.", valueName: "name")) var reviewer: String
        @Flag(help: "The reviewer is the case supervisor.") var supervisor = false
        @Option(help: ArgumentHelp("Why block findings may stay (written reason).", valueName: "reason")) var override: String?

        func run() throws {
            try reportingFailures {
                let queue = try storeOptions.open()
                try queueChange { () throws(QueueError) in try queue.approve(id, reviewer: reviewer, supervisor: supervisor, override: override) }
                let letter = try queueChange { () throws(QueueError) in try queue.details(id).letter }
                print(letter.status == .approved
                      ? "letter \(id) approved; it can be released once the recipient agrees to receive it"
                      : "letter \(id): approval recorded; a \(supervisor ? "facilitator" : "case supervisor") must approve it too")
            }
        }
    }

    struct Return: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Return a letter to its writer with feedback.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The letter's number.") var id: Int64
        @Option(help: ArgumentHelp("Who returns it.", valueName: "name")) var reviewer: String
        @Option(help: ArgumentHelp("What the writer should change, and why.", valueName: "text")) var feedback: String

        func run() throws {
            try reportingFailures {
                let queue = try storeOptions.open()
                try queueChange { () throws(QueueError) in try queue.returnToWriter(id, reviewer: reviewer, feedback: feedback) }
                print("letter \(id) returned to the writer")
            }
        }
    }

    struct Revise: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Store a new version of a letter and screen it again.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The letter's number.") var id: Int64
        @Argument(help: "The new version (a text file), or - for standard input.") var file: String
        @Option(name: .customLong("case"), help: ArgumentHelp("The case file, for its protected names and places.", valueName: "file"))
        var caseFile: String?
        @Option(help: ArgumentHelp("A service's own rules file.", valueName: "file")) var rules: String?

        func run() throws {
            try reportingFailures {
                let text = try InputFile(path: file).text()
                let queue = try storeOptions.open()
                let letter = try queueChange { () throws(QueueError) in try queue.details(id).letter }
                var context = ScreeningContext(sensitive: letter.sensitive)
                if let caseFile { LetterFlags.add(try LetterFlags.loadCase(caseFile), writer: letter.writer, to: &context) }
                let screening = try LetterFlags.screener(rules: rules).screen(text, context: context)
                try queueChange { () throws(QueueError) in try queue.revise(id, text: text, screening: screening) }
                print("letter \(id) version \(letter.currentVersion + 1) stored: \(screening.verdict.rawValue) (\(screening.count(.block)) block, \(screening.count(.warn)) warn)")
            }
        }
    }

    struct Redact: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Leave a span out of the released copy (the original is kept).",
            discussion: "The span is LINE:COLUMN-LINE:COLUMN, inclusive, as `rj letters show` numbers them. Approvals start again.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The letter's number.") var id: Int64
        @Option(help: ArgumentHelp("Who redacts.", valueName: "name")) var reviewer: String
        @Option(help: ArgumentHelp("LINE:COLUMN-LINE:COLUMN", valueName: "span")) var span: String
        @Option(help: ArgumentHelp("Why (BPG 2011 footnote 14: only for serious risk of harm).", valueName: "text")) var reason: String

        func run() throws {
            try reportingFailures {
                guard let parsed = TextSpan(span) else {
                    throw CommandFailure(message: "'\(span)' is not a span", hint: "write LINE:COLUMN-LINE:COLUMN, like 3:14-3:26")
                }
                let queue = try storeOptions.open()
                try queueChange { () throws(QueueError) in try queue.redact(id, reviewer: reviewer, span: parsed, reason: reason) }
                print("letter \(id): \(span) redacted; it needs approving again")
            }
        }
    }

    struct Reject: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Reject a letter: it will not be handed over.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The letter's number.") var id: Int64
        @Option(help: ArgumentHelp("Who rejects it (default: facilitator).", valueName: "name")) var reviewer: String = "facilitator"
        @Option(help: ArgumentHelp("Why.", valueName: "text")) var reason: String

        func run() throws {
            try reportingFailures {
                let queue = try storeOptions.open()
                try queueChange { () throws(QueueError) in try queue.reject(id, reviewer: reviewer, reason: reason) }
                print("letter \(id) rejected")
            }
        }
    }

    struct Withdraw: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Withdraw a letter at its writer's request.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The letter's number.") var id: Int64
        @Option(help: ArgumentHelp("Why, if the writer said.", valueName: "text")) var reason: String?

        func run() throws {
            try reportingFailures {
                let queue = try storeOptions.open()
                try queueChange { () throws(QueueError) in try queue.withdraw(id, reason: reason) }
                print("letter \(id) withdrawn")
            }
        }
    }

    struct Consent: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record whether the recipient agreed to receive the letter.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The letter's number.") var id: Int64
        @Flag(help: "The recipient agreed to receive it.") var recipientAgreed = false
        @Flag(help: "The recipient declined it.") var recipientDeclined = false
        @Option(help: ArgumentHelp("When they said so, YYYY-MM-DD (default: today).", valueName: "date")) var date: String?
        @Option(help: ArgumentHelp("Who recorded it.", valueName: "name")) var by: String = "facilitator"

        func validate() throws {
            guard recipientAgreed != recipientDeclined else { throw ValidationError("give --recipient-agreed or --recipient-declined") }
            if let date, CalendarDateCheck.isDate(date) == false { throw ValidationError("--date \(date) is not a date; write YYYY-MM-DD") }
        }

        func run() throws {
            try reportingFailures {
                let queue = try storeOptions.open()
                try queueChange { () throws(QueueError) in
                    try queue.consent(id, agreed: recipientAgreed, date: date ?? CalendarDateCheck.today(), recordedBy: by)
                }
                print("letter \(id): the recipient \(recipientAgreed ? "agreed to receive it" : "declined it")")
            }
        }
    }

    struct Hold: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Hold a letter back until a date.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The letter's number.") var id: Int64
        @Option(help: ArgumentHelp("YYYY-MM-DD", valueName: "date")) var until: String
        @Option(help: ArgumentHelp("Who holds it.", valueName: "name")) var by: String = "facilitator"

        func validate() throws {
            if !CalendarDateCheck.isDate(until) { throw ValidationError("--until \(until) is not a date; write YYYY-MM-DD") }
        }

        func run() throws {
            try reportingFailures {
                let queue = try storeOptions.open()
                try queueChange { () throws(QueueError) in try queue.hold(id, until: until, by: by) }
                print("letter \(id) held until \(until)")
            }
        }
    }

    struct Release: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Release an approved letter for handover, and write the handover copy.",
            discussion: """
                Only when it is approved (by a facilitator and a case supervisor in a sensitive \
                and complex case), no block finding is left unredacted or unexplained, the \
                recipient agreed to receive it, and it is not held, withdrawn or rejected. The \
                copy is never sealed (BPG 2011 §3d.12-13).
                """)
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The letter's number.") var id: Int64
        @Option(help: ArgumentHelp("Who hands it over.", valueName: "name")) var by: String
        @Option(help: ArgumentHelp("in-person, read-aloud or via-supporter.", valueName: "method")) var method: Method
        @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the handover copy (default: letter-ID.html).", valueName: "file"))
        var out: String?

        enum Method: String, ExpressibleByArgument { case inPerson = "in-person", readAloud = "read-aloud", viaSupporter = "via-supporter" }

        func run() throws {
            try reportingFailures {
                let today = CalendarDateCheck.today()
                let queue = try storeOptions.open()
                let handover = try queueChange { () throws(QueueError) in
                    try queue.release(id, by: by, method: method.rawValue, today: today)
                }
                let path = out ?? "letter-\(id).html"
                try AtomicFile.write(Data(handover.html(recipientName: nil, today: today).utf8), to: path)
                print("letter \(id) released (\(method.rawValue), by \(by)); handover copy: \(path)")
                if let wish = handover.letter.responseWish { print("follow up: the writer would like \(wish)") }
            }
        }
    }

    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the audit trail, for one letter or all.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The letter's number (default: all).") var id: Int64?

        func run() throws {
            try reportingFailures {
                let queue = try storeOptions.open()
                let entries = try queueChange { () throws(QueueError) in try queue.log(letter: id) }
                for entry in entries {
                    print("\(entry.sequence)  \(entry.at.prefix(19))  letter \(entry.letterId.map(String.init) ?? "-")  \(entry.action) by \(entry.actor)  \(entry.detail)")
                }
                if entries.isEmpty { print("the audit trail is empty") }
            }
        }
    }

    struct VerifyLog: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify-log", abstract: "Check that no audit entry was altered or removed.")
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            try reportingFailures {
                let queue = try storeOptions.open()
                let check = try queueChange { () throws(QueueError) in try queue.verifyLog() }
                switch check {
                case .intact(let entries):
                    print("audit trail intact: \(entries) entries, each hash-chained to the one before")
                case .broken(let sequence, let reason):
                    throw CommandFailure(message: "audit trail broken at entry \(sequence): \(reason)", exitCode: 1)
                }
            }
        }
    }

    struct Followups: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Released letters whose writers asked for a response or feedback.")
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            try reportingFailures {
                let queue = try storeOptions.open()
                let letters = try queueChange { () throws(QueueError) in try queue.followups() }
                for letter in letters {
                    print("letter \(letter.id!)  case \(letter.caseReference)  \(letter.writer) → \(letter.recipient)  released \(letter.releasedAt?.prefix(10) ?? "")  wish: \(letter.responseWish ?? "")")
                }
                if letters.isEmpty { print("no follow-ups") }
            }
        }
    }
}

/// Dates on the command line.
enum CalendarDateCheck {
    static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-")
        return parts.count == 3 && parts[0].count == 4 && parts[1].count == 2 && parts[2].count == 2
            && Int(parts[1]).map { (1...12).contains($0) } == true && Int(parts[2]).map { (1...31).contains($0) } == true
    }

    static func today() -> String {
        if let fixed = ProcessInfo.processInfo.environment["RJ_TODAY"], isDate(fixed) { return fixed }
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "Europe/London")!, from: Date())
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }
}
