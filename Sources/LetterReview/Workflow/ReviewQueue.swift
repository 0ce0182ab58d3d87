import CaseFiles
import Foundation
import Templating

/// The letter-review workflow (BPG 2011 §3d.10-14): letters are screened when
/// stored, checked and approved by the service's staff, given to the
/// recipient only once they agree, and never sealed. Every action names the
/// member of staff who acts and is allowed only to the roles that may do it
/// (``Permissions``); every change is one transaction with a sealed audit
/// entry recording the record's new state, and first checks that the
/// letter's records are as the trail left them.
public final class ReviewQueue: Sendable {
    let store: LetterStore
    /// The screen every letter and revision goes through before it is stored.
    public let screener: Screener
    /// The bcrypt cost of new password hashes (each step doubles the work).
    let passwordCost: UInt8
    /// Readings of letters waiting to go on the audit trail, written together.
    let readings: GroupCommit<LetterRead>
    /// Each reader's queue at the revision it was read at.
    let queues = RevisionCache<[StoredLetter]>()

    /// Opens the store at `path`: a SQLite file, with its key file
    /// (`keyFile`, else `PATH.key` beside it), made there only when `create`;
    /// or a `postgres://` URL, whose tables `rj store migrate` made, with the
    /// key file it names.
    public init(path: String, keyFile: String? = nil, create: Bool = false, screener: Screener,
                passwordCost: UInt8 = 12) throws(LetterError) {
        store = try LetterStore(location: path, keyFile: keyFile, create: create)
        readings = GroupCommit(label: "rj.readings", writer: Self.readingWriter(store))
        self.screener = screener
        self.passwordCost = passwordCost
    }

    /// An in-memory store, for tests and benchmarks.
    public init(key: ServiceKey = .random(), screener: Screener, passwordCost: UInt8 = 12) throws(LetterError) {
        store = try LetterStore(key: key)
        readings = GroupCommit(label: "rj.readings", writer: Self.readingWriter(store))
        self.screener = screener
        self.passwordCost = passwordCost
    }

    /// What storing a letter produced.
    public struct Submission: Sendable {
        public var id: Int64
        public var screening: ScreeningResult
        public var sensitive: Bool
    }

    // MARK: Storing letters

    /// Screens a letter between two participants of `loaded` and stores it
    /// with its findings, waiting for review. The case gives the screen its
    /// protected names and places, the names the writer may not know, and
    /// whether it is sensitive and complex. There is no way to store a letter
    /// without screening it.
    public func submit(letter text: String, case loaded: Case, from writer: String, to recipient: String,
                       by actor: Actor, responseWish: String? = nil) throws(LetterError) -> Submission {
        guard text.contains(where: { !$0.isWhitespace }) else { throw .missing("the letter's text") }
        for id in [writer, recipient] where loaded.participant(id) == nil {
            throw .unknownParticipant(id: id, caseReference: loaded.reference, known: loaded.participants.map(\.id))
        }
        guard writer != recipient else { throw .sameWriterAndRecipient }
        let screening = screener.screen(text, context: ScreeningContext(case: loaded, writer: writer))
        let sensitive = loaded.isSensitiveAndComplex
        let parties = loaded.participants.map { Party(letterId: 0, participant: $0.id, name: $0.name) }
        let id = try store.write { tx in
            let member = try Self.member(tx, actor, may: .submit)
            if Self.takesPart(member, in: parties) {
                throw LetterError.participantCannotAct(staff: member.id, caseReference: loaded.reference)
            }
            if sensitive && !member.sensitiveComplex { throw LetterError.notCleared(staff: member.id, letter: nil) }
            let at = Clock.now()
            var letter = StoredLetter(
                id: nil, caseReference: loaded.reference, writer: writer, writerName: loaded.participant(writer)?.name,
                recipient: recipient, sensitive: sensitive, responseWish: Self.trimmed(responseWish), status: .pending,
                currentVersion: 1, verdict: screening.verdict, blockCount: screening.count(.block),
                warnCount: screening.count(.warn), consent: nil, consentDate: nil, holdUntil: nil, receivedAt: at,
                recordedBy: member.id, releasedAt: nil, releasedBy: nil, releaseMethod: nil, closingReason: nil,
                followedUpAt: nil, followedUpBy: nil, followUpNote: nil, office: member.office)
            try tx.insert(&letter)
            Self.fault("after-letter-insert")
            let id = letter.id!
            var version = LetterVersion(id: nil, letterId: id, number: 1, text: text, verdict: screening.verdict,
                                        findings: try LetterVersion.encode(screening.findings), createdAt: at)
            try tx.insert(&version)
            var stored: [Party] = []
            for var party in parties {
                party.letterId = id
                try tx.insert(party)
                stored.append(party)
            }
            // The new letter's records are all in hand: its state needs no read back.
            let details = LetterDetails(letter: letter, versions: [version], reviews: [], redactions: [],
                                        parties: stored.sorted { $0.participant < $1.participant })
            try Self.record(tx, .submit, by: actor, details: details, detail: [
                "case": loaded.reference, "from": writer, "to": recipient, "version": "1",
                "verdict": screening.verdict.rawValue, "block": String(screening.count(.block)),
                "warn": String(screening.count(.warn)), "sensitive": String(sensitive),
            ])
            return id
        }
        return Submission(id: id, screening: screening, sensitive: sensitive)
    }

