import ArgumentParser
import LetterReview

extension RJ.Staff {
    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Disable a member of staff: they can no longer act, and stay on the list the audit trail names.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "Their staff id.") var id: String

        func run() throws {
            try reportingFailures {
                let actor = try storeOptions.actor()
                let queue = try storeOptions.open()
                try attempt { () throws(LetterError) in try queue.disableStaff(id, by: actor) }
                print("\(id) disabled")
            }
        }
    }
}
