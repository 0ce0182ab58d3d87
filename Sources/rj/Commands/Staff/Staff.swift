import ArgumentParser

extension RJ {
    /// `rj staff`: who works in the service, and what each may do.
    struct Staff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Keep the service's staff list: who may act on letters, and in what role.",
            discussion: """
                Roles: facilitator (screens, approves, redacts, returns and releases letters), \
                supervisor (a case supervisor: approves, and co-signs sensitive and complex \
                letters), manager (reads letters, the queue and the audit trail; changes \
                nothing), admin (keeps this list), lead (a partnership lead: sees every \
                office's queue, letters and trail; acts on none). Each member belongs to one \
                office (--office; main unless said) and sees and acts on its letters only. \
                Staff are never deleted, only disabled, since the audit trail names them. \
                Every change is audited.

                The first member added makes the store (with its key file beside it) and must \
                be an admin; after that only an admin adds, changes or disables staff.

                Examples:
                  rj staff add ahussain --name "Amira Hussain" --role admin --role manager
                  rj staff add kturner --name "Karen Turner" --role facilitator --sensitive-complex --as ahussain
                  rj staff add lcooper --name "Lee Cooper" --role facilitator --office leeds
                  rj staff change kturner --role facilitator --role supervisor --as ahussain
                  rj staff list --as kturner
                """,
            subcommands: [Add.self, List.self, Change.self, Password.self, OneTimeCodes.self, Disable.self])
    }
}
