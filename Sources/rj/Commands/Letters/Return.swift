import ArgumentParser
import LetterReview

extension RJ.Letters {
    struct Return: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Return a letter to its writer with feedback.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The letter's number.") var id: Int64
        @Option(help: ArgumentHelp("What the writer should change, and why.", valueName: "text")) var feedback: String

        func run() throws {
            try reportingFailures {
                let actor = try storeOptions.actor()
                let queue = try storeOptions.open()
                try attempt { () throws(LetterError) in try queue.returnToWriter(id, by: actor, feedback: feedback) }
                print("letter \(id) returned to the writer; store their new version with rj letters revise \(id) FILE --case CASE")
            }
        }
    }
}
