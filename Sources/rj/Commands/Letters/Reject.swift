import ArgumentParser
import LetterReview

extension RJ.Letters {
    struct Reject: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Reject a letter: it will not be handed over.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The letter's number.") var id: Int64
        @Option(help: ArgumentHelp("Why.", valueName: "text")) var reason: String

        func run() throws {
            try reportingFailures {
                let actor = try storeOptions.actor()
                let queue = try storeOptions.open()
                try attempt { () throws(LetterError) in try queue.reject(id, by: actor, reason: reason) }
                print("letter \(id) rejected")
            }
        }
    }
}
