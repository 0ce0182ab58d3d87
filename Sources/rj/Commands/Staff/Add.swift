import ArgumentParser
import LetterReview

extension RJ.Staff {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a member of staff (an admin does this; the first one on an empty store is the first admin).")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "Their staff id: short and stable, such as kturner.") var id: String
        @Option(help: ArgumentHelp("Their full name, as the handover copy and the audit trail show it.", valueName: "name"))
        var name: String
        @Option(help: ArgumentHelp("facilitator, supervisor, manager or admin (repeatable).", valueName: "role"))
        var role: [StaffRole]
        @Flag(help: "Cleared for sensitive and complex cases (BPG 2011 §B skills 3-4).") var sensitiveComplex = false

        func run() throws {
            try reportingFailures {
                guard StaffMember.isValidId(id) else { throw LetterAdvice.failure(for: .invalidStaffId(id)) }
                let queue = try storeOptions.open(create: true)
                let member = try attempt { () throws(LetterError) in
                    try queue.addStaff(id: id, name: name, roles: Set(role), sensitiveComplex: sensitiveComplex,
                                       by: storeOptions.actorIfNamed)
                }
                print("added \(member.described)\(member.sensitiveComplex ? ", cleared for sensitive and complex work" : "")")
            }
        }
    }
}

extension StaffRole: ExpressibleByArgument {}
