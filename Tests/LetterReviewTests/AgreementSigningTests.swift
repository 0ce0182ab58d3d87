import CaseFiles
import Foundation
@testable import LetterReview
import Testing

/// Signatures of outcome agreements (BPG 2011 §3b.9-10): who may sign and
/// witness, that a signature counts for the exact text signed, that a seal
/// waits for everyone, and that the records cannot change unseen.
struct AgreementSigningTests {
    let refusal = Service.refusal
    let kturner = Service.as("kturner")
    let today = "2026-03-14"
    static let text = AgreementText(caseReference: Service.burglary.reference, markdown: "# Outcome agreement\n\nDaniel repairs the window.\n")

    func typed(_ id: String, _ name: String) -> SignatureRequest {
        SignatureRequest(signatory: id, method: .typed, typedName: name)
    }

    func signEveryone(_ queue: ReviewQueue, text: AgreementText = Self.text) throws {
        try queue.sign(typed("margaret", "Margaret Ellis"), agreement: text, case: Service.burglary, today: today, by: kturner)
        try queue.sign(SignatureRequest(signatory: "daniel", method: .wet, paperHeldAt: "the case file, Northfield office"),
                       agreement: text, case: Service.burglary, today: today, by: kturner)
        try queue.sign(SignatureRequest(signatory: "susan", method: .onScreen, typedName: "Susan Ellis"),
                       agreement: text, case: Service.burglary, today: today, by: kturner)
    }

    @Test(arguments: Backend.available)
    func eachSignatoryOnceThenSealedAndCopiesGiven(_ backend: Backend) throws {
        let service = try Service(on: backend)
        let queue = service.queue
        var status = try queue.agreementStatus(agreement: Self.text, case: Service.burglary, by: kturner)
        #expect(status.unsigned == ["margaret", "daniel", "susan"])
        #expect(refusal { try queue.recordSeal(agreement: Self.text, case: Service.burglary, pdfHash: "00", certificate: "00", today: today, by: kturner) }
                == .notFullySigned(caseReference: Service.burglary.reference, unsigned: ["margaret", "daniel", "susan"], signedEarlier: []))

