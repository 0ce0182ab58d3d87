import Foundation
@testable import LetterReview
import Testing

/// A letter's way through the queue, allowed and refused.
struct WorkflowTests {
    let refusal = Service.refusal
    let kturner = Service.as("kturner")

    @Test(arguments: Backend.available)
    func aCleanLetterGoesThroughToRelease(_ backend: Backend) throws {
        let service = try Service(on: backend)
        let queue = service.queue
        let id = try service.submit(wish: "to hear whether Mrs Ellis read it")
        #expect(try queue.queue(by: kturner).map(\.id) == [id])
        #expect(try queue.approve(id, by: Service.as("jcarter")))
        try queue.recordConsent(id, .agreed, on: "2026-03-20", today: "2026-03-21", by: kturner)
        let handover = try queue.release(id, by: kturner, method: .inPerson, today: "2026-03-21")
        #expect(handover.text == Service.clean)
        #expect(try queue.letter(id, by: kturner).details.letter.status == .released)
        #expect(try queue.queue(by: kturner).isEmpty)
        #expect(try queue.followups(by: kturner).map(\.id) == [id])
        try queue.markFollowedUp(id, by: kturner, note: "Told Daniel she read it.")
        #expect(try queue.followups(by: kturner).isEmpty)
        #expect(refusal { try queue.markFollowedUp(id, by: kturner, note: nil) } == .alreadyFollowedUp(id))
        #expect(try queue.log(letter: id, by: kturner).map(\.action) == ["submit", "approve", "consent", "release", "follow-up"])
        #expect(try queue.verify(by: Service.as("manager")).isIntact)
        let html = handover.html(recipientName: "Mrs Ellis", today: "2026-03-21")
        #expect(html.contains("I am sorry for breaking into your home."))
        #expect(html.contains("Checked and approved by Joe Carter (facilitator). Handed over unsealed by Karen Turner (in-person)"))
    }

