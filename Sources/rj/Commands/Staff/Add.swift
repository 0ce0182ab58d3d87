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
        @Option(help: ArgumentHelp("facilitator, supervisor, manager, admin or lead (the partnership lead; repeatable).",
                                   valueName: "role"))
        var role: [StaffRole]
        @Option(help: ArgumentHelp("The office they work in: they see and act on its letters only (default: main).",
                                   valueName: "name"))
        var office: String = StaffMember.mainOffice
        @Flag(help: "Cleared for sensitive and complex cases (BPG 2011 §B skills 3-4).") var sensitiveComplex = false
        @Flag(help: "Read their review-desk password from standard input (or a prompt).") var passwordStdin = false

        func run() throws {
            try reportingFailures {
                guard StaffMember.isValidId(id) else { throw LetterAdvice.failure(for: .invalidStaffId(id)) }
                guard StaffMember.isValidOffice(office) else { throw LetterAdvice.failure(for: .invalidOffice(office)) }
                let password = passwordStdin ? try PasswordInput.read(for: id) : nil
                if let password, password.count < ReviewQueue.minimumPasswordLength {
                    throw LetterAdvice.failure(for: .passwordTooShort(ReviewQueue.minimumPasswordLength))
                }
                let queue = try storeOptions.open(create: true)
                let member = try attempt { () throws(LetterError) in
                    try queue.addStaff(id: id, name: name, roles: Set(role), sensitiveComplex: sensitiveComplex,
                                       office: office, by: storeOptions.actorIfNamed)
                }
                if let password {
                    // The first admin sets their own; after that, the admin who added them.
                    let setter = storeOptions.actorIfNamed.flatMap { $0.staffId == member.id ? nil : $0 } ?? .commandLine(member.id)
                    try attempt { () throws(LetterError) in try queue.setPassword(member.id, to: password, by: setter) }
                }
                let place = member.office == StaffMember.mainOffice ? "" : " in the \(member.office) office"
                print("added \(member.described)\(place)\(member.sensitiveComplex ? ", cleared for sensitive and complex work" : "")\(password == nil ? "" : ", with a password for the review desk")")
            }
        }
    }
}

extension StaffRole: ExpressibleByArgument {}
