import ArgumentParser
import LetterReview

extension RJ.Staff {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the staff, with their roles.")
        @OptionGroup var storeOptions: StoreOptions
        @Option(help: ArgumentHelp("text or json.", valueName: "format")) var format: OutputStyle = .text

        func run() throws {
            try reportingFailures {
                let actor = try storeOptions.actor()
                let queue = try storeOptions.open()
                let staff = try attempt { () throws(LetterError) in try queue.staff(by: actor) }
                if format == .json {
                    Terminal.output(try JSON.encode(staff.map(StaffJSON.init)) + "\n")
                    return
                }
                // The office column only once a service has more than one.
                let offices = Set(staff.map(\.office)).count > 1
                var rows = [["ID", "NAME", "ROLES"] + (offices ? ["OFFICE"] : []) + ["SENSITIVE-COMPLEX", "STATUS"]]
                for member in staff {
                    rows.append([member.id, member.name, member.roleSet.sorted().map(\.rawValue).joined(separator: ", ")]
                                + (offices ? [member.office] : [])
                                + [member.sensitiveComplex ? "cleared" : "-", member.disabled ? "disabled" : "active"])
                }
                Terminal.output(Table.render(rows))
            }
        }
    }
}

struct StaffJSON: Encodable {
    var id: String
    var name: String
    var roles: [String]
    var sensitiveComplex: Bool
    var disabled: Bool
    var office: String

    init(_ member: StaffMember) {
        id = member.id
        name = member.name
        roles = member.roleSet.sorted().map(\.rawValue)
        sensitiveComplex = member.sensitiveComplex
        disabled = member.disabled
        office = member.office
    }
}
