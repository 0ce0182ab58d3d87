import ArgumentParser
import LetterReview

extension RJ.Letters {
    struct Hold: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Hold a letter back until a date (a trial, an anniversary, a review), or lift the hold.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The letter's number.") var id: Int64
        @Option(help: ArgumentHelp("A date after today, YYYY-MM-DD.", valueName: "date")) var until: String?
        @Flag(help: "Lift the hold.") var lift = false

        func validate() throws {
            if (until == nil) == !lift { throw ValidationError("give --until DATE to hold the letter, or --lift to lift a hold") }
        }

        func run() throws {
            try reportingFailures {
                let day = try until.map { try Today.parse($0, option: "--until") }
                let actor = try storeOptions.actor()
                let queue = try storeOptions.open()
                try attempt { () throws(LetterError) in try queue.hold(id, until: day, today: Today.iso, by: actor) }
                print(day.map { "letter \(id) held until \($0)" } ?? "letter \(id): hold lifted")
            }
        }
    }
}