        let first = try queue.sign(typed("margaret", "Margaret Ellis"), agreement: Self.text, case: Service.burglary, today: today, by: kturner)
        #expect(first.version == 1 && first.textHash == Self.text.hash && first.staffName == "Karen Turner")
        #expect(first.words == SignatureRequest.agreedWords && first.typedName == "Margaret Ellis" && first.onDate == today)
        #expect(refusal { try queue.sign(typed("margaret", "M Ellis"), agreement: Self.text, case: Service.burglary, today: today, by: Service.as("jcarter")) }
                == .alreadySigned(signatory: "margaret", version: 1, on: today))
        try queue.sign(SignatureRequest(signatory: "daniel", method: .wet, paperHeldAt: "the case file"),
                       agreement: Self.text, case: Service.burglary, today: today, by: kturner)
        #expect(refusal { try queue.recordSeal(agreement: Self.text, case: Service.burglary, pdfHash: "00", certificate: "00", today: today, by: kturner) }
                == .notFullySigned(caseReference: Service.burglary.reference, unsigned: ["susan"], signedEarlier: []))
        try queue.sign(SignatureRequest(signatory: "susan", method: .onScreen, typedName: "Susan Ellis"),
                       agreement: Self.text, case: Service.burglary, today: today, by: kturner)
        status = try queue.agreementStatus(agreement: Self.text, case: Service.burglary, by: Service.as("manager"))
        #expect(status.isFullySigned && status.seal == nil)

        #expect(refusal { try queue.recordSeal(agreement: Self.text, case: Service.burglary, pdfHash: "ab", certificate: "cd", today: "2026-03-13", by: kturner) }
                == .dateTooEarly(date: "2026-03-13", earliest: today, what: "the last signature"))
        let seal = try queue.recordSeal(agreement: Self.text, case: Service.burglary, pdfHash: "ab", certificate: "cd", today: today, by: kturner)
        #expect(seal.kind == .seal && seal.pdfHash == "ab")
        #expect(refusal { try queue.recordSeal(agreement: Self.text, case: Service.burglary, pdfHash: "ab", certificate: "cd", today: today, by: kturner) }
                == .alreadySealed(caseReference: Service.burglary.reference, version: 1, on: today))
        try queue.recordCopy(to: "margaret", method: "in person", date: nil, agreement: Self.text, case: Service.burglary, today: today, by: kturner)
        #expect(refusal { try queue.recordCopy(to: "margaret", method: "post", date: nil, agreement: Self.text, case: Service.burglary, today: today, by: kturner) }
                == .alreadyGivenCopy(person: "margaret", version: 1, on: today))
        #expect(refusal { try queue.recordCopy(to: "joe", method: "post", date: nil, agreement: Self.text, case: Service.burglary, today: today, by: kturner) }
                == .notACopyHolder(id: "joe", caseReference: Service.burglary.reference, copies: ["margaret", "daniel", "susan"]))
        status = try queue.agreementStatus(agreement: Self.text, case: Service.burglary, by: kturner)
        #expect(status.seal?.id == seal.id && status.copies.map(\.person) == ["margaret"])

        // Every step is on the trail, in sentences, and the trail verifies.
        let report = try queue.verify(by: Service.as("manager"))
        #expect(report.isIntact)
        let names = try queue.staffNames(by: kturner)
        let sentences = try queue.log(by: Service.as("manager")).filter { $0.action.hasPrefix("agreement-") }.map { $0.sentence(names: names) }
        #expect(sentences.count == 5)
        _ = try queue.recordSeal(agreement: Self.text, case: Service.burglary, pdfHash: "ef", certificate: "cd", today: today, again: true, by: kturner)
        #expect(sentences[0] == "Karen Turner (kturner) witnessed margaret sign version 1 of the outcome agreement of case \(Service.burglary.reference) (typed signature, on \(today)).")
        #expect(sentences[3].contains("sealed version 1"))
    }

    @Test func aChangedTextNeedsEveryoneWhoSignedToSignAgainAndKeepsTheOldOne() throws {
        let queue = try Service().queue
        try signEveryone(queue)
        let varied = AgreementText(caseReference: Service.burglary.reference, markdown: Self.text.markdown + "\nAnd a letter.\n")
        var status = try queue.agreementStatus(agreement: varied, case: Service.burglary, by: kturner)
        #expect(status.changedSinceSigned && status.version == 2)
        #expect(status.signed.isEmpty)
        #expect(Set(status.mustSignAgain.keys) == ["margaret", "daniel", "susan"])
        #expect(refusal { try queue.recordSeal(agreement: varied, case: Service.burglary, pdfHash: "00", certificate: "00", today: today, by: kturner) }
                == .notFullySigned(caseReference: Service.burglary.reference, unsigned: ["margaret", "daniel", "susan"],
                                   signedEarlier: ["margaret", "daniel", "susan"]))
        // No copy of a text not everyone signed.
        #expect(refusal { try queue.recordCopy(to: "margaret", method: "post", date: nil, agreement: varied, case: Service.burglary, today: today, by: kturner) }
                == .notFullySigned(caseReference: Service.burglary.reference, unsigned: ["margaret", "daniel", "susan"],
                                   signedEarlier: ["margaret", "daniel", "susan"]))
        try queue.sign(typed("margaret", "Margaret Ellis"), agreement: varied, case: Service.burglary, today: today, by: kturner)
        status = try queue.agreementStatus(agreement: varied, case: Service.burglary, by: kturner)
        #expect(status.signed["margaret"]?.version == 2)
        #expect(Set(status.mustSignAgain.keys) == ["daniel", "susan"])
        #expect(status.versions.map(\.number) == [1, 2])
        #expect(status.versions.first?.markdown == Self.text.markdown)
    }

    @Test func refusals() throws {
        let service = try Service()
        let queue = service.queue
        var burglary = Service.burglary
        func sign(_ request: SignatureRequest, _ loaded: Case = Service.burglary, text: AgreementText = Self.text,
                  by actor: Actor = Service.as("kturner"), today: String = "2026-03-14") -> LetterError? {
            refusal { try queue.sign(request, agreement: text, case: loaded, today: today, by: actor) }
        }
        let margaret = typed("margaret", "Margaret Ellis")
        #expect(sign(typed("joe", "Joe")) == .notASignatory(id: "joe", caseReference: burglary.reference, signatories: ["margaret", "daniel", "susan"]))
        #expect(sign(margaret, by: Service.as("manager")) == .lacksRole(staff: "manager", action: .witnessSignature, needs: [.facilitator, .supervisor]))
        #expect(sign(margaret, by: Service.as("admin")) == .lacksRole(staff: "admin", action: .witnessSignature, needs: [.facilitator, .supervisor]))
        #expect(sign(margaret, by: Service.as("nobody")) == .unknownStaff("nobody"))
        #expect(sign(SignatureRequest(signatory: "margaret", method: .typed)) == .missing("the name as the signatory typed it"))
        #expect(sign(SignatureRequest(signatory: "daniel", method: .wet)) == .missing("where the signed paper is held"))
        #expect(sign(SignatureRequest(signatory: "margaret", method: .typed, date: "2026-03-15", typedName: "M")) == .futureDate("2026-03-15"))
        #expect(sign(SignatureRequest(signatory: "margaret", method: .typed, date: "14/03/2026", typedName: "M")) == .invalidDate("14/03/2026"))
        // Not before the agreement was made (14 March 2026), nor before the signatory consented.
        #expect(sign(SignatureRequest(signatory: "margaret", method: .typed, date: "2026-03-13", typedName: "M"))
                == .dateTooEarly(date: "2026-03-13", earliest: "2026-03-14", what: "the agreement was made"))
        let otherCase = AgreementText(caseReference: "OTHER-1", markdown: Self.text.markdown)
        #expect(sign(margaret, text: otherCase) == .agreementTextMismatch(burglary.reference))

        // A signatory who has not consented cannot sign (RJ-AGR-010), nor anyone while the agreement fails its checks.
        let index = burglary.participants.firstIndex { $0.id == "daniel" }!
        burglary.participants[index].consent = nil
        guard case .agreementNotReady(_, let problems) = sign(margaret, burglary) else {
            Issue.record("signed an agreement whose signatory has not consented")
            return
        }
        #expect(problems.contains { $0.hasPrefix("RJ-AGR-010") && $0.contains("daniel") && $0.contains("BPG 2011 §3b.9") })

        // A member of staff who takes part in the case never witnesses its agreement.
        try queue.addStaff(id: "mellis", name: "Margaret Ellis", roles: [.facilitator], by: Service.as("admin"))
        #expect(sign(typed("daniel", "Daniel Price"), by: Service.as("mellis")) == .participantCannotAct(staff: "mellis", caseReference: burglary.reference))

        // Disabled staff act no more.
        try queue.disableStaff("jcarter", by: Service.as("admin"))
        #expect(sign(margaret, by: Service.as("jcarter")) == .staffDisabled("jcarter"))

        // Nothing was recorded by any refusal.
        let status = try queue.agreementStatus(agreement: Self.text, case: Service.burglary, by: kturner)
        #expect(status.history.isEmpty && status.versions.isEmpty)
    }

    @Test func aSensitiveCasesAgreementIsWitnessedByClearedStaffOnly() throws {
        let queue = try Service().queue
        var sensitive = Service.burglary
        sensitive.risk?.sensitiveComplexIndicators = [.vulnerability]
        #expect(sensitive.isSensitiveAndComplex)
        let request = typed("margaret", "Margaret Ellis")
        #expect(refusal { try queue.sign(request, agreement: Self.text, case: sensitive, today: today, by: Service.as("jcarter")) }
                == .notCleared(staff: "jcarter", letter: nil))
        // Karen Turner is cleared for sensitive and complex work.
        #expect(try queue.sign(request, agreement: Self.text, case: sensitive, today: today, by: kturner).person == "margaret")
    }

    /// Each direct edit of an agreement record, and what verify names.
    static let edits: [(sql: String, parts: [String])] = [
        ("UPDATE agreementRecord SET person = 'daniel' WHERE id = 1", ["who"]),
        ("UPDATE agreementRecord SET onDate = '2026-03-01' WHERE id = 1", ["how"]),
        ("UPDATE agreementRecord SET textHash = 'ff' WHERE id = 1", ["record"]),
        ("UPDATE agreementVersion SET markdown = 'Daniel pays nothing.' WHERE number = 1", ["agreement text"]),
    ]

    @Test(arguments: edits.indices)
    func aRecordEditedOutsideRjIsNamedAndRefused(_ index: Int) throws {
        let file = try StoreFile()
        defer { file.remove() }
        let service = try Service(path: file.path)
        try service.queue.sign(typed("margaret", "Margaret Ellis"), agreement: Self.text, case: Service.burglary, today: today, by: kturner)
        try file.edit(Self.edits[index].sql)
        let queue = try ReviewQueue(path: file.path, screener: Service.screener)
        let report = try queue.verify(by: Service.as("manager"))
        #expect(report.discrepancies.count == 1)
        #expect(report.discrepancies.first?.subject == .agreement(1))
        if case .changed(let parts, _) = report.discrepancies.first?.kind { #expect(parts == Self.edits[index].parts) }
        guard case .recordsAltered = refusal({ _ = try queue.agreementStatus(agreement: Self.text, case: Service.burglary, by: kturner) }) else {
            Issue.record("status read a record edited outside rj")
            return
        }
    }

    @Test func aSignatureDeletedOutsideRjIsNamed() throws {
        let file = try StoreFile()
        defer { file.remove() }
        let service = try Service(path: file.path)
        try signEveryone(service.queue)
        try file.edit("DELETE FROM agreementRecord WHERE person = 'susan'")
        let report = try ReviewQueue(path: file.path, screener: Service.screener).verify(by: Service.as("manager"))
        #expect(report.discrepancies.map(\.description) == ["agreement record 3 was removed from the store (its last audit entry is \(report.entries))"])
    }
}
