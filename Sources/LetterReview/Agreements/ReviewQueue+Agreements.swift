import CaseFiles
import Foundation
import Templating

/// Signed and sealed outcome agreements (BPG 2011 §3b.9-10; RJC Service
/// Provider Code: "everyone involved signs and receives a copy"). The store
/// keeps each text that anyone signed as a version of the case's agreement,
/// and every signature, seal and copy given, each with a sealed audit entry.
/// A signature counts for the exact text signed: once the text changes,
/// whoever signed the old one must sign again.
extension ReviewQueue {
    /// Records that a signatory signed the agreement's current text,
    /// witnessed by the member of staff who acts.
    ///
    /// Refused unless the actor may witness signatures, takes no part in the
    /// case, and is cleared for sensitive and complex work where the case is;
    /// the signatory is one of the agreement's signatories and has consented
    /// (RJ-AGR-010); the agreement passes its guidance checks; `text` is the
    /// agreement as it renders now; the date is a real day that has come;
    /// and they have not signed this text already.
    @discardableResult
    public func sign(_ request: SignatureRequest, agreement text: AgreementText, case loaded: Case,
                     today: String, by actor: Actor) throws(LetterError) -> AgreementRecord {
        try store.write { tx in
            let member = try Self.member(tx, actor, may: .witnessSignature)
            let agreement = try Self.agreement(of: loaded, text: text, for: member)
            guard agreement.signatories.contains(request.signatory) else {
                throw LetterError.notASignatory(id: request.signatory, caseReference: loaded.reference, signatories: agreement.signatories)
            }
            let date = request.date ?? today
            try Self.checkDate(date)
            if date > today { throw LetterError.futureDate(date) }
            if let made = agreement.date?.description, date < made {
                throw LetterError.dateTooEarly(date: date, earliest: made, what: "the agreement was made")
            }
            if let consented = loaded.participant(request.signatory)?.consent?.date?.description, date < consented {
                throw LetterError.dateTooEarly(date: date, earliest: consented, what: "\(request.signatory) consented to take part")
            }
            var typedName: String?, words: String?, paper: String?
            switch request.method {
            case .wet:
                paper = try Self.required(request.paperHeldAt ?? "", "where the signed paper is held")
            case .typed, .onScreen:
                typedName = try Self.required(request.typedName ?? "", "the name as the signatory typed it")
                words = Self.trimmed(request.words) ?? SignatureRequest.agreedWords
            }
            let version = try Self.version(tx, of: text, office: member.office)
            let records = try tx.agreementRecords(case: loaded.reference)
            if let earlier = records.first(where: { $0.kind == .signature && $0.person == request.signatory && $0.textHash == text.hash }) {
                throw LetterError.alreadySigned(signatory: request.signatory, version: earlier.version, on: earlier.onDate)
            }
            var record = AgreementRecord(
                id: nil, office: member.office, caseReference: loaded.reference, kind: .signature,
                version: version.number, textHash: text.hash, person: request.signatory,
                personName: loaded.participant(request.signatory)?.name, method: request.method.rawValue, onDate: date,
                staffId: member.id, staffName: member.name, typedName: typedName, words: words, paperHeldAt: paper,
                pdfHash: nil, certificate: nil, recordedAt: Clock.now())
            try tx.insert(&record)
            try tx.append(.agreementSign, by: actor, office: member.office,
                          detail: ["record": String(record.id!), "case": loaded.reference, "signatory": request.signatory,
                                   "version": String(version.number), "method": request.method.rawValue, "date": date,
                                   "text": text.hash],
                          state: RecordState(record, version))
            return record
        }
    }

    /// Records the seal of the agreement's current text: the SHA-256 of the
    /// sealed PDF and of the certificate that sealed it. Refused unless
    /// every signatory signed this text.
    /// Sealing the same text again (a copy lost) is asked for with `again`.
    @discardableResult
    public func recordSeal(agreement text: AgreementText, case loaded: Case, pdfHash: String, certificate: String,
                           today: String, again: Bool = false, by actor: Actor) throws(LetterError) -> AgreementRecord {
        try store.write { tx in
            let member = try Self.member(tx, actor, may: .sealAgreement)
            let agreement = try Self.agreement(of: loaded, text: text, for: member)
            let records = try tx.agreementRecords(case: loaded.reference)
            let signatures = try Self.signatures(of: agreement, text: text, in: records, caseReference: loaded.reference)
            if let latest = signatures.map(\.onDate).max(), today < latest {
                throw LetterError.dateTooEarly(date: today, earliest: latest, what: "the last signature")
            }
            if !again, let sealed = records.last(where: { $0.kind == .seal && $0.textHash == text.hash }) {
                throw LetterError.alreadySealed(caseReference: loaded.reference, version: sealed.version, on: sealed.onDate)
            }
            let version = try Self.version(tx, of: text, office: member.office)
            var record = AgreementRecord(
                id: nil, office: member.office, caseReference: loaded.reference, kind: .seal, version: version.number,
                textHash: text.hash, person: nil, personName: nil, method: nil, onDate: today, staffId: member.id,
                staffName: member.name, typedName: nil, words: nil, paperHeldAt: nil, pdfHash: pdfHash,
                certificate: certificate, recordedAt: Clock.now())
            try tx.insert(&record)
            try tx.append(.agreementSeal, by: actor, office: member.office,
                          detail: ["record": String(record.id!), "case": loaded.reference, "version": String(version.number),
                                   "pdf": pdfHash, "certificate": certificate, "text": text.hash],
                          state: RecordState(record, version))
            return record
        }
    }

