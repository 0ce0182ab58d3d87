import Foundation
import Hummingbird
import LetterReview
import Templating

extension Desk {
    func addStaff(to router: Router<BasicRequestContext>) {
        router.get("/staff") { request, _ -> Response in
            try await self.signedIn(request) { session in try self.staffPage(session, notice: nil, error: nil) }
        }
        router.post("/staff") { request, _ -> Response in
            try await self.action(request) { session, form in
                do {
                    let roles = Set(form.all("role").compactMap(StaffRole.init(rawValue:)))
                    let id = form.text("id") ?? ""
                    try self.queue.addStaff(id: id, name: form["name"] ?? "", roles: roles,
                                            sensitiveComplex: form.text("sensitive_complex") != nil,
                                            office: form.text("office") ?? StaffMember.mainOffice, by: session.actor)
                    if let password = form["password"], !password.isEmpty {
                        try self.queue.setPassword(id, to: password, by: session.actor)
                    }
                    return try self.staffPage(session, notice: "Added \(id).", error: nil)
                } catch let error as LetterError {
                    return try self.staffPage(session, notice: nil, error: error)
                }
            }
        }
        router.post("/staff/:id/:action") { request, context -> Response in
            try await self.action(request) { session, form in
                let id = context.parameters.get("id") ?? ""
                do {
                    switch context.parameters.get("action") {
                    case "disable": try self.queue.disableStaff(id, by: session.actor)
                    case "password": try self.queue.setPassword(id, to: form["password"] ?? "", by: session.actor)
                    default: throw LetterError.missing("a known action")
                    }
                    return try self.staffPage(session, notice: "Done.", error: nil)
                } catch let error as LetterError {
                    return try self.staffPage(session, notice: nil, error: error)
                }
            }
        }
    }

    /// The staff list, for admins: add, disable, set a password. Every change
    /// goes through the library and its audit.
    func staffPage(_ session: DeskSession, notice: String?, error: LetterError?) throws -> Response {
        guard Permissions.allows(session.member, to: .manageStaff) else {
            let refusal = LetterError.lacksRole(staff: session.member.id, action: .manageStaff, needs: [.admin])
            return try page("message", status: .forbidden, session: session, title: "Staff", ["message": .string(refusal.description)])
        }
        let staff: [StaffMember]
        do {
            staff = try queue.staff(by: session.actor)
        } catch {
            let failure = error
            return try page("message", status: Self.status(for: failure), session: session, title: "Staff",
                            ["message": .string(failure.description)])
        }
        return try page("staff", status: error.map(Self.status(for:)) ?? .ok, session: session, title: "Staff", [
            "staff": .list(staff.map { member in
                [
                    "id": .string(member.id), "name": .string(member.name),
                    "roles": .string(member.roleSet.sorted().map { $0 == .supervisor ? "case supervisor" : $0.rawValue }.joined(separator: ", ")),
                    "cleared": .bool(member.sensitiveComplex), "disabled": .bool(member.disabled),
                    "has_password": .bool(member.passwordHash != nil), "office": .string(member.office),
                ]
            }),
            "roles": .list(StaffRole.allCases.map { .string($0.rawValue) }),
            "notice": notice.map { .string($0) } ?? .null,
            "error": error.map { .string($0.description) } ?? .null,
        ])
    }
}
