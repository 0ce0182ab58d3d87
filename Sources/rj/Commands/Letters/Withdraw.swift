import ArgumentParser
import LetterReview

extension RJ.Letters {
    struct Withdraw: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Withdraw a letter at its writer's request.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The letter's number.") var id: Int64
        @Option(help: ArgumentHelp("Why, if the writer said.", valueName: "text")) var reason: String?

        func run() throws {
            try reportingFailures {
                let actor = try storeOptions.actor()
                let queue = try storeOptions.open()
                try attempt { () throws(LetterError) in try queue.withdraw(id, by: actor, reason: reason) }
                print("letter \(id) withdrawn")
            }
        }
    }
}
