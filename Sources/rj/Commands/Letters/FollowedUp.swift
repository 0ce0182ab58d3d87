import ArgumentParser
import LetterReview

extension RJ.Letters {
    struct FollowedUp: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "followed-up", abstract: "Mark done the response or feedback a writer asked for.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The letter's number.") var id: Int64
        @Option(help: ArgumentHelp("What was done.", valueName: "text")) var note: String?

        func run() throws {
            try reportingFailures {
                let actor = try storeOptions.actor()
                let queue = try storeOptions.open()
                try attempt { () throws(LetterError) in try queue.markFollowedUp(id, by: actor, note: note) }
                print("letter \(id): follow-up marked done")
            }
        }
    }
}
