import Foundation
import GRDB

/// A letter with everything recorded about it.
public struct LetterDetails: Sendable, Equatable {
    public var letter: StoredLetter
    public var versions: [LetterVersion]
    public var reviews: [Review]
    public var redactions: [Redaction]
    /// The participants of its case, as recorded when it was stored.
    public var parties: [Party]

    public var id: Int64 { letter.id! }

    /// The current version. Should its record be missing (removed outside
    /// rj), an empty text whose findings cannot be read, so that it counts as blocked.
    public var current: LetterVersion {
        version(letter.currentVersion) ?? LetterVersion(
            id: nil, letterId: letter.id ?? 0, number: letter.currentVersion, text: "", verdict: .block, findings: "",
            createdAt: "")
    }

    public func version(_ number: Int) -> LetterVersion? { versions.first { $0.number == number } }

    /// Redactions of the current version.
    public var currentRedactions: [Redaction] { redactions.filter { $0.version == letter.currentVersion } }

    /// Block findings of the current version that no redaction covers; nil
    /// when its findings cannot be read, which counts as blocked.
    public var openBlocks: [ScreeningFinding]? {
        guard let findings = current.decodedFindings else { return nil }
        let spans = currentRedactions
        return findings.filter { finding in
            finding.severity == .block && !spans.contains { $0.start <= finding.start && $0.end >= finding.end }
        }
    }

    /// Approvals of the current version.
    public var approvals: [Review] {
        reviews.filter { $0.version == letter.currentVersion && $0.decision == .approve }
    }

    /// The current version's text as it would be handed over: redactions applied.
    public var handoverText: String { Redaction.apply(currentRedactions, to: current.text) }
}

extension Redaction {
    /// `text` with each span replaced by `[redacted]`; spans that overlap
    /// or touch are one.
    static func apply(_ redactions: [Redaction], to text: String) -> String {
        var scalars = Array(text.unicodeScalars)
        var merged: [Range<Int>] = []
        for range in redactions.map({ $0.start..<$0.end }).sorted(by: { $0.lowerBound < $1.lowerBound })
        where range.lowerBound >= 0 && range.upperBound <= scalars.count {
            if let last = merged.last, range.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        for range in merged.reversed() {
            scalars.replaceSubrange(range, with: "[redacted]".unicodeScalars)
        }
        var result = ""
        result.unicodeScalars.append(contentsOf: scalars)
        return result
    }
}

/// Reads and changes of the store inside one transaction. The workflow asks
/// for records by what they are; only this type writes SQL.
struct StoreTransaction {
    let db: Database
    let key: ServiceKey

    // MARK: Letters

    func details(_ id: Int64) throws -> LetterDetails? {
        guard let letter = try StoredLetter.fetchOne(db, key: id) else { return nil }
        return LetterDetails(
            letter: letter,
            versions: try LetterVersion.filter(Column("letterId") == id).order(Column("number")).fetchAll(db),
            reviews: try Review.filter(Column("letterId") == id).order(Column("id")).fetchAll(db),
            redactions: try Redaction.filter(Column("letterId") == id).order(Column("id")).fetchAll(db),
            parties: try Party.filter(Column("letterId") == id).order(Column("participant")).fetchAll(db))
    }

    /// Every letter with its records, read table by table rather than letter by letter.
    func allDetails() throws -> [LetterDetails] {
        let versions = Dictionary(grouping: try LetterVersion.order(Column("number")).fetchAll(db), by: \.letterId)
        let reviews = Dictionary(grouping: try Review.order(Column("id")).fetchAll(db), by: \.letterId)
        let redactions = Dictionary(grouping: try Redaction.order(Column("id")).fetchAll(db), by: \.letterId)
        let parties = Dictionary(grouping: try Party.order(Column("participant")).fetchAll(db), by: \.letterId)
        return try StoredLetter.order(Column("id")).fetchAll(db).map { letter in
            LetterDetails(letter: letter, versions: versions[letter.id!] ?? [], reviews: reviews[letter.id!] ?? [],
                          redactions: redactions[letter.id!] ?? [], parties: parties[letter.id!] ?? [])
        }
    }

    /// Letters that are neither released, rejected nor withdrawn, oldest first.
    func openLetters() throws -> [StoredLetter] {
        try StoredLetter.filter([LetterStatus.pending, .returned, .approved].contains(Column("status")))
            .order(Column("receivedAt"), Column("id")).fetchAll(db)
    }