    @Test(arguments: Backend.available)
    func submitScreensWithTheCaseAndChecksItsParticipants(_ backend: Backend) throws {
        let service = try Service(on: backend)
        let queue = service.queue
        #expect(refusal { _ = try queue.submit(letter: "Hi", case: Service.burglary, from: "danny", to: "margaret", by: kturner) }
            == .unknownParticipant(id: "danny", caseReference: "NRJ-2026-0142", known: ["margaret", "daniel", "susan"]))
        #expect(refusal { _ = try queue.submit(letter: "Hi", case: Service.burglary, from: "daniel", to: "daniel", by: kturner) }
            == .sameWriterAndRecipient)
        // The case's protected places, and whether it is sensitive, come from the case itself.
        let stored = try queue.submit(letter: "Dear Chris,\nI saw you near Millbrook.\n", case: Service.assault,
                                      from: "ryan", to: "chris", by: kturner)
        #expect(stored.sensitive)
        #expect(stored.screening.findings.contains { $0.rule == "location-protected-place" })
        #expect(try queue.letter(stored.id, by: kturner).details.parties.map(\.participant) == ["chris", "helen", "ryan"])
        // A revision is screened again, with the same case only.
        #expect(refusal { try queue.revise(stored.id, text: "x", case: Service.burglary, by: kturner) }
            == .wrongCase(letter: stored.id, expected: Service.assault.reference, given: "NRJ-2026-0142"))
    }

    @Test(arguments: Backend.available)
    func releaseIsRefusedUntilEveryConditionHolds(_ backend: Backend) throws {
        let service = try Service(on: backend)
        let queue = service.queue
        let id = try service.submit()
        #expect(refusal { _ = try queue.release(id, by: kturner, method: .inPerson, today: "2026-03-21") }
            == .notReleasable(letter: id, [.notApproved, .consentNotRecorded]))
        try queue.approve(id, by: kturner)
        try queue.recordConsent(id, .declined, on: "2026-03-20", today: "2026-03-21", by: kturner)
        #expect(refusal { _ = try queue.release(id, by: kturner, method: .inPerson, today: "2026-03-21") }
            == .notReleasable(letter: id, [.consentDeclined]))
        try queue.recordConsent(id, .agreed, on: "2026-03-21", today: "2026-03-21", by: kturner)
        try queue.hold(id, until: "2026-04-01", today: "2026-03-21", by: kturner)
        #expect(refusal { _ = try queue.release(id, by: kturner, method: .inPerson, today: "2026-03-25") }
            == .notReleasable(letter: id, [.held(until: "2026-04-01")]))
        _ = try queue.release(id, by: kturner, method: .readAloud, today: "2026-04-01")
        #expect(refusal { _ = try queue.release(id, by: kturner, method: .inPerson, today: "2026-04-02") }
            == .closed(letter: id, status: .released))
        #expect(refusal { try queue.hold(id, until: "2026-13-01", today: "2026-03-21", by: kturner) } == .invalidDate("2026-13-01"))
    }

    @Test(arguments: Backend.available)
    func blockFindingsNeedRedactionOrAWrittenOverride(_ backend: Backend) throws {
        let service = try Service(on: backend)
        let queue = service.queue
        let id = try service.submit(Service.blocked)
        guard case .blockFindings(id, let findings) = refusal({ try queue.approve(id, by: kturner) }) else {
            Issue.record("approved a letter with a block finding")
            return
        }
        #expect(findings.map(\.rule) == ["contact-phone"])
        #expect(refusal { try queue.approve(id, by: kturner, override: "  ") } == .blockFindings(letter: id, findings))
        #expect(refusal { try queue.redact(id, .span(TextSpan("9:1-9:3")!), by: kturner, reason: "x") }
            == .spanOutside(letter: id, version: 1, span: "9:1-9:3"))
        #expect(refusal { try queue.redact(id, .text("07700 900123", occurrence: nil), by: kturner, reason: " ") }
            == .missing("a reason for the redaction"))
        #expect(try queue.redact(id, .text("07700 900123", occurrence: nil), by: kturner, reason: "a phone number")
            == TextSpan("2:7-2:18"))
        try queue.approve(id, by: kturner)
        try queue.recordConsent(id, .agreed, on: "2026-03-20", today: "2026-03-21", by: kturner)
        let handover = try queue.release(id, by: kturner, method: .inPerson, today: "2026-03-21")
        #expect(handover.text == "Dear Mrs Ellis,\nIt is [redacted] if needed.\nDaniel\n")
        #expect(try queue.letter(id, by: kturner).details.versions[0].text == Service.blocked)

        let other = try service.submit(Service.blocked)
        #expect(try queue.approve(other, by: kturner, override: "The number is the service's own line."))
        #expect(try queue.letter(other, by: kturner).details.approvals.first?.note == "The number is the service's own line.")
    }

    @Test(arguments: Backend.available)
    func redactionByQuotingTheWords(_ backend: Backend) throws {
        let service = try Service(on: backend)
        let queue = service.queue
        let id = try service.submit("Dear Mrs Ellis,\nSorry. Sorry again.\nDaniel\n")
        #expect(refusal { try queue.redact(id, .text("Sorry", occurrence: nil), by: kturner, reason: "r") }
            == .textAmbiguous(letter: id, version: 1, count: 2))
        #expect(refusal { try queue.redact(id, .text("sorry", occurrence: nil), by: kturner, reason: "r") }
            == .textNotFound(letter: id, version: 1))
        #expect(refusal { try queue.redact(id, .text("Sorry", occurrence: 3), by: kturner, reason: "r") }
            == .textNotFound(letter: id, version: 1))
        #expect(try queue.redact(id, .text("Sorry", occurrence: 2), by: kturner, reason: "r") == TextSpan("2:8-2:12"))
        #expect(try queue.previewHandover(id, by: kturner, today: "2026-03-21").text
            == "Dear Mrs Ellis,\nSorry. [redacted] again.\nDaniel\n")
    }

    @Test(arguments: Backend.available)
    func returnReviseAndApprovalsStartAgain(_ backend: Backend) throws {
        let service = try Service(on: backend)
        let queue = service.queue
        let id = try service.submit(Service.blocked)
        try queue.returnToWriter(id, by: kturner, feedback: "Please take out your phone number.")
        #expect(try queue.letter(id, by: kturner).details.letter.status == .returned)
        #expect(refusal { try queue.approve(id, by: Service.as("jcarter")) } == .returnedToWriter(id))
        #expect(refusal { _ = try queue.release(id, by: kturner, method: .inPerson, today: "2026-03-21") }
            == .notReleasable(letter: id, [.returned, .consentNotRecorded, .openBlocks(1)]))
        try queue.revise(id, text: Service.clean, case: Service.burglary, by: kturner)
        var details = try queue.letter(id, by: kturner).details
        #expect(details.letter.status == .pending)
        #expect(details.versions.map(\.number) == [1, 2])
        #expect(details.letter.verdict == .noneFound)
        try queue.approve(id, by: Service.as("jcarter"))
        #expect(try queue.letter(id, by: kturner).details.letter.status == .approved)
        // A redaction after approval means approving again.
        try queue.redact(id, .span(TextSpan("5:1-5:6")!), by: kturner, reason: "name")
        details = try queue.letter(id, by: kturner).details
        #expect(details.letter.status == .pending)
        #expect(details.approvals.isEmpty)
        #expect(try queue.log(letter: id, by: kturner).last?.actor == "kturner")
    }

    @Test(arguments: Backend.available)
    func rejectedAndWithdrawnLettersAreFinal(_ backend: Backend) throws {
        let service = try Service(on: backend)
        let queue = service.queue
        let rejected = try service.submit()
        #expect(refusal { try queue.reject(rejected, by: kturner, reason: "") } == .missing("a reason"))
        try queue.reject(rejected, by: kturner, reason: "Not safe to pass on.")
        let withdrawn = try service.submit()
        try queue.withdraw(withdrawn, by: kturner, reason: "The writer changed his mind.")
        for (id, status) in [(rejected, LetterStatus.rejected), (withdrawn, .withdrawn)] {
            let closed = LetterError.closed(letter: id, status: status)
            #expect(refusal { try queue.approve(id, by: Service.as("jcarter")) } == closed)
            #expect(refusal { try queue.recordConsent(id, .agreed, on: "2026-03-20", today: "2026-03-21", by: kturner) } == closed)
            #expect(refusal { try queue.revise(id, text: Service.clean, case: Service.burglary, by: kturner) } == closed)
            #expect(refusal { try queue.hold(id, until: "2026-05-01", today: "2026-03-21", by: kturner) } == closed)
            #expect(refusal { _ = try queue.release(id, by: kturner, method: .inPerson, today: "2026-03-21") } == closed)
        }
        #expect(try queue.log(letter: withdrawn, by: kturner).last.map { ($0.action, $0.actor) } ?? ("", "") == ("withdraw", "kturner"))
        #expect(try queue.queue(by: kturner).isEmpty)
        #expect(refusal { try queue.approve(99, by: kturner) } == .notFound(99))
    }
}

