import CaseFiles
/// A letter as a reviewer reads it, and whether its records are as the audit trail left them.
public struct LetterView: Sendable {
    public var details: LetterDetails
    /// Empty when the records match their last audit entry.
    public var discrepancies: [Discrepancy]
}

extension ReviewQueue {
    /// A letter with everything recorded about it, for staff who may read
    /// letters and take no part in its case. A letter changed outside rj is
    /// still shown, with what differs.
    public func letter(_ id: Int64, by actor: Actor) throws(LetterError) -> LetterView {
        try store.read { tx in
            let member = try Self.member(tx, actor, may: .read)
            guard let details = try tx.details(id) else { throw LetterError.notFound(id) }
            if Self.takesPart(member, in: details.parties) {
                throw LetterError.participantCannotAct(staff: member.id, caseReference: details.letter.caseReference)
            }
            return LetterView(details: details, discrepancies: try tx.discrepancies(details))
        }
    }

    /// A letter read by a member of staff, as ``letter(_:by:)``, with the
    /// reading on the audit trail: who read what, when.
    public func view(_ id: Int64, by actor: Actor) throws(LetterError) -> LetterView {
        let view = try letter(id, by: actor)
        try store.write { tx in
            _ = try Self.member(tx, actor, may: .read)
            try tx.append(.view, by: actor, letter: id, detail: [:], state: nil)
        }
        return view
    }

    /// Letters awaiting action (pending, returned, approved), oldest first;
    /// none of a case the reader takes part in.
    public func queue(by actor: Actor) throws(LetterError) -> [StoredLetter] {
        try store.read { tx in
            let member = try Self.member(tx, actor, may: .read)
            let hidden = try Self.lettersTakingPart(tx, member)
            return try tx.openLetters().filter { !hidden.contains($0.id!) }
        }
    }

    /// Released letters whose writer asked for a response or feedback; those
    /// marked done only when `includeDone`.
    public func followups(by actor: Actor, includeDone: Bool = false) throws(LetterError) -> [StoredLetter] {
        try store.read { tx in
            let member = try Self.member(tx, actor, may: .read)
            let hidden = try Self.lettersTakingPart(tx, member)
            return try tx.lettersWithWishes().filter { (includeDone || $0.followedUpAt == nil) && !hidden.contains($0.id!) }
        }
    }

    /// The audit trail, for one letter or the whole store; nothing of a case the reader takes part in.
    public func log(letter id: Int64? = nil, by actor: Actor) throws(LetterError) -> [AuditEntry] {
        try store.read { tx in
            let member = try Self.member(tx, actor, may: .read)
            let hidden = try Self.lettersTakingPart(tx, member)
            if let id {
                if try tx.details(id) == nil, try tx.lastEntry(letter: id) == nil { throw LetterError.notFound(id) }
                if hidden.contains(id), let letter = try tx.details(id)?.letter {
                    throw LetterError.participantCannotAct(staff: member.id, caseReference: letter.caseReference)
                }
            }
            return try tx.entries(letter: id).filter { $0.letterId.map { !hidden.contains($0) } ?? true }
        }
    }

    /// The letters of cases `member` takes part in.
    static func lettersTakingPart(_ tx: StoreTransaction, _ member: StaffMember) throws -> Set<Int64> {
        try tx.letters { participant, name in takesPart(member, in: [Party(letterId: 0, participant: participant, name: name)]) }
    }

    /// Checks the chain entry by entry under the service key, then that every
    /// letter and member of staff is as its last entry recorded.
    public func verify(by actor: Actor) throws(LetterError) -> IntegrityReport {
        try store.read { tx in
            _ = try Self.member(tx, actor, may: .verify)
            return try Integrity.verify(tx)
        }
    }
}

extension StaffMember {
    /// Whether this member of staff takes part in `loaded`, by id or by name:
    /// they then see nothing of it.
    public func takesPart(in loaded: CaseFiles.Case) -> Bool {
        ReviewQueue.takesPart(self, in: loaded.participants.map { Party(letterId: 0, participant: $0.id, name: $0.name) })
    }
}