    /// A new version from the writer, screened again with the case; earlier
    /// versions are kept and approvals start again.
    @discardableResult
    public func revise(_ id: Int64, text: String, case loaded: Case, by actor: Actor) throws(LetterError) -> ScreeningResult {
        guard text.contains(where: { !$0.isWhitespace }) else { throw .missing("the letter's text") }
        let stored = try store.read { tx in
            _ = try Self.member(tx, actor, may: .revise)
            return try tx.details(id)
        }
        guard let stored else { throw .notFound(id) }
        guard stored.letter.caseReference == loaded.reference else {
            throw .wrongCase(letter: id, expected: stored.letter.caseReference, given: loaded.reference)
        }
        let screening = screener.screen(text, context: ScreeningContext(case: loaded, writer: stored.letter.writer))
        try store.write { tx in
            let member = try Self.member(tx, actor, may: .revise)
            var letter = try Self.openLetter(tx, id, for: member).letter
            letter.currentVersion += 1
            letter.status = .pending
            letter.verdict = screening.verdict
            letter.blockCount = screening.count(.block)
            letter.warnCount = screening.count(.warn)
            letter.sensitive = letter.sensitive || loaded.isSensitiveAndComplex
            var version = LetterVersion(id: nil, letterId: id, number: letter.currentVersion, text: text,
                                        verdict: screening.verdict, findings: try LetterVersion.encode(screening.findings),
                                        createdAt: Clock.now())
            try tx.insert(&version)
            try tx.update(letter)
            try Self.record(tx, .revise, by: actor, letter: id, detail: [
                "version": String(letter.currentVersion), "verdict": screening.verdict.rawValue,
                "block": String(screening.count(.block)), "warn": String(screening.count(.warn)),
            ])
        }
        return screening
    }

    // MARK: What every action checks

    /// The member of staff who acts: on the staff list, not disabled, their
    /// record as the audit trail left it, and holding a role that allows
    /// `action`. The transaction then sees the offices the action may touch
    /// (``Permissions/offices(of:for:every:)``): a letter of another office is
    /// not there for them.
    /// Checking the records themselves (`verify`) is the one action a member
    /// whose own record differs may still take, so that it can say so.
    static func member(_ tx: StoreTransaction, _ actor: Actor, may action: LetterAction) throws -> StaffMember {
        // The member and the entry that last recorded them, in one round trip.
        guard let (member, last) = try tx.staffRecords(actor.staffId) else {
            throw try tx.staffCount() == 0 ? LetterError.noStaff : LetterError.unknownStaff(actor.staffId)
        }
        // From here the transaction sees the offices this action may touch, and no other.
        try tx.enter(try Permissions.offices(of: member, for: action, every: tx.allOffices))
        return try vetted(member, tx, may: action, last: action == .verify ? nil : last)
    }