    /// Records that someone the agreement names in `copies` was given their
    /// copy of its current text, how and when (BPG 2011 §3b.10).
    @discardableResult
    public func recordCopy(to person: String, method: String, date: String?, agreement text: AgreementText, case loaded: Case,
                           today: String, by actor: Actor) throws(LetterError) -> AgreementRecord {
        try store.write { tx in
            let member = try Self.member(tx, actor, may: .recordCopy)
            let agreement = try Self.agreement(of: loaded, text: text, for: member)
            guard agreement.copies.contains(person) else {
                throw LetterError.notACopyHolder(id: person, caseReference: loaded.reference, copies: agreement.copies)
            }
            let method = try Self.required(method, "how the copy was given")
            let date = date ?? today
            try Self.checkDate(date)
            if date > today { throw LetterError.futureDate(date) }
            // A copy is of the agreement everyone signed, once they have.
            let records = try tx.agreementRecords(case: loaded.reference)
            let signatures = try Self.signatures(of: agreement, text: text, in: records, caseReference: loaded.reference)
            if let latest = signatures.map(\.onDate).max(), date < latest {
                throw LetterError.dateTooEarly(date: date, earliest: latest, what: "the last signature")
            }
            if let given = records.first(where: { $0.kind == .copy && $0.person == person && $0.textHash == text.hash }) {
                throw LetterError.alreadyGivenCopy(person: person, version: given.version, on: given.onDate)
            }
            let version = try Self.version(tx, of: text, office: member.office)
            var record = AgreementRecord(
                id: nil, office: member.office, caseReference: loaded.reference, kind: .copy, version: version.number,
                textHash: text.hash, person: person, personName: loaded.participant(person)?.name ?? person, method: method,
                onDate: date, staffId: member.id, staffName: member.name, typedName: nil, words: nil, paperHeldAt: nil,
                pdfHash: nil, certificate: nil, recordedAt: Clock.now())
            try tx.insert(&record)
            try tx.append(.agreementCopy, by: actor, office: member.office,
                          detail: ["record": String(record.id!), "case": loaded.reference, "person": person,
                                   "version": String(version.number), "method": method, "date": date],
                          state: RecordState(record, version))
            return record
        }
    }

    /// Where the case's agreement stands against its current text. `action`
    /// is what the reader means to do next (sealing, say), so that a reader
    /// who may not is told so first.
    public func agreementStatus(agreement text: AgreementText, case loaded: Case, for action: LetterAction = .read,
                                by actor: Actor) throws(LetterError) -> AgreementStatus {
        try store.read { tx in
            _ = try Self.member(tx, actor, may: action)
            guard let agreement = loaded.agreement else { throw LetterError.noAgreement(loaded.reference) }
            let records = try tx.agreementRecords(case: loaded.reference)
            let versions = try tx.agreementVersions(case: loaded.reference)
            let entries = try tx.agreementEntries(offices: Set(records.map(\.office)))
            for record in records {
                let version = versions.first { $0.number == record.version && $0.office == record.office }
                let found = Integrity.compare(.agreement(record.id ?? 0), now: RecordState(record, version),
                                              last: entries[record.id ?? 0], key: tx.key)
                guard found.isEmpty else { throw LetterError.recordsAltered(found) }
            }
            let current = versions.first { $0.textHash == text.hash }
            var signed: [String: AgreementRecord] = [:], older: [String: AgreementRecord] = [:]
            for record in records where record.kind == .signature {
                guard let person = record.person, agreement.signatories.contains(person) else { continue }
                if record.textHash == text.hash { signed[person] = record } else { older[person] = record }
            }
            for person in signed.keys { older.removeValue(forKey: person) }
            return AgreementStatus(
                caseReference: loaded.reference, text: text,
                version: current?.number ?? (versions.map(\.number).max() ?? 0) + 1,
                changedSinceSigned: current == nil && !versions.isEmpty,
                signatories: agreement.signatories.map { ($0, loaded.participant($0)?.name ?? $0) },
                signed: signed, mustSignAgain: older,
                seals: records.filter { $0.kind == .seal && $0.textHash == text.hash },
                copies: records.filter { $0.kind == .copy && $0.textHash == text.hash },
                history: records, versions: versions)
        }
    }

    // MARK: What every agreement action checks

