import Foundation
@testable import LetterReview
import Testing

/// Who may act on a letter: every role rule, refused as carefully as allowed.
struct RoleRuleTests {
    let refusal = Service.refusal

    @Test(arguments: Backend.available)
    func nobodyOutsideTheStaffListActs(_ backend: Backend) throws {
        let service = try Service(on: backend)
        let id = try service.submit()
        for name in ["x", "", "margaret", "Karen Turner"] {
            #expect(refusal { try service.queue.approve(id, by: Service.as(name)) } == .unknownStaff(name))
            #expect(refusal { _ = try service.queue.letter(id, by: Service.as(name)) } == .unknownStaff(name))
        }
        #expect(refusal { _ = try service.queue.submit(letter: "Hi", case: Service.burglary, from: "daniel", to: "margaret",
                                                       by: Service.as("nobody")) } == .unknownStaff("nobody"))
        #expect(try service.queue.log(letter: id, by: Service.as("kturner")).count == 1)
    }

    @Test(arguments: Backend.available)
    func aDisabledMemberOfStaffCannotAct(_ backend: Backend) throws {
        let service = try Service(on: backend)
        let id = try service.submit()
        try service.queue.disableStaff("jcarter", by: Service.as("admin"))
        #expect(refusal { try service.queue.approve(id, by: Service.as("jcarter")) } == .staffDisabled("jcarter"))
        #expect(try service.queue.staff(by: Service.as("kturner")).first { $0.id == "jcarter" }?.disabled == true)
    }

    @Test(arguments: Backend.available)
    func aParticipantOfTheCaseNeverActsOnItsLetters(_ backend: Backend) throws {
        let service = try Service(on: backend)
        let id = try service.submit()
        // Listed as staff, by the participant's id or by their name.
        try service.queue.addStaff(id: "margaret", name: "Someone Else", roles: [.facilitator, .supervisor], by: Service.as("admin"))
        try service.queue.addStaff(id: "sellis", name: "susan  ELLIS", roles: [.facilitator], by: Service.as("admin"))
        for staff in ["margaret", "sellis"] {
            let expected = LetterError.participantCannotAct(staff: staff, caseReference: "NRJ-2026-0142")
            let actor = Service.as(staff)
            #expect(refusal { try service.queue.approve(id, by: actor) } == expected)
            #expect(refusal { try service.queue.recordConsent(id, .agreed, on: "2026-03-20", today: "2026-03-21", by: actor) } == expected)
            #expect(refusal { _ = try service.queue.letter(id, by: actor) } == expected)
            #expect(refusal { _ = try service.queue.submit(letter: "Hi", case: Service.burglary, from: "daniel", to: "margaret",
                                                           by: actor) } == expected)
        }
    }

    /// Actions on a letter that need a facilitator or supervisor.
    static let practitionerActions: [(String, @Sendable (ReviewQueue, Int64, Actor) throws -> Void)] = [
        ("return", { try $0.returnToWriter($1, by: $2, feedback: "Please change it.") }),
        ("redact", { try $0.redact($1, .text("Daniel", occurrence: nil), by: $2, reason: "name") }),
        ("reject", { try $0.reject($1, by: $2, reason: "Not safe.") }),
        ("withdraw", { try $0.withdraw($1, by: $2, reason: nil) }),
        ("consent", { try $0.recordConsent($1, .agreed, on: "2026-03-20", today: "2026-03-21", by: $2) }),
        ("hold", { try $0.hold($1, until: "2026-04-01", today: "2026-03-21", by: $2) }),
        ("revise", { try $0.revise($1, text: Service.clean, case: Service.burglary, by: $2) }),
        ("release", { _ = try $0.release($1, by: $2, method: .inPerson, today: "2026-03-21") }),
    ]

    @Test(arguments: practitionerActions.indices)
    func practitionerActionsNeedAFacilitatorOrSupervisor(_ index: Int) throws {
        let (name, action) = Self.practitionerActions[index]
        for (staff, allowed) in [("manager", false), ("admin", false), ("jcarter", true), ("pshah", true)] {
            let service = try Service()
            let id = try service.submit()
            if name == "release" {
                try service.queue.approve(id, by: Service.as("kturner"))
                try service.queue.recordConsent(id, .agreed, on: "2026-03-20", today: "2026-03-21", by: Service.as("kturner"))
            }
            let result = refusal { try action(service.queue, id, Service.as(staff)) }
            if allowed {
                #expect(result == nil, "\(name) by \(staff)")
            } else {
                guard case .lacksRole(staff, _, let needs) = result else {
                    Issue.record("\(name) by \(staff): \(String(describing: result))")
                    continue
                }
                #expect(needs == [.facilitator, .supervisor])
                #expect(try service.queue.log(letter: id, by: Service.as("kturner")).count == (name == "release" ? 3 : 1))
            }
        }
    }

    @Test(arguments: Backend.available)
    func approvingNeedsTheRoleOfItsCapacity(_ backend: Backend) throws {
        let service = try Service(on: backend)
        let queue = service.queue
        let id = try service.submit()
        #expect(refusal { try queue.approve(id, by: Service.as("manager")) }
            == .lacksRole(staff: "manager", action: .approve, needs: [.facilitator]))
        #expect(refusal { try queue.approve(id, by: Service.as("admin")) }
            == .lacksRole(staff: "admin", action: .approve, needs: [.facilitator]))
        #expect(refusal { try queue.approve(id, by: Service.as("jcarter"), as: .supervisor) }
            == .lacksRole(staff: "jcarter", action: .superviseApproval, needs: [.supervisor]))
        // A supervisor approves in that capacity, and an ordinary letter needs one approval.
        #expect(try queue.approve(id, by: Service.as("pshah")))
        #expect(try queue.letter(id, by: Service.as("pshah")).details.approvals.map(\.capacity) == [.supervisor])
        #expect(refusal { try queue.approve(id, by: Service.as("pshah")) } == .alreadyApproved(staff: "pshah", letter: id, version: 1))
    }

    @Test(arguments: Backend.available)
    func aSensitiveLetterNeedsAFacilitatorAndACaseSupervisorWhoAreTwoClearedPeople(_ backend: Backend) throws {
        let service = try Service(on: backend)
        let queue = service.queue
        let id = try service.submitSensitive()
        #expect(try queue.letter(id, by: Service.as("kturner")).details.letter.sensitive)
        #expect(refusal { try queue.approve(id, by: Service.as("jcarter")) } == .notCleared(staff: "jcarter", letter: id))
        #expect(refusal { try queue.approve(id, by: Service.as("pshah")) } == .notCleared(staff: "pshah", letter: id))
        // One person with both roles cannot give both approvals.
        #expect(try queue.approve(id, by: Service.as("both")) == false)
        #expect(refusal { try queue.approve(id, by: Service.as("both"), as: .supervisor) }
            == .alreadyApproved(staff: "both", letter: id, version: 1))
        try queue.recordConsent(id, .agreed, on: "2026-03-20", today: "2026-03-21", by: Service.as("kturner"))
        #expect(refusal { _ = try queue.release(id, by: Service.as("kturner"), method: .inPerson, today: "2026-03-21") }
            == .notReleasable(letter: id, [.needsApproval([.supervisor])]))
        #expect(try queue.approve(id, by: Service.as("nokafor")))
        let handover = try queue.release(id, by: Service.as("kturner"), method: .viaSupporter, today: "2026-03-21")
        #expect(handover.html(recipientName: nil, today: "2026-03-21")
            .contains("Checked and approved by Sam Both (facilitator) and Nadia Okafor (case supervisor)."))
    }

    @Test(arguments: Backend.available)
    func theHandoverNamesApproversAsTheStaffListDidAtTheTime(_ backend: Backend) throws {
        let service = try Service(on: backend)
        let id = try service.submit()
        try service.queue.approve(id, by: Service.as("jcarter"))
        try service.queue.disableStaff("jcarter", by: Service.as("admin"))
        try service.queue.recordConsent(id, .agreed, on: "2026-03-20", today: "2026-03-21", by: Service.as("kturner"))
        let handover = try service.queue.release(id, by: Service.as("kturner"), method: .inPerson, today: "2026-03-21")
        #expect(handover.approvals.map(\.reviewerName) == ["Joe Carter"])
        #expect(handover.approvals.map(\.capacity) == [.facilitator])
    }

    @Test func onlyAnAdminKeepsTheStaffList() throws {
        let queue = try ReviewQueue(screener: Service.screener)
        #expect(refusal { _ = try queue.queue(by: Service.as("admin")) } == .noStaff)
        #expect(refusal { try queue.addStaff(id: "kturner", name: "Karen Turner", roles: [.facilitator], by: nil) }
            == .firstStaffMustBeAdmin)
        try queue.addStaff(id: "admin", name: "Ada Admin", roles: [.admin], by: nil)
        #expect(refusal { try queue.addStaff(id: "kturner", name: "Karen Turner", roles: [.facilitator], by: nil) } == .noActor)
        try queue.addStaff(id: "kturner", name: "Karen Turner", roles: [.facilitator, .supervisor], by: Service.as("admin"))
        #expect(refusal { try queue.addStaff(id: "jcarter", name: "Joe Carter", roles: [.facilitator], by: Service.as("kturner")) }
            == .lacksRole(staff: "kturner", action: .manageStaff, needs: [.admin]))
        #expect(refusal { try queue.disableStaff("admin", by: Service.as("kturner")) }
            == .lacksRole(staff: "kturner", action: .manageStaff, needs: [.admin]))
        #expect(refusal { try queue.addStaff(id: "kturner", name: "K", roles: [.manager], by: Service.as("admin")) } == .staffExists("kturner"))
        #expect(refusal { try queue.addStaff(id: "Bad Id", name: "B", roles: [.manager], by: Service.as("admin")) } == .invalidStaffId("Bad Id"))
        #expect(refusal { try queue.addStaff(id: "nobody", name: "N", roles: [], by: Service.as("admin")) } == .noRoles)
        #expect(refusal { try queue.disableStaff("admin", by: Service.as("admin")) } == .lastAdmin("admin"))
        // An admin alone reads no letters.
        #expect(refusal { _ = try queue.queue(by: Service.as("admin")) }
            == .lacksRole(staff: "admin", action: .read, needs: [.facilitator, .supervisor, .manager, .lead]))
        #expect(try queue.log(by: Service.as("kturner")).map(\.action) == ["staff-add", "staff-add"])
        #expect(try queue.log(by: Service.as("kturner")).map(\.actor) == ["admin", "admin"])
    }
}

