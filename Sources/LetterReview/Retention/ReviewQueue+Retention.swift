import CaseFiles

/// What the store holds of one case: counts only, for a retention run to say
/// what would go without showing any of it.
public struct CaseHoldings: Sendable, Equatable {
    public var letters = 0
    /// The letters' versions: each text a writer sent.
    public var versions = 0
    /// Signatures, seals and copies given of the case's outcome agreement.
    public var agreementRecords = 0
    /// The agreement's texts as they were signed.
    public var agreementTexts = 0

    public init() {}

    public var isEmpty: Bool { letters == 0 && agreementRecords == 0 && agreementTexts == 0 }

    /// "2 letters (3 versions), 4 agreement records and 1 agreement text", or "nothing".
    public var summary: String {
        func count(_ n: Int, _ one: String, _ many: String) -> String { "\(n) \(n == 1 ? one : many)" }
        var parts: [String] = []
        if letters > 0 { parts.append(count(letters, "letter", "letters") + " (" + count(versions, "version", "versions") + ")") }
        if agreementRecords > 0 { parts.append(count(agreementRecords, "agreement record", "agreement records")) }
        if agreementTexts > 0 { parts.append(count(agreementTexts, "signed agreement text", "signed agreement texts")) }
        guard let last = parts.popLast() else { return "nothing" }
        return parts.isEmpty ? last : parts.joined(separator: ", ") + " and " + last
    }
}

extension ReviewQueue {
    /// What the store holds of the case in the reader's office, as counts.
    public func holdings(case reference: String, by actor: Actor) throws(LetterError) -> CaseHoldings {
        try store.read { tx in
            _ = try Self.member(tx, actor, may: .read)
            return try tx.holdings(case: reference).counts
        }
    }

    /// Deletes everything the store holds of a case whose retention period
    /// has ended (BPG 2011 §G.7; UK GDPR Art. 5(1)(e)): its letters with their
    /// versions, reviews, redactions and participants, and its agreement's
    /// texts, signatures, seals and copies, in the actor's office, in one
    /// transaction. Each record deleted gets a last audit entry saying so and
    /// why, without its content, so that `verify` knows it went on purpose;
    /// the entries before it stay, as the chain needs them.
    /// Only a service manager may, and only records that are as their trail
    /// left them: a record changed outside rj is not deleted unseen.
    @discardableResult
    public func deleteRecords(case reference: String, reason: String, by actor: Actor) throws(LetterError) -> CaseHoldings {
        try store.write { tx in
            let reason = try Self.required(reason, "a reason for deleting the records")
            _ = try Self.member(tx, actor, may: .deleteRecords)
            let held = try tx.holdings(case: reference)
            for details in held.letters {
                let discrepancies = try tx.discrepancies(details)
                guard discrepancies.isEmpty else { throw LetterError.recordsAltered(discrepancies) }
            }
            let versions = try tx.agreementVersions(case: reference)
            let agreementEntries = try tx.agreementEntries(offices: Set(tx.offices))
            for record in held.agreementRecords {
                let version = versions.first { $0.office == record.office && $0.number == record.version }
                let found = Integrity.compare(.agreement(record.id ?? 0), now: RecordState(record, version),
                                              last: agreementEntries[record.id ?? 0], key: tx.key)
                guard found.isEmpty else { throw LetterError.recordsAltered(found) }
            }
            for details in held.letters {
                try tx.append(.retentionDelete, by: actor, letter: details.id, office: details.letter.office,
                              detail: ["case": reference, "reason": reason, "versions": String(details.versions.count)],
                              state: nil)
                try tx.deleteLetter(details.id)
            }
            for record in held.agreementRecords {
                try tx.append(.retentionDelete, by: actor, office: record.office,
                              detail: ["case": reference, "reason": reason, "record": String(record.id ?? 0), "kind": record.kind.rawValue],
                              state: nil)
            }
            try tx.deleteAgreement(case: reference)
            return held.counts
        }
    }
}

/// A case's records in the offices a transaction entered.
struct HeldRecords {
    var letters: [LetterDetails]
    var agreementRecords: [AgreementRecord]
    var agreementTexts: Int

    var counts: CaseHoldings {
        var counts = CaseHoldings()
        counts.letters = letters.count
        counts.versions = letters.reduce(0) { $0 + $1.versions.count }
        counts.agreementRecords = agreementRecords.count
        counts.agreementTexts = agreementTexts
        return counts
    }
}

extension StoreTransaction {
    func holdings(case reference: String) throws -> HeldRecords {
        guard let scope = scope() else { return HeldRecords(letters: [], agreementRecords: [], agreementTexts: 0) }
        let ids = try connection.rows("SELECT id FROM letter WHERE caseReference = ? AND \(scope.clause) ORDER BY id",
                                      [.text(reference)] + scope.values).compactMap { $0[0].int64 }
        return HeldRecords(letters: try ids.compactMap { try details($0) },
                           agreementRecords: try agreementRecords(case: reference),
                           agreementTexts: try agreementVersions(case: reference).count)
    }

    /// Removes a letter and everything recorded about it: on PostgreSQL
    /// through the owner's function, which needs its retention entry first.
    func deleteLetter(_ id: Int64) throws {
        if connection.dialect == .postgres {
            try connection.execute("SELECT rj_delete_letter(?)", [.integer(id)])
            return
        }
        for table in ["party", "redaction", "review", "letterVersion"] {
            try connection.execute("DELETE FROM \(table) WHERE letterId = ?", [.integer(id)])
        }
        try connection.execute("DELETE FROM letter WHERE id = ?", [.integer(id)])
    }

    /// Removes the case's agreement records and signed texts in the offices entered.
    func deleteAgreement(case reference: String) throws {
        guard let scope = scope() else { return }
        if connection.dialect == .postgres {
            try connection.execute("SELECT rj_delete_agreement(?)", [.text(reference)])
            return
        }
        for table in ["agreementRecord", "agreementVersion"] {
            try connection.execute("DELETE FROM \(table) WHERE caseReference = ? AND \(scope.clause)", [.text(reference)] + scope.values)
        }
    }
}
