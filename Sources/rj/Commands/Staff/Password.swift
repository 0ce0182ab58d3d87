import ArgumentParser
import LetterReview

extension RJ.Staff {
    struct Password: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set a password for the review desk (your own, or as an admin anyone's).",
            discussion: """
                Typed at a prompt that does not show it, or read from the first line of \
                standard input. At least 10 characters; kept only as a bcrypt hash.

                Example:
                  rj staff password kturner --as ahussain
                """)
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "Their staff id.") var id: String

        func run() throws {
            try reportingFailures {
                let actor = try storeOptions.actor()
                let queue = try storeOptions.open()
                let password = try PasswordInput.read(for: id)
                try attempt { () throws(LetterError) in try queue.setPassword(id, to: password, by: actor) }
                print("password set for \(id)")
            }
        }
    }
}
