import CaseFiles
import Foundation
@testable import LetterReview
import Testing

/// What the store gives for a participant's subject access request: their
/// own letters as written, letters to them only once released and as handed
/// over, no staff notes, and every letter read on the trail.
struct SubjectAccessTests {
    let refusal = Service.refusal
    let kturner = Service.as("kturner")

    @Test(arguments: Backend.available)
    func theirLettersAsWrittenAndLettersToThemOnceReleased(_ backend: Backend) throws {
        let service = try Service(on: backend)
        let queue = service.queue
        // Daniel's first letter held a phone number, taken out before handover.
        let released = try service.submit(Service.blocked)
        try queue.returnToWriter(released, by: kturner, feedback: "Staff note: please take out the number")
        try queue.revise(released, text: Service.clean, case: Service.burglary, by: kturner)
        try queue.approve(released, by: kturner)
        try queue.recordConsent(released, .agreed, on: "2026-03-20", today: "2026-03-21", by: kturner)
        _ = try queue.release(released, by: kturner, method: .inPerson, today: "2026-03-21")
        // A second letter from Daniel, not yet released.
        let waiting = try service.submit("Dear Mrs Ellis,\n\nI think about that night often.\n\nDaniel\n")

        let daniel = try queue.subjectAccess(case: Service.burglary, participant: "daniel", by: kturner)
        #expect(daniel.letters.map(\.id) == [released, waiting])
        #expect(daniel.letters.allSatisfy { $0.wrote })
        #expect(daniel.letters[0].texts.map(\.text) == [Service.blocked, Service.clean])
        let steps = daniel.letters[0].steps.map(\.what)
        #expect(steps == ["received by the service and checked", "returned to the writer with suggestions",
                          "a new version (2) received and checked", "approved by the service",
                          "the recipient agreed to receive it", "handed over"])
        // No staff member's name or note is in what he is given.
        let everything = daniel.letters.flatMap { $0.steps.map(\.what) + $0.texts.map(\.text) }.joined(separator: "\n")
        #expect(!everything.contains("Staff note") && !everything.contains("Karen") && !everything.contains("kturner"))

        let margaret = try queue.subjectAccess(case: Service.burglary, participant: "margaret", by: kturner)
        #expect(margaret.letters.map(\.id) == [released])
        #expect(margaret.letters[0].wrote == false && margaret.letters[0].otherParty == "daniel")
        #expect(margaret.letters[0].texts.map(\.text) == [Service.clean])
        // How the writer's letter was worked on is his, not hers.
        #expect(margaret.letters[0].steps.map(\.what) == ["received by the service and checked", "the recipient agreed to receive it", "handed over"])

        // Susan, a supporter, wrote nothing and was sent nothing.
        #expect(try queue.subjectAccess(case: Service.burglary, participant: "susan", by: kturner).letters.isEmpty)

        // Each letter read for the request is on the trail.
        let reads = try queue.log(letter: released, by: Service.as("manager")).filter { $0.kind == .view }
        #expect(reads.count == 2 && reads.allSatisfy { $0.details["for"] == "subject access" })
        #expect(try queue.verify(by: Service.as("manager")).isIntact)
    }

    @Test func aLetterChangedOutsideRjIsNotGivenOut() throws {
        let file = try StoreFile()
        defer { file.remove() }
        let service = try Service(path: file.path)
        let id = try service.submit(Service.blocked)
        try service.queue.redact(id, .text("07700 900123", occurrence: nil), by: kturner, reason: "a phone number")
        try service.queue.approve(id, by: kturner)
        try service.queue.recordConsent(id, .agreed, on: "2026-03-20", today: "2026-03-21", by: kturner)
        _ = try service.queue.release(id, by: kturner, method: .inPerson, today: "2026-03-21")
        #expect(try service.queue.subjectAccess(case: Service.burglary, participant: "margaret", by: kturner)
            .letters[0].texts[0].text.contains("07700") == false)
        // The redaction removed by hand: the copy would show the number, so none is made.
        try file.edit("DELETE FROM redaction WHERE letterId = ?", [id])
        guard case .recordsAltered(let found)? = refusal({ _ = try service.queue.subjectAccess(case: Service.burglary, participant: "margaret", by: kturner) }) else {
            Issue.record("expected a refusal naming the changed letter")
            return
        }
        #expect(found.map(\.subject) == [.letter(id)])
    }

    @Test func onlyStaffWhoMayReadAndTakeNoPart() throws {
        let service = try Service()
        _ = try service.submit()
        #expect(refusal { _ = try service.queue.subjectAccess(case: Service.burglary, participant: "daniel", by: Service.as("admin")) }
                == .lacksRole(staff: "admin", action: .read, needs: Permissions.roles(for: .read)))
        try service.queue.addStaff(id: "dprice", name: "Daniel Price", roles: [.facilitator], by: Service.as("admin"))
        #expect(refusal { _ = try service.queue.subjectAccess(case: Service.burglary, participant: "margaret", by: Service.as("dprice")) }
                == .participantCannotAct(staff: "dprice", caseReference: Service.burglary.reference))
    }
}