    /// `member`, as ``member(_:_:may:)`` read them, if they may take
    /// `action`: their record as `last` (the entry that last recorded it)
    /// left it, active, and holding a role for it.
    static func vetted(_ member: StaffMember, _ tx: StoreTransaction, may action: LetterAction, last: AuditEntry?) throws -> StaffMember {
        if action != .verify {
            let discrepancies = tx.discrepancies(member, last: last)
            guard discrepancies.isEmpty else { throw LetterError.recordsAltered(discrepancies) }
        }
        guard !member.disabled else { throw LetterError.staffDisabled(member.id) }
        guard Permissions.allows(member, to: action) else {
            throw LetterError.lacksRole(staff: member.id, action: action, needs: Permissions.roles(for: action))
        }
        return member
    }

    /// The letter to change: its records as the audit trail left them,
    /// `member` taking no part in its case, and cleared for sensitive and
    /// complex work when the letter is (BPG 2011 §B skills 3-4).
    /// A read (`changing: false`) needs no clearance.
    static func letter(_ tx: StoreTransaction, _ id: Int64, for member: StaffMember, changing: Bool = true) throws -> LetterDetails {
        guard let details = try tx.details(id) else { throw LetterError.notFound(id) }
        let discrepancies = try tx.discrepancies(details)
        guard discrepancies.isEmpty else { throw LetterError.recordsAltered(discrepancies) }
        if takesPart(member, in: details.parties) {
            throw LetterError.participantCannotAct(staff: member.id, caseReference: details.letter.caseReference)
        }
        if changing && details.letter.sensitive && !member.sensitiveComplex {
            throw LetterError.notCleared(staff: member.id, letter: id)
        }
        return details
    }

    /// As ``letter(_:_:for:)``, for a letter not yet released, rejected or withdrawn.
    static func openLetter(_ tx: StoreTransaction, _ id: Int64, for member: StaffMember) throws -> LetterDetails {
        let details = try letter(tx, id, for: member)
        if details.letter.status.isFinal { throw LetterError.closed(letter: id, status: details.letter.status) }
        return details
    }

    /// Whether a member of staff is one of the case's participants: by id,
    /// or by name in any order, with initials or other names between
    /// ("Price, Daniel" and "Daniel J. Price" are Daniel Price).
    static func takesPart(_ member: StaffMember, in parties: [Party]) -> Bool {
        let id = member.id.lowercased(), name = words(member.name)
        return parties.contains { party in
            let theirs = words(party.name)
            return party.participant.lowercased() == id
                || (theirs.count >= 2 ? theirs.isSubset(of: name) : theirs == name)
        }
    }

    /// A name's words, lower-cased, without punctuation.
    static func words(_ name: String) -> Set<String> {
        Set(name.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init))
    }

    /// Appends an audit entry for the letter, with its state after the change.
    static func record(_ tx: StoreTransaction, _ action: AuditAction, by actor: Actor, letter id: Int64,
                       detail: [String: String]) throws {
        guard let details = try tx.details(id) else { throw LetterError.notFound(id) }
        try record(tx, action, by: actor, details: details, detail: detail)
    }

    static func record(_ tx: StoreTransaction, _ action: AuditAction, by actor: Actor, details: LetterDetails,
                       detail: [String: String]) throws {
        try tx.append(action, by: actor, letter: details.id, detail: detail, state: RecordState(details))
    }

    static func trimmed(_ text: String?) -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        return text
    }

    static func required(_ text: String, _ what: String) throws -> String {
        guard let text = trimmed(text) else { throw LetterError.missing(what) }
        return text
    }

    static func checkDate(_ text: String) throws {
        guard CalendarDate(iso: text) != nil else { throw LetterError.invalidDate(text) }
    }

    /// A fault for tests of crash safety: `RJ_FAULT=after-letter-insert` kills the
    /// process inside the submit transaction.
    private static func fault(_ point: String) {
        if ProcessInfo.processInfo.environment["RJ_FAULT"] == point { kill(getpid(), SIGKILL) }
    }
}
