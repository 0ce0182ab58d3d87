import ArgumentParser
import LetterReview

extension RJ.Letters {
    struct Redact: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Leave words out of the copy handed over (the original is kept).",
            discussion: """
                Quote the words with --text (and --occurrence N when they appear more than \
                once), or give --span LINE:COLUMN-LINE:COLUMN, inclusive, as rj letters show \
                numbers them. Approvals start again. Information is withheld only for a \
                serious risk of harm (BPG 2011 footnote 14).

                Examples:
                  rj letters redact 3 --text "07700 900 123" --reason "a phone number" --as kturner
                  rj letters redact 3 --span 4:1-4:13 --reason "a phone number" --as kturner
                """)
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The letter's number.") var id: Int64
        @Option(help: ArgumentHelp("The words to leave out, exactly as they stand.", valueName: "words")) var text: String?
        @Option(help: ArgumentHelp("Which time the words appear, from 1 (when more than once).", valueName: "n")) var occurrence: Int?
        @Option(help: ArgumentHelp("LINE:COLUMN-LINE:COLUMN", valueName: "span")) var span: String?
        @Option(help: ArgumentHelp("Why.", valueName: "text")) var reason: String

        func validate() throws {
            if text != nil && span != nil { throw ValidationError("give the words with --text, or a --span, not both") }
            if text == nil && span == nil { throw ValidationError("say what to leave out: --text \"the words\" or --span LINE:COLUMN-LINE:COLUMN") }
            if occurrence != nil && text == nil { throw ValidationError("--occurrence goes with --text") }
        }

        func run() throws {
            try reportingFailures {
                let target: RedactionTarget
                if let span {
                    guard let parsed = TextSpan(span) else {
                        throw CommandFailure(message: "'\(span)' is not a span", hint: "write LINE:COLUMN-LINE:COLUMN, like 3:14-3:26")
                    }
                    target = .span(parsed)
                } else {
                    target = .text(text!, occurrence: occurrence)
                }
                let actor = try storeOptions.actor()
                let queue = try storeOptions.open()
                let redacted = try attempt { () throws(LetterError) in try queue.redact(id, target, by: actor, reason: reason) }
                print("letter \(id): \(redacted) redacted; it needs approving again")
            }
        }
    }
}
