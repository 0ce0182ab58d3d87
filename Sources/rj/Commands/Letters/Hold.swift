import ArgumentParser
import LetterReview

extension RJ.Letters {
    struct Hold: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Hold a letter back until a date (a trial, an anniversary, a review).")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The letter's number.") var id: Int64
        @Option(help: ArgumentHelp("YYYY-MM-DD", valueName: "date")) var until: String

        func run() throws {
            try reportingFailures {
                let day = try Today.parse(until, option: "--until")
                let actor = try storeOptions.actor()
                let queue = try storeOptions.open()
                try attempt { () throws(LetterError) in try queue.hold(id, until: day, by: actor) }
                print("letter \(id) held until \(day)")
            }
        }
    }
}
