import CaseFiles
import Foundation
/// A letter as a reviewer reads it, and whether its records are as the audit trail left them.
public struct LetterView: Sendable {
    public var details: LetterDetails
    /// Empty when the records match their last audit entry.
    public var discrepancies: [Discrepancy]
}

/// A letter as a screen shows it (``ReviewQueue/reading(_:by:today:latestReads:)``).
public struct LetterReading: Sendable {
    public var view: LetterView
    /// The letter's audit entries other than reads, oldest first.
    public var changes: [AuditEntry]
    /// Its latest reads, newest first (the whole trail has them all).
    public var latestReads: [AuditEntry]
    /// Staff names by id, to write the trail in sentences.
    public var names: [String: String]
    /// The copy to hand over as it stands, with what stops its release; nil
    /// when the letter's records are not as the trail left them.
    public var handover: Handover?
}

/// The letters awaiting action, and the revision of the store they were read at.
public struct QueueSnapshot: Sendable {
    public var letters: [StoredLetter]
    /// Changes with every audited change in the reader's offices (reads
    /// aside): the same revision, the same letters.
    public var revision: String
}

/// A reading of a letter, waiting to go on the audit trail.
struct LetterRead: Sendable {
    var actor: Actor
    var letter: Int64
    var office: String
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
            try tx.append(.view, by: actor, letter: id, office: view.details.letter.office, detail: [:], state: nil)
        }
        return view
    }

    /// A letter as a screen shows it, read from one snapshot: the letter and
    /// whether its records are as the trail left them, its changes in order,
    /// its latest reads, the staff's names, and the copy to hand over as it
    /// stands. Returns once the reading is on the audit trail; readings
    /// that arrive together are written in one transaction.
    public func reading(_ id: Int64, by actor: Actor, today: String, latestReads: Int = 10) async throws(LetterError) -> LetterReading {
        let store = self.store
        let reading = try await run { () throws(LetterError) -> LetterReading in try store.read { tx in
            try Self.read(tx, id, by: try Self.member(tx, actor, may: .read), latestReads: latestReads, today: today)
        } }
        try await readings.add(LetterRead(actor: actor, letter: id, office: reading.view.details.letter.office))
        return reading
    }

    /// A letter read as ``reading(_:by:today:latestReads:)`` reads it, by
    /// the member of staff whose session `token` opens, checked in the same
    /// transaction: the desk's letter page. A session not open is refused
    /// (`notSignedIn`) as ``session(_:now:)`` refuses it; a reading refused
    /// to an open session is given with it, as the reading's own refusal.
    public func reading(_ id: Int64, session token: String, today: String, now: Date = Date(),
                        latestReads: Int = 10) async throws(LetterError) -> (session: DeskSession, reading: Result<LetterReading, LetterError>) {
        let store = self.store
        let (found, reading) = try await run { () throws(LetterError) in try store.read { tx -> (OpenSession?, Result<LetterReading, LetterError>) in
            guard let open = try Self.openSession(tx, token, at: now) else { return (nil, .failure(.notSignedIn)) }
            let member = open.session.member
            do {
                // The session's check of its member is the reading's when the reading sees the same
                // office; a reader of every office is checked again for them all.
                let reader = try Permissions.offices(of: member, for: .read, every: tx.allOffices) == [member.office]
                    ? try Self.vetted(member, tx, may: .read, last: open.memberLast)
                    : try Self.member(tx, open.session.actor, may: .read)
                return (open, .success(try Self.read(tx, id, by: reader, latestReads: latestReads, today: today)))
            } catch let refusal as LetterError {
                return (open, .failure(refusal))
            }
        } }
        let session = try kept(found, token, at: now).session
        if case .success(let read) = reading {
            try await readings.add(LetterRead(actor: session.actor, letter: id, office: read.view.details.letter.office))
        }
        return (session, reading)
    }

    /// The reading of letter `id` by `member`, already checked, in `tx`.
    static func read(_ tx: StoreTransaction, _ id: Int64, by member: StaffMember, latestReads: Int, today: String) throws -> LetterReading {
        guard let records = try tx.readingRecords(id, latestReads: latestReads), let details = records.details else {
            throw LetterError.notFound(id)
        }
        if takesPart(member, in: details.parties) {
            throw LetterError.participantCannotAct(staff: member.id, caseReference: details.letter.caseReference)
        }
        let discrepancies = tx.discrepancies(details, last: records.last)
        let staff = records.staff
        let releaser = details.letter.releasedBy.flatMap { id in staff.first { $0.id == id } }
        let handover = discrepancies.isEmpty ? preview(details, releasedBy: releaser, today: today) : nil
        return LetterReading(view: LetterView(details: details, discrepancies: discrepancies),
                             changes: records.changes, latestReads: records.reads,
                             names: Dictionary(staff.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first }),
                             handover: handover)
    }

    /// Writes a batch of readings in one transaction, each checked as its
    /// reader's own: a reader no longer allowed to read is refused alone.
    /// A reader with several readings in the batch is checked once. The
    /// readings allowed are numbered together and their entries sent with the
    /// commit: a few round trips a batch on PostgreSQL, however many it holds.
    static func readingWriter(_ store: LetterStore) -> GroupCommit<LetterRead>.Writer {
        { reads throws(LetterError) in
            try store.write { tx in
                var checked: [String: Result<Set<String>, LetterError>] = [:]
                var outcomes: [LetterError?] = []
                var allowed: [LetterRead] = []
                for read in reads {
                    let offices: Set<String>
                    switch checked[read.actor.staffId] {
                    case .failure(let refusal)?:
                        outcomes.append(refusal)
                        continue
                    case .success(let known)?:
                        offices = known
                    case nil:
                        do {
                            _ = try member(tx, read.actor, may: .read)
                            offices = Set(tx.offices)
                            checked[read.actor.staffId] = .success(offices)
                        } catch let refusal as LetterError {
                            checked[read.actor.staffId] = .failure(refusal)
                            outcomes.append(refusal)
                            continue
                        }
                    }
                    guard offices.contains(read.office) else {
                        outcomes.append(.notFound(read.letter))
                        continue
                    }
                    outcomes.append(nil)
                    allowed.append(read)
                }
                guard !allowed.isEmpty else { return outcomes }
                // Each reading was checked against its own reader's offices above.
                try tx.enter(Set(allowed.map(\.office)))
                try tx.reserveEntries(allowed.count)
                for read in allowed {
                    try tx.append(.view, by: read.actor, letter: read.letter, office: read.office, detail: [:], state: nil)
                }
                return outcomes
            }
        }
    }

    /// Letters awaiting action (pending, returned, approved), oldest first;
    /// none of a case the reader takes part in.
    public func queue(by actor: Actor) throws(LetterError) -> [StoredLetter] {
        try queueSnapshot(by: actor).letters
    }

    /// The letters awaiting action as ``queue(by:)``, with the revision of
    /// the store they were read at. While nothing in the reader's offices
    /// changes (reads aside), the revision stays the same and the letters are
    /// not read again: the reader is still checked every time.
    public func queueSnapshot(by actor: Actor) throws(LetterError) -> QueueSnapshot {
        try store.read { tx in
            let member = try Self.member(tx, actor, may: .read)
            let revision = try tx.revision()
            let key = "\(member.id)\u{1F}\(tx.offices.joined(separator: ","))\u{1F}\(revision)"
            let letters = try queues.value(key) { () throws -> [StoredLetter] in
                let hidden = try Self.lettersTakingPart(tx, member)
                return try tx.openLetters().filter { !hidden.contains($0.id!) }
            }
            return QueueSnapshot(letters: letters, revision: revision)
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