extension RoleRuleTests {
    @Test(arguments: Backend.available)
    func anAdminChangesRolesAndClearanceAndTheChangeIsAudited(_ backend: Backend) throws {
        let service = try Service(on: backend)
        let queue = service.queue
        let id = try service.submitSensitive()
        #expect(refusal { try queue.approve(id, by: Service.as("jcarter")) } == .notCleared(staff: "jcarter", letter: id))
        #expect(refusal { _ = try queue.updateStaff("jcarter", sensitiveComplex: true, by: Service.as("kturner")) }
            == .lacksRole(staff: "kturner", action: .manageStaff, needs: [.admin]))
        try queue.updateStaff("jcarter", sensitiveComplex: true, by: Service.as("admin"))
        #expect(try queue.approve(id, by: Service.as("jcarter")) == false)
        #expect(refusal { _ = try queue.updateStaff("admin", roles: [.manager], by: Service.as("admin")) } == .lastAdmin("admin"))
        #expect(refusal { _ = try queue.updateStaff("manager", roles: [], by: Service.as("admin")) } == .noRoles)
        let changed = try queue.updateStaff("manager", roles: [.manager, .supervisor], by: Service.as("admin"))
        #expect(changed.member.roleSet == [.manager, .supervisor])
        #expect(try queue.log(by: Service.as("kturner")).filter { $0.kind == .staffChange }.map(\.staffMember) == ["jcarter", "manager"])
        #expect(try queue.verify(by: Service.as("kturner")).isIntact)
    }
}