    /// Released letters whose writer asked for a response or feedback.
    func lettersWithWishes() throws -> [StoredLetter] {
        try StoredLetter.filter(Column("status") == LetterStatus.released.rawValue && Column("responseWish") != nil)
            .order(Column("releasedAt")).fetchAll(db)
    }

    /// The letters with a participant for whom `matches(id, name)` holds,
    /// read row by row without building records.
    func letters(withParticipant matches: (String, String) -> Bool) throws -> Set<Int64> {
        var found = Set<Int64>()
        let rows = try Row.fetchCursor(db, sql: "SELECT letterId, participant, name FROM party")
        while let row = try rows.next() {
            let letter: Int64 = row[0]
            if !found.contains(letter) && matches(row[1], row[2]) { found.insert(letter) }
        }
        return found
    }

    func insert(_ letter: inout StoredLetter) throws { try letter.insert(db) }
    func update(_ letter: StoredLetter) throws { try letter.update(db) }
    func insert(_ version: inout LetterVersion) throws { try version.insert(db) }
    func insert(_ review: inout Review) throws { try review.insert(db) }
    func insert(_ redaction: inout Redaction) throws { try redaction.insert(db) }
    func insert(_ party: Party) throws { try party.insert(db) }

    /// Approvals of a version no longer count once the text handed over changes.
    func withdrawApprovals(letter id: Int64, version: Int) throws {
        try Review.filter(Column("letterId") == id && Column("version") == version
                          && Column("decision") == Decision.approve.rawValue).deleteAll(db)
    }

    // MARK: Staff

    func staffMember(_ id: String) throws -> StaffMember? { try StaffMember.fetchOne(db, key: id) }
    func allStaff() throws -> [StaffMember] { try StaffMember.order(Column("id")).fetchAll(db) }
    func staffCount() throws -> Int { try StaffMember.fetchCount(db) }
    func insert(_ member: StaffMember) throws { try member.insert(db) }
    func update(_ member: StaffMember) throws { try member.update(db) }

    // MARK: The audit trail

    func entries(letter id: Int64? = nil) throws -> [AuditEntry] {
        var request = AuditEntry.order(Column("sequence"))
        if let id { request = request.filter(Column("letterId") == id) }
        return try request.fetchAll(db)
    }

    /// The last entry that recorded the letter's state (views record none).
    func lastEntry(letter id: Int64) throws -> AuditEntry? {
        try AuditEntry.filter(Column("letterId") == id && Column("action") != AuditAction.view.rawValue)
            .order(Column("sequence").desc).fetchOne(db)
    }

    func lastEntry(staff id: String) throws -> AuditEntry? {
        try AuditEntry.filter(Column("staffMember") == id).order(Column("sequence").desc).fetchOne(db)
    }

    /// Appends a sealed entry recording `action` and the record's new state.
    @discardableResult
    func append(_ action: AuditAction, by actor: Actor, letter: Int64? = nil, staff: String? = nil,
                detail: [String: String], state: RecordState?) throws -> AuditEntry {
        let last = try AuditEntry.order(Column("sequence").desc).fetchOne(db)
        var entry = AuditEntry(
            sequence: (last?.sequence ?? 0) + 1, letterId: letter, staffMember: staff, action: action.rawValue,
            actor: actor.staffId, account: actor.account, detail: AuditEntry.encode(detail), state: state?.text ?? "",
            at: Clock.now(), previousSeal: last?.seal ?? AuditEntry.genesis, seal: "")
        entry.seal = key.seal(entry.canonical)
        try entry.insert(db)
        return entry
    }

    // MARK: Records against their entries

    /// What differs between a letter's records and its last audit entry; empty when they match.
    func discrepancies(_ details: LetterDetails) throws -> [Discrepancy] {
        Integrity.compare(.letter(details.id), now: RecordState(details), last: try lastEntry(letter: details.id), key: key)
    }

    func discrepancies(_ member: StaffMember) throws -> [Discrepancy] {
        Integrity.compare(.staff(member.id), now: RecordState(member), last: try lastEntry(staff: member.id), key: key)
    }
}

/// Timestamps, to the millisecond, in UTC: `2026-03-21T09:14:02.123Z`.
enum Clock {
    static func now() -> String {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        var parts = tm()
        var seconds = time_t(time.tv_sec)
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))"
            + "T\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2))"
            + ".\(pad(Int32(time.tv_nsec / 1_000_000), 3))Z"
    }
}