extension WorkflowTests {
    @Test(arguments: Backend.available)
    func overlappingRedactionsAreRefusedAndTouchingOnesReadAsOne(_ backend: Backend) throws {
        let service = try Service(on: backend)
        let queue = service.queue
        let id = try service.submit("Dear Mrs Ellis,\nRing 07700 900123 or write to 14 Elm Road.\nDaniel\n")
        try queue.redact(id, .text("07700 900123", occurrence: nil), by: kturner, reason: "phone")
        #expect(refusal { try queue.redact(id, .text("07700 900123", occurrence: nil), by: kturner, reason: "again") }
            == .overlapsRedaction(letter: id, span: "2:6-2:17"))
        #expect(refusal { try queue.redact(id, .span(TextSpan("2:10-2:20")!), by: kturner, reason: "part") }
            == .overlapsRedaction(letter: id, span: "2:10-2:20"))
        try queue.redact(id, .text(" or", occurrence: nil), by: kturner, reason: "touching")
        try queue.redact(id, .text("14 Elm Road", occurrence: nil), by: kturner, reason: "address")
        #expect(try queue.previewHandover(id, by: kturner, today: "2026-03-21").text
            == "Dear Mrs Ellis,\nRing [redacted] write to [redacted].\nDaniel\n")
    }

    @Test(arguments: Backend.available)
    func emptyLettersFutureConsentAndPastHoldsAreRefused(_ backend: Backend) throws {
        let service = try Service(on: backend)
        let queue = service.queue
        for text in ["", " \n\t\n"] {
            #expect(refusal { _ = try queue.submit(letter: text, case: Service.burglary, from: "daniel", to: "margaret", by: kturner) }
                == .missing("the letter's text"))
        }
        let id = try service.submit()
        #expect(refusal { try queue.revise(id, text: "\n", case: Service.burglary, by: kturner) } == .missing("the letter's text"))
        #expect(refusal { try queue.recordConsent(id, .agreed, on: "2026-03-22", today: "2026-03-21", by: kturner) }
            == .futureDate("2026-03-22"))
        #expect(refusal { try queue.hold(id, until: "2026-03-21", today: "2026-03-21", by: kturner) } == .pastDate("2026-03-21"))
        try queue.hold(id, until: "2026-04-01", today: "2026-03-21", by: kturner)
        try queue.hold(id, until: nil, today: "2026-03-21", by: kturner)
        #expect(try queue.letter(id, by: kturner).details.letter.holdUntil == nil)
        #expect(try queue.log(letter: id, by: kturner).last?.sentence(names: [:]) == "kturner lifted the hold.")
    }

    @Test func changesBetweenVersionsPutWhatWentBeforeWhatReplacedIt() {
        #expect(VersionChanges.lines(from: "a\nb\nc", to: "a\nB\nc\nd") == [
            .same("a"), .removed("b"), .added("B"), .same("c"), .added("d"),
        ])
    }
}
