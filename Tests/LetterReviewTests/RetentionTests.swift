import CaseFiles
import Foundation
@testable import LetterReview
import Templating
import Testing

/// Deleting a case's records when the service's retention period ends
/// (BPG 2011 §G.7): only a service manager may, exactly the case's records
/// go, each with a sealed entry saying so, and the trail still verifies.
struct RetentionTests {
    let refusal = Service.refusal
    let kturner = Service.as("kturner")
    let manager = Service.as("manager")
    static let text = AgreementText(caseReference: Service.burglary.reference, markdown: "# Outcome agreement\n\nDaniel repairs the window.\n")

    /// Two letters and a signature in the burglary case, one letter in the assault case.
    func ready(_ backend: Backend) throws -> (Service, kept: Int64) {
        let service = try Service(on: backend)
        let first = try service.submit(Service.blocked)
        try service.queue.redact(first, .text("07700 900123", occurrence: nil), by: kturner, reason: "a phone number")
        try service.queue.approve(first, by: kturner)
        _ = try service.submit()
        try service.queue.sign(SignatureRequest(signatory: "margaret", method: .typed, typedName: "Margaret Ellis"),
                               agreement: Self.text, case: Service.burglary, today: "2026-03-14", by: kturner)
        let kept = try service.submitSensitive()
        return (service, kept)
    }

    @Test(arguments: Backend.available)
    func deletesExactlyTheCasesRecordsAndTheTrailStillVerifies(_ backend: Backend) throws {
        let (service, kept) = try ready(backend)
        let queue = service.queue
        let reference = Service.burglary.reference
        let before = try queue.holdings(case: reference, by: kturner)
        #expect(before.letters == 2 && before.versions == 2 && before.agreementRecords == 1 && before.agreementTexts == 1)
        #expect(before.summary == "2 letters (2 versions), 1 agreement record and 1 signed agreement text")

        let gone = try queue.deleteRecords(case: reference, reason: "closed 2026-07-03; kept 6 years", by: manager)
        #expect(gone == before)
        #expect(try queue.holdings(case: reference, by: kturner).isEmpty)
        // The other case's letter is untouched, and still acted on.
        #expect(try queue.letter(kept, by: kturner).details.letter.caseReference == Service.assault.reference)
        #expect(try queue.queue(by: kturner).map(\.id) == [kept])

        let report = try queue.verify(by: manager)
        #expect(report.isIntact, "\(report)")
        let deletions = try queue.log(by: manager).filter { $0.kind == .retentionDelete }
        #expect(deletions.count == 3)
        // Each says why, and holds none of what was deleted.
        for entry in deletions {
            #expect(entry.details["reason"] == "closed 2026-07-03; kept 6 years")
            #expect(entry.state.isEmpty)
            #expect(!entry.detail.contains("07700") && !entry.detail.contains("Margaret"))
        }
        #expect(deletions[0].sentence(names: [:]).contains("deleted the letter and its 1 version of case \(reference)"))
        // Nothing is left to delete a second time, and that is no error.
        #expect(try queue.deleteRecords(case: reference, reason: "again", by: manager).isEmpty)
    }

    @Test(arguments: Backend.available)
    func onlyAManagerMayAndAReasonIsNeeded(_ backend: Backend) throws {
        let (service, _) = try ready(backend)
        let queue = service.queue
        let reference = Service.burglary.reference
        for id in ["kturner", "nokafor", "admin"] {
            #expect(refusal { try queue.deleteRecords(case: reference, reason: "due", by: Service.as(id)) }
                    == .lacksRole(staff: id, action: .deleteRecords, needs: [.manager]))
        }
        #expect(refusal { try queue.deleteRecords(case: reference, reason: "  ", by: manager) }
                == .missing("a reason for deleting the records"))
        #expect(refusal { try queue.deleteRecords(case: reference, reason: "due", by: Service.as("stranger")) }
                == .unknownStaff("stranger"))
        // Counting what the store holds is a read: an admin, who reads no letters, is refused that too.
        #expect(refusal { _ = try queue.holdings(case: reference, by: Service.as("admin")) }
                == .lacksRole(staff: "admin", action: .read, needs: Permissions.roles(for: .read)))
        // Refused means nothing went.
        #expect(try queue.holdings(case: reference, by: kturner).letters == 2)
        #expect(try queue.verify(by: manager).isIntact)
    }

    @Test func aRecordChangedOutsideRjIsNotDeletedUnseen() throws {
        let file = try StoreFile()
        defer { file.remove() }
        let service = try Service(path: file.path)
        let id = try service.submit()
        try file.edit("UPDATE letter SET status = 'released' WHERE id = ?", [id])
        let refused = refusal { try service.queue.deleteRecords(case: Service.burglary.reference, reason: "due", by: manager) }
        guard case .recordsAltered(let found)? = refused else {
            Issue.record("expected a refusal naming the changed letter, got \(String(describing: refused))")
            return
        }
        #expect(found.map(\.subject) == [.letter(id)])
        #expect(try service.queue.holdings(case: Service.burglary.reference, by: kturner).letters == 1)
    }

    @Test func aLetterRemovedWithoutAnEntryIsStillNamed() throws {
        let file = try StoreFile()
        defer { file.remove() }
        let service = try Service(path: file.path)
        let deleted = try service.submit()
        let removed = try service.submitSensitive()
        try service.queue.deleteRecords(case: Service.burglary.reference, reason: "due", by: manager)
        try file.edit("DELETE FROM party WHERE letterId = ?", [removed])
        try file.edit("DELETE FROM letterVersion WHERE letterId = ?", [removed])
        try file.edit("DELETE FROM letter WHERE id = ?", [removed])
        let report = try service.queue.verify(by: manager)
        #expect(report.discrepancies.map(\.subject) == [.letter(removed)])
        #expect(!report.discrepancies.map(\.subject).contains(.letter(deleted)))
    }

    @Test func theRetentionPeriodEndsTheDayAfterItsLastDay() throws {
        let policy = RetentionPolicy(years: 6)
        var closed = Service.burglary
        closed.closure = Closure(date: CalendarDate(iso: "2026-07-03"), reason: .completed, note: nil, location: SourceLocation(line: 0, column: 0))
        #expect(policy.keptUntil(closed: CalendarDate(iso: "2026-07-03")!) == CalendarDate(iso: "2032-07-03"))
        #expect(!policy.isDue(closed, on: CalendarDate(iso: "2032-07-03")!))
        #expect(policy.isDue(closed, on: CalendarDate(iso: "2032-07-04")!))
        // A leap day is kept until the 28th when the year has none.
        #expect(policy.keptUntil(closed: CalendarDate(iso: "2028-02-29")!) == CalendarDate(iso: "2034-02-28"))
        var open = closed
        open.closure = nil
        #expect(!policy.isDue(open, on: CalendarDate(iso: "2099-01-01")!))
    }
}
