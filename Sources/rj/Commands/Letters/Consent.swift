import ArgumentParser
import LetterReview

extension RJ.Letters {
    struct Consent: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record whether the recipient agreed to receive the letter (BPG 2011 §3d.13).")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The letter's number.") var id: Int64
        @Flag(help: "The recipient agreed to receive it.") var recipientAgreed = false
        @Flag(help: "The recipient declined it.") var recipientDeclined = false
        @Option(help: ArgumentHelp("When they said so, YYYY-MM-DD (default: today).", valueName: "date")) var date: String?

        func validate() throws {
            if recipientAgreed && recipientDeclined {
                throw ValidationError("give one of --recipient-agreed and --recipient-declined, not both")
            }
            if !recipientAgreed && !recipientDeclined {
                throw ValidationError("say what the recipient answered: --recipient-agreed or --recipient-declined")
            }
        }

        func run() throws {
            try reportingFailures {
                let day = try date.map { try Today.parse($0, option: "--date") } ?? Today.iso
                let actor = try storeOptions.actor()
                let queue = try storeOptions.open()
                try attempt { () throws(LetterError) in
                    try queue.recordConsent(id, recipientAgreed ? .agreed : .declined, on: day, today: Today.iso, by: actor)
                }
                print("letter \(id): the recipient \(recipientAgreed ? "agreed to receive it" : "declined it") (\(day))")
            }
        }
    }
}
