import ArgumentParser
import LetterReview

extension RJ.Staff {
    struct OneTimeCodes: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "one-time-codes",
            abstract: "Ask for a one-time code at desk sign-in, as well as the password (or stop asking).",
            discussion: """
                For a service that wants two factors. Makes a new secret and prints it once, as an \
                otpauth:// address and as text to type into an authenticator app (any app for \
                time-based codes: six digits, a new one every 30 seconds). From then on the desk \
                asks for the code the app shows; each code signs in once. The secret is kept \
                sealed under the service key. An admin does this for anyone; everyone may for \
                themselves. --off stops asking. Audited.

                Example:
                  rj staff one-time-codes kturner --as kturner
                """)
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "Their staff id.") var id: String
        @Flag(help: "Stop asking for a code.") var off = false

        func run() throws {
            try reportingFailures {
                let actor = try storeOptions.actor()
                let queue = try storeOptions.open()
                let code = try attempt { () throws(LetterError) in try queue.setOneTimeCodes(id, on: !off, by: actor) }
                guard let code else {
                    print("one-time codes off for \(id): the desk asks for their password only")
                    return
                }
                print("""
                    one-time codes on for \(id): add this to their authenticator app now (it is not shown again)
                      \(code.address(staff: id, service: "rj"))
                      or type the secret: \(code.base32)
                    """)
            }
        }
    }
}
