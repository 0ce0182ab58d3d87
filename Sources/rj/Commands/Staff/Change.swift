import ArgumentParser
import LetterReview

extension RJ.Staff {
    struct Change: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a member of staff's roles, or their clearance for sensitive and complex work (an admin does this).",
            discussion: "--role replaces all their roles with those given; leave it out to keep them.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "Their staff id.") var id: String
        @Option(help: ArgumentHelp("facilitator, supervisor, manager or admin (repeatable).", valueName: "role"))
        var role: [StaffRole] = []
        @Flag(help: "Cleared for sensitive and complex cases (BPG 2011 §B skills 3-4).") var sensitiveComplex = false
        @Flag(help: "No longer cleared for sensitive and complex cases.") var noSensitiveComplex = false

        func validate() throws {
            if sensitiveComplex && noSensitiveComplex {
                throw ValidationError("give one of --sensitive-complex and --no-sensitive-complex, not both")
            }
            if role.isEmpty && !sensitiveComplex && !noSensitiveComplex {
                throw ValidationError("say what changes: --role ROLE (repeatable), --sensitive-complex or --no-sensitive-complex")
            }
        }

        func run() throws {
            try reportingFailures {
                let actor = try storeOptions.actor()
                let queue = try storeOptions.open()
                let clearance: Bool? = sensitiveComplex ? true : noSensitiveComplex ? false : nil
                let (member, changed) = try attempt { () throws(LetterError) in
                    try queue.updateStaff(id, roles: role.isEmpty ? nil : Set(role), sensitiveComplex: clearance, by: actor)
                }
                print("\(member.described)\(member.sensitiveComplex ? ", cleared for sensitive and complex work" : "")\(changed ? "" : " (no change)")")
            }
        }
    }
}