extension RoleRuleTests {
    @Test(arguments: Backend.available)
    func aParticipantOnTheStaffListSeesNothingOfTheirCase(_ backend: Backend) throws {
        let service = try Service(on: backend)
        let queue = service.queue
        let id = try service.submit(wish: "to know")
        let other = try service.submitSensitive()
        try queue.addStaff(id: "mellis", name: "Ellis, Margaret", roles: [.manager], by: Service.as("admin"))
        let margaret = Service.as("mellis")
        #expect(try queue.queue(by: margaret).map(\.id) == [other])
        #expect(refusal { _ = try queue.log(letter: id, by: margaret) }
            == .participantCannotAct(staff: "mellis", caseReference: "NRJ-2026-0142"))
        #expect(try queue.log(by: margaret).allSatisfy { $0.letterId != id })
        #expect(try queue.log(by: margaret).contains { $0.letterId == other })
    }

    @Test(arguments: ["Price, Daniel", "Daniel J. Price", "DANIEL PRICE", "Mr Daniel Price"])
    func aParticipantIsKnownByTheirNameInAnyForm(_ name: String) throws {
        let service = try Service()
        let id = try service.submit()
        try service.queue.addStaff(id: "dp", name: name, roles: [.facilitator], by: Service.as("admin"))
        #expect(refusal { try service.queue.approve(id, by: Service.as("dp")) }
            == .participantCannotAct(staff: "dp", caseReference: "NRJ-2026-0142"))
    }

    @Test(arguments: Backend.available)
    func staffNotClearedDoNotHandleSensitiveLetters(_ backend: Backend) throws {
        let service = try Service(on: backend)
        let queue = service.queue
        #expect(refusal { _ = try queue.submit(letter: "Dear Chris, sorry.", case: Service.assault, from: "ryan", to: "chris",
                                               by: Service.as("jcarter")) } == .notCleared(staff: "jcarter", letter: nil))
        let id = try service.submitSensitive()
        let jcarter = Service.as("jcarter")
        #expect(refusal { try queue.recordConsent(id, .agreed, on: "2026-03-20", today: "2026-03-21", by: jcarter) }
            == .notCleared(staff: "jcarter", letter: id))
        #expect(refusal { try queue.reject(id, by: jcarter, reason: "x") } == .notCleared(staff: "jcarter", letter: id))
        // Reading needs no clearance: a manager oversees every case.
        #expect(try queue.letter(id, by: Service.as("manager")).details.id == id)
        #expect(try queue.previewHandover(id, by: Service.as("manager"), today: "2026-03-21").obstacles.isEmpty == false)
    }

    @Test(arguments: Backend.available)
    func staffChangesNameTheirTargetAndChangeNothingTwice(_ backend: Backend) throws {
        let service = try Service(on: backend)
        let queue = service.queue
        let admin = Service.as("admin")
        #expect(refusal { _ = try queue.updateStaff("ghost", roles: [.manager], by: admin) } == .noSuchStaff("ghost"))
        #expect(refusal { try queue.disableStaff("ghost", by: admin) } == .noSuchStaff("ghost"))
        try queue.disableStaff("pshah", by: admin)
        #expect(refusal { try queue.disableStaff("pshah", by: admin) } == .alreadyDisabled("pshah"))
        let entries = try queue.log(by: Service.as("kturner")).count
        #expect(try queue.updateStaff("jcarter", sensitiveComplex: false, by: admin).changed == false)
        #expect(try queue.log(by: Service.as("kturner")).count == entries)
    }
}
