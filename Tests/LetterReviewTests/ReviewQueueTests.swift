import Foundation
import GRDB
import LetterReview
import Testing

/// Every transition of the queue, allowed and refused, and the audit chain.
struct ReviewQueueTests {
    let screener = try! Screener.standard()
    let clean = "Dear Mrs Ellis,\n\nI am sorry for breaking into your home. It was wrong and it was my fault.\n\nDaniel\n"
    let blocked = "Dear Mrs Ellis,\nIt is 07700 900123 if needed.\nDaniel\n"

    func submit(_ queue: ReviewQueue, _ text: String, sensitive: Bool = false, wish: String? = nil) throws -> Int64 {
        try queue.submit(text: text, caseReference: "NRJ-1", writer: "daniel", writerName: "Daniel Price",
                         recipient: "margaret", sensitive: sensitive, responseWish: wish, screening: screener.screen(text))
    }

    func refusal(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func aCleanLetterGoesThroughToRelease() throws {
        let queue = try ReviewQueue()
        let id = try submit(queue, clean, wish: "to hear whether Mrs Ellis read it")
        #expect(try queue.queue().map(\.id) == [id])
        try queue.approve(id, reviewer: "Amira Hussain", supervisor: false)
        #expect(try queue.details(id).letter.status == .approved)
        try queue.consent(id, agreed: true, date: "2026-03-20", recordedBy: "Amira Hussain")
        let handover = try queue.release(id, by: "Amira Hussain", method: "in-person", today: "2026-03-21")
        #expect(handover.text == clean)
        #expect(try queue.details(id).letter.status == .released)
        #expect(try queue.queue().isEmpty)
        #expect(try queue.followups().map(\.id) == [id])
        #expect(try queue.log(letter: id).map(\.action) == ["submit", "approve", "consent", "release"])
        #expect(try queue.verifyLog() == .intact(entries: 4))
        let html = handover.html(recipientName: "Mrs Ellis", today: "2026-03-21")
        #expect(html.contains("I am sorry for breaking into your home."))
        #expect(html.contains("Handed over unsealed by Amira Hussain (in-person)"))
    }

    @Test func releaseIsRefusedUntilEveryConditionHolds() throws {
        let queue = try ReviewQueue()
        let id = try submit(queue, clean)
        #expect(refusal { _ = try queue.release(id, by: "A", method: "in-person", today: "2026-03-21") }
            == "letter \(id) cannot be released: it has not been approved; the recipient has not agreed to receive it (rj letters consent \(id) --recipient-agreed) (BPG 2011 §3d.13)")
        try queue.approve(id, reviewer: "Amira Hussain", supervisor: false)
        try queue.consent(id, agreed: false, date: "2026-03-20", recordedBy: "A")
        #expect(refusal { _ = try queue.release(id, by: "A", method: "in-person", today: "2026-03-21") }?
            .hasSuffix("the recipient declined to receive it") == true)
        try queue.consent(id, agreed: true, date: "2026-03-22", recordedBy: "A")
        try queue.hold(id, until: "2026-04-01", by: "A")
        #expect(refusal { _ = try queue.release(id, by: "A", method: "in-person", today: "2026-03-25") }?
            .hasSuffix("it is held until 2026-04-01") == true)
        #expect(try queue.details(id).letter.status == .approved)
        _ = try queue.release(id, by: "A", method: "read-aloud", today: "2026-04-01")
        #expect(refusal { _ = try queue.release(id, by: "A", method: "in-person", today: "2026-04-02") }
            == "letter \(id) is released; it cannot be released")
    }

    @Test func nobodyReviewsTheirOwnLetter() throws {
        let queue = try ReviewQueue()
        let id = try submit(queue, clean)
        #expect(refusal { try queue.approve(id, reviewer: "daniel", supervisor: false) }
            == "daniel wrote letter \(id) and cannot review it; another facilitator must")
        #expect(refusal { try queue.approve(id, reviewer: "Daniel Price", supervisor: true) } != nil)
        #expect(refusal { try queue.redact(id, reviewer: "daniel price", span: TextSpan("1:1-1:4")!, reason: "x") } != nil)
        #expect(try queue.log(letter: id).count == 1)
    }

    @Test func aSensitiveCaseNeedsTwoDifferentReviewers() throws {
        let queue = try ReviewQueue()
        let id = try submit(queue, clean, sensitive: true)
        try queue.approve(id, reviewer: "Amira Hussain", supervisor: false)
        #expect(try queue.details(id).letter.status == .pending)
        #expect(refusal { try queue.approve(id, reviewer: "Amira Hussain", supervisor: true) }
            == "Amira Hussain has already approved letter \(id); a second reviewer must be someone else")
        try queue.consent(id, agreed: true, date: "2026-03-20", recordedBy: "A")
        #expect(refusal { _ = try queue.release(id, by: "A", method: "in-person", today: "2026-03-21") }
            == "letter \(id) cannot be released: the case is sensitive and complex and it still needs approval by a case supervisor (BPG 2011 §B)")
        try queue.approve(id, reviewer: "Nadia Okafor", supervisor: true)
        #expect(try queue.details(id).letter.status == .approved)
    }

    @Test func blockFindingsNeedRedactionOrAWrittenOverride() throws {
        let queue = try ReviewQueue()
        let id = try submit(queue, blocked)
        #expect(refusal { try queue.approve(id, reviewer: "Amira Hussain", supervisor: false) }
            == "letter \(id) has 1 block finding (contact-phone at 2:7); redact them, return the letter to the writer, or approve with --override and a written reason")
        // Redacting the number clears it; the original is kept.
        #expect(refusal { try queue.redact(id, reviewer: "Amira Hussain", span: TextSpan("9:1-9:3")!, reason: "x") }?
            .hasPrefix("9:1-9:3 is not inside version 1") == true)
        try queue.redact(id, reviewer: "Amira Hussain", span: TextSpan("2:7-2:18")!, reason: "a phone number")
        try queue.approve(id, reviewer: "Amira Hussain", supervisor: false)
        try queue.consent(id, agreed: true, date: "2026-03-20", recordedBy: "A")
        let handover = try queue.release(id, by: "A", method: "in-person", today: "2026-03-21")
        #expect(handover.text == "Dear Mrs Ellis,\nIt is [redacted] if needed.\nDaniel\n")
        #expect(try queue.details(id).versions[0].text == blocked)

        let other = try submit(queue, blocked)
        try queue.approve(other, reviewer: "Amira Hussain", supervisor: false, override: "The number is the service's own line.")
        #expect(try queue.details(other).letter.status == .approved)
    }

    @Test func returnReviseAndApprovalsStartAgain() throws {
        let queue = try ReviewQueue()
        let id = try submit(queue, blocked)
        try queue.returnToWriter(id, reviewer: "Amira Hussain", feedback: "Please take out your phone number.")
        #expect(try queue.details(id).letter.status == .returned)
        #expect(refusal { try queue.approve(id, reviewer: "Joe Carter", supervisor: false) }?
            .contains("was returned to the writer") == true)
        try queue.revise(id, text: clean, screening: screener.screen(clean))
        let details = try queue.details(id)
        #expect(details.letter.status == .pending)
        #expect(details.versions.map(\.number) == [1, 2])
        #expect(details.letter.verdict == "clear")
        try queue.approve(id, reviewer: "Joe Carter", supervisor: false)
        #expect(try queue.details(id).letter.status == .approved)
        // A redaction after approval means approving again.
        try queue.redact(id, reviewer: "Joe Carter", span: TextSpan("5:1-5:6")!, reason: "name")
        #expect(try queue.details(id).letter.status == .pending)
    }

    @Test func rejectedAndWithdrawnLettersAreFinal() throws {
        let queue = try ReviewQueue()
        let rejected = try submit(queue, clean)
        try queue.reject(rejected, reviewer: "Amira Hussain", reason: "Not safe to pass on.")
        let withdrawn = try submit(queue, clean)
        try queue.withdraw(withdrawn, reason: "The writer changed his mind.")
        for id in [rejected, withdrawn] {
            #expect(refusal { try queue.approve(id, reviewer: "Joe", supervisor: false) } != nil)
            #expect(refusal { try queue.consent(id, agreed: true, date: "2026-03-20", recordedBy: "A") } != nil)
            #expect(refusal { try queue.revise(id, text: clean, screening: screener.screen(clean)) } != nil)
            #expect(refusal { try queue.hold(id, until: "2026-05-01", by: "A") } != nil)
            #expect(refusal { _ = try queue.release(id, by: "A", method: "in-person", today: "2026-03-21") } != nil)
        }
        #expect(refusal { try queue.withdraw(rejected, reason: nil) } == "letter \(rejected) is rejected; it cannot be withdrawn")
        #expect(try queue.queue().isEmpty)
        #expect(refusal { try queue.approve(99, reviewer: "A", supervisor: false) }
            == "no letter 99 in the store; `rj letters queue` lists them")
    }

    @Test func verifyLogFindsAnAlteredOrRemovedEntry() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rj-audit-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        do {
            let queue = try ReviewQueue(path: path)
            let id = try submit(queue, clean)
            try queue.approve(id, reviewer: "Amira Hussain", supervisor: false)
            try queue.consent(id, agreed: true, date: "2026-03-20", recordedBy: "Amira Hussain")
            #expect(try queue.verifyLog() == .intact(entries: 3))
        }
        // Someone edits the file: who approved.
        let database = try DatabaseQueue(path: path)
        try database.write { db in
            try db.execute(sql: "UPDATE auditEntry SET actor = 'Someone Else' WHERE sequence = 2")
        }
        #expect(try ReviewQueue(path: path).verifyLog()
            == .broken(sequence: 2, reason: "entry 2 was altered after it was written"))
        try database.write { db in try db.execute(sql: "DELETE FROM auditEntry WHERE sequence = 2") }
        #expect(try ReviewQueue(path: path).verifyLog()
            == .broken(sequence: 2, reason: "entry 2 was removed (the next is 3)"))
    }
}