    /// The case's agreement, ready to sign: it passes its guidance checks
    /// (which include each signatory's consent, RJ-AGR-010), `text` is of
    /// this case, and `member` takes no part in it and is cleared for it.
    static func agreement(of loaded: Case, text: AgreementText, for member: StaffMember) throws -> OutcomeAgreement {
        guard let agreement = loaded.agreement else { throw LetterError.noAgreement(loaded.reference) }
        guard text.caseReference == loaded.reference, text.hash == Digest.sha256(text.markdown) else {
            throw LetterError.agreementTextMismatch(loaded.reference)
        }
        let parties = loaded.participants.map { Party(letterId: 0, participant: $0.id, name: $0.name) }
        if takesPart(member, in: parties) {
            throw LetterError.participantCannotAct(staff: member.id, caseReference: loaded.reference)
        }
        if loaded.isSensitiveAndComplex && !member.sensitiveComplex {
            throw LetterError.notCleared(staff: member.id, letter: nil)
        }
        let problems = GuidanceChecks.run(loaded)
            .filter { $0.severity == .error && ($0.area == .agreement || $0.area == .consent) }
            .map { "\($0.code) \($0.message) (\($0.reference))" }
        guard problems.isEmpty else { throw LetterError.agreementNotReady(caseReference: loaded.reference, problems: problems) }
        return agreement
    }

    /// Each signatory's signature of `text`; refused, naming who has not signed
    /// it and who signed an earlier text, unless everyone has.
    static func signatures(of agreement: OutcomeAgreement, text: AgreementText, in records: [AgreementRecord],
                           caseReference: String) throws -> [AgreementRecord] {
        var signed: [AgreementRecord] = [], unsigned: [String] = [], earlier: [String] = []
        for id in agreement.signatories {
            let theirs = records.filter { $0.kind == .signature && $0.person == id }
            if let signature = theirs.first(where: { $0.textHash == text.hash }) {
                signed.append(signature)
            } else {
                unsigned.append(id)
                if !theirs.isEmpty { earlier.append(id) }
            }
        }
        guard unsigned.isEmpty else {
            throw LetterError.notFullySigned(caseReference: caseReference, unsigned: unsigned, signedEarlier: earlier)
        }
        return signed
    }

    /// The stored version of `text`, kept the first time anything is recorded of it.
    static func version(_ tx: StoreTransaction, of text: AgreementText, office: String) throws -> AgreementVersion {
        let versions = try tx.agreementVersions(case: text.caseReference).filter { $0.office == office }
        if let existing = versions.first(where: { $0.textHash == text.hash }) { return existing }
        var version = AgreementVersion(id: nil, office: office, caseReference: text.caseReference,
                                       number: (versions.map(\.number).max() ?? 0) + 1, textHash: text.hash,
                                       markdown: text.markdown, recordedAt: Clock.now())
        version.id = try tx.connection.insert(version, into: "agreementVersion")
        return version
    }
}

extension StoreTransaction {
    /// The case's agreement records in the offices entered, oldest first.
    func agreementRecords(case reference: String) throws -> [AgreementRecord] {
        guard !offices.isEmpty else { return [] }
        let marks = offices.map { _ in "?" }.joined(separator: ", ")
        return try connection.fetch(AgreementRecord.self, """
            SELECT * FROM agreementRecord WHERE caseReference = ? AND office IN (\(marks)) ORDER BY id
            """, [.text(reference)] + offices.map { .text($0) })
    }

    func agreementVersions(case reference: String? = nil) throws -> [AgreementVersion] {
        guard !offices.isEmpty else { return [] }
        let marks = offices.map { _ in "?" }.joined(separator: ", ")
        let byCase = reference == nil ? "" : "caseReference = ? AND "
        return try connection.fetch(AgreementVersion.self, """
            SELECT * FROM agreementVersion WHERE \(byCase)office IN (\(marks)) ORDER BY id
            """, (reference.map { [SQLValue.text($0)] } ?? []) + offices.map { .text($0) })
    }

    func allAgreementRecords() throws -> [AgreementRecord] {
        guard !offices.isEmpty else { return [] }
        let marks = offices.map { _ in "?" }.joined(separator: ", ")
        return try connection.fetch(AgreementRecord.self, "SELECT * FROM agreementRecord WHERE office IN (\(marks)) ORDER BY id",
                                    offices.map { .text($0) })
    }

    func insert(_ record: inout AgreementRecord) throws { record.id = try connection.insert(record, into: "agreementRecord") }

    /// The latest entry that recorded each agreement record of these offices, by the record its details name.
    func agreementEntries(offices: Set<String>) throws -> [Int64: AuditEntry] {
        var latest: [Int64: AuditEntry] = [:]
        for office in offices.sorted() {
            for entry in try connection.fetch(AuditEntry.self, from: "auditEntry", """
                WHERE office = ? AND action IN ('agreement-sign', 'agreement-seal', 'agreement-copy') ORDER BY sequence
                """, [.text(office)]) {
                if let id = entry.details["record"].flatMap(Int64.init) { latest[id] = entry }
            }
        }
        return latest
    }
}
