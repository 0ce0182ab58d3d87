import Foundation

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
        guard !redactions.isEmpty else { return text }
        let scalars = text.unicodeScalars
        let count = scalars.count
        var merged: [Range<Int>] = []
        for range in redactions.map({ $0.start..<$0.end }).sorted(by: { $0.lowerBound < $1.lowerBound })
        where range.lowerBound >= 0 && range.upperBound <= count {
            if let last = merged.last, range.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        // One walk along the text: what lies between the spans, and a mark for each.
        var result = ""
        var index = scalars.startIndex, position = 0
        for range in merged {
            let start = scalars.index(index, offsetBy: range.lowerBound - position)
            result.unicodeScalars.append(contentsOf: scalars[index..<start])
            result += "[redacted]"
            index = scalars.index(start, offsetBy: range.count)
            position = range.upperBound
        }
        result.unicodeScalars.append(contentsOf: scalars[index...])
        return result
    }
}

/// Reads and changes of the store inside one transaction, on SQLite or
/// PostgreSQL alike. The workflow asks for records by what they are; only
/// this type writes SQL.
///
/// A transaction sees the offices it has entered and no other: until
/// ``enter(_:)`` is called, no letter and no audit entry is visible (fail
/// closed). On PostgreSQL the database enforces the same rule with row-level
/// security on the offices set for the transaction.
final class StoreTransaction {
    let connection: any SQLConnection
    let key: ServiceKey
    /// The offices this transaction may see and change, sorted.
    private(set) var offices: [String] = []
    /// The seal of the last entry this transaction appended, by office.
    private var lastSeal: [String: String] = [:]
    /// Entry numbers taken from the store's counter ahead, for the entries about to be appended.
    private var reserved: [Int64] = []

    init(_ connection: any SQLConnection, key: ServiceKey) {
        self.connection = connection
        self.key = key
    }

    /// Lets the transaction see these offices' records, and no others. A
    /// name that cannot be an office (say, one with a comma, written into the
    /// staff table by hand) is refused rather than let widen the offices.
    func enter(_ offices: Set<String>) throws {
        for office in offices where !StaffMember.isValidOffice(office) { throw LetterError.invalidOffice(office) }
        self.offices = offices.sorted()
        if connection.dialect == .postgres {
            // Transaction-local (SET LOCAL), so that a pooled connection carries nothing over.
            // Sent with the next question, in its round trip.
            try connection.later("SELECT set_config('app.offices', ?, true)", [.text(self.offices.joined(separator: ","))])
        }
    }

    /// Records that offices were set by a statement of the transaction's
    /// own (one that read them from a record in the same round trip), with
    /// the same refusal as ``enter(_:)``.
    func entered(_ offices: Set<String>) throws {
        for office in offices where !StaffMember.isValidOffice(office) { throw LetterError.invalidOffice(office) }
        self.offices = offices.sorted()
    }

    /// Every office with records: each office a member of staff belongs to,
    /// and the main office, whose chain holds what no member's office does
    /// (sign-ins by ids that are not on the staff list).
    func allOffices() throws -> Set<String> {
        Set(try connection.rows("SELECT DISTINCT office FROM staff", []).compactMap { $0[0].string }).union([StaffMember.mainOffice])
    }

    /// `column IN (?, …)` over the offices entered, with its values; nil
    /// when none is entered and so nothing is visible.
    func scope(_ column: String = "office") -> (clause: String, values: [SQLValue])? {
        guard !offices.isEmpty else { return nil }
        return ("\(column) IN (\(offices.map { _ in "?" }.joined(separator: ", ")))", offices.map { .text($0) })
    }

    // MARK: Letters

    func details(_ id: Int64) throws -> LetterDetails? {
        guard let scope = scope() else { return nil }
        // The letter and its records asked together, in one round trip on PostgreSQL.
        let results = try connection.batch(
            [.select(StoredLetter.self, from: "letter", "WHERE id = ? AND \(scope.clause)", [.integer(id)] + scope.values)]
                + Self.recordStatements(of: id))
        guard let letter = try results[0].first.map(StoredLetter.init(row:)) else { return nil }
        return try Self.details(of: letter, from: Array(results.dropFirst()))
    }

    private func details(of letter: StoredLetter) throws -> LetterDetails {
        try Self.details(of: letter, from: try connection.batch(Self.recordStatements(of: letter.id!)))
    }

    /// What ``details(of:from:)`` reads: a letter's versions, reviews, redactions and parties.
    private static func recordStatements(of id: Int64) -> [SQLStatement] {
        let id: [SQLValue] = [.integer(id)]
        return [SQLStatement("SELECT * FROM letterVersion WHERE letterId = ? ORDER BY number", id),
                SQLStatement("SELECT * FROM review WHERE letterId = ? ORDER BY id", id),
                SQLStatement("SELECT * FROM redaction WHERE letterId = ? ORDER BY id", id),
                .select(Party.self, from: "party", "WHERE letterId = ? ORDER BY participant", id)]
    }

    private static func details(of letter: StoredLetter, from results: [[SQLRow]]) throws -> LetterDetails {
        LetterDetails(letter: letter, versions: try results[0].map { try $0.decode(LetterVersion.self) },
                      reviews: try results[1].map { try $0.decode(Review.self) },
                      redactions: try results[2].map { try $0.decode(Redaction.self) },
                      parties: try results[3].map(Party.init(row:)))
    }

    /// Every letter in the offices entered with its records, read table by
    /// table rather than letter by letter.
    func allDetails() throws -> [LetterDetails] {
        guard let scope = scope() else { return [] }
        let letters = try connection.fetch(StoredLetter.self, from: "letter", "WHERE \(scope.clause) ORDER BY id", scope.values)
        let ids = Set(letters.compactMap(\.id))
        func grouped<T>(_ records: [T], _ letter: KeyPath<T, Int64>) -> [Int64: [T]] {
            Dictionary(grouping: records.filter { ids.contains($0[keyPath: letter]) }, by: { $0[keyPath: letter] })
        }
        let versions = grouped(try connection.fetch(LetterVersion.self, "SELECT * FROM letterVersion ORDER BY letterId, number"), \.letterId)
        let reviews = grouped(try connection.fetch(Review.self, "SELECT * FROM review ORDER BY id"), \.letterId)
        let redactions = grouped(try connection.fetch(Redaction.self, "SELECT * FROM redaction ORDER BY id"), \.letterId)
        let parties = grouped(try connection.fetch(Party.self, from: "party", "ORDER BY letterId, participant"), \.letterId)
        return letters.map { letter in
            LetterDetails(letter: letter, versions: versions[letter.id!] ?? [], reviews: reviews[letter.id!] ?? [],
                          redactions: redactions[letter.id!] ?? [], parties: parties[letter.id!] ?? [])
        }
    }

    /// Letters that are neither released, rejected nor withdrawn, oldest first.
    func openLetters() throws -> [StoredLetter] {
        guard let scope = scope() else { return [] }
        return try connection.fetch(StoredLetter.self, from: "letter", """
            WHERE status IN ('pending', 'returned', 'approved') AND \(scope.clause) ORDER BY receivedAt, id
            """, scope.values)
    }

    /// Released letters whose writer asked for a response or feedback.
    func lettersWithWishes() throws -> [StoredLetter] {
        guard let scope = scope() else { return [] }
        return try connection.fetch(StoredLetter.self, from: "letter", """
            WHERE status = 'released' AND responseWish IS NOT NULL AND \(scope.clause) ORDER BY releasedAt
            """, scope.values)
    }

    /// The letters with a participant for whom `matches(id, name)` holds:
    /// each participant is asked once, however many letters name them.
    func letters(withParticipant matches: (String, String) -> Bool) throws -> Set<Int64> {
        guard let scope = scope("letter.office") else { return [] }
        let join = "FROM party JOIN letter ON letter.id = party.letterId WHERE \(scope.clause)"
        var found = Set<Int64>()
        for row in try connection.rows("SELECT DISTINCT party.participant, party.name \(join)", scope.values) {
            guard let participant = row[0].string, let name = row[1].string, matches(participant, name) else { continue }
            for letter in try connection.rows("SELECT DISTINCT party.letterId \(join) AND party.participant = ? AND party.name = ?",
                                              scope.values + [.text(participant), .text(name)]) {
                if let id = letter[0].int64 { found.insert(id) }
            }
        }
        return found
    }

    func insert(_ letter: inout StoredLetter) throws {
        guard offices.contains(letter.office) else { throw LetterError.store("office \(letter.office) is outside this transaction") }
        letter.id = try connection.insert(letter, into: "letter")
    }

    func update(_ letter: StoredLetter) throws { try connection.update(letter, in: "letter") }
    func insert(_ version: inout LetterVersion) throws { version.id = try connection.insert(version, into: "letterVersion") }
    func insert(_ review: inout Review) throws { review.id = try connection.insert(review, into: "review") }
    func insert(_ redaction: inout Redaction) throws { redaction.id = try connection.insert(redaction, into: "redaction") }
    func insert(_ party: Party) throws { try connection.insert(party, into: "party") }

    /// Approvals of a version no longer count once the text handed over changes.
    func withdrawApprovals(letter id: Int64, version: Int) throws {
        try connection.execute("DELETE FROM review WHERE letterId = ? AND version = ? AND decision = 'approve'",
                               [.integer(id), .integer(Int64(version))])
    }

    // MARK: Staff

    /// A member of staff and the entry that last recorded them, asked
    /// together (one round trip on PostgreSQL); the transaction then sees
    /// their office and no other, as if it had entered it.
    func staffRecords(_ id: String) throws -> (member: StaffMember, last: AuditEntry?)? {
        try memberRecords("?", [.text(id)]).map { ($0.member, $0.last) }
    }

    /// The member of staff whose id `who` gives (a placeholder or a
    /// subquery, with its values), the entry that last recorded them in their
    /// office, and the rows of `first` if given, in one round trip: their office is set for
    /// the transaction by the database from their record, in the same trip.
    func memberRecords(_ who: String, _ values: [SQLValue], with first: SQLStatement? = nil) throws
        -> (rows: [SQLRow], member: StaffMember, last: AuditEntry?)? {
        let office = "(SELECT office FROM staff WHERE id = \(who))"
        var statements = first.map { [$0] } ?? []
        statements.append(SQLStatement("SELECT * FROM staff WHERE id = \(who)", values))
        if connection.dialect == .postgres {
            // No such member, no office: an empty setting, under which row-level security shows nothing.
            statements.append(SQLStatement("SELECT set_config('app.offices', COALESCE(\(office), ''), true)", values))
        }
        statements.append(.select(AuditEntry.self, from: "auditEntry", """
            WHERE staffMember = \(who) AND office = \(office) ORDER BY sequence DESC LIMIT 1
            """, values + values))
        let results = try connection.batch(statements)
        let offset = first == nil ? 0 : 1
        guard let member = try results[offset].first?.decode(StaffMember.self) else {
            if connection.dialect == .postgres { offices = [] }
            return nil
        }
        try entered([member.office])
        return (first == nil ? [] : results[0], member, try results[results.count - 1].first.map(AuditEntry.init(row:)))
    }

    func staffMember(_ id: String) throws -> StaffMember? {
        try connection.fetchOne(StaffMember.self, "SELECT * FROM staff WHERE id = ?", [.text(id)])
    }

    func allStaff() throws -> [StaffMember] { try connection.fetch(StaffMember.self, "SELECT * FROM staff ORDER BY id") }

    func staffCount() throws -> Int { Int(try connection.one("SELECT COUNT(*) FROM staff")?[0].int64 ?? 0) }

    func insert(_ member: StaffMember) throws { try connection.insert(member, into: "staff") }
    func update(_ member: StaffMember) throws { try connection.update(member, in: "staff") }

    // MARK: The audit trail

    /// The entries of the offices entered, for one letter or all, in order.
    func entries(letter id: Int64? = nil) throws -> [AuditEntry] {
        guard let scope = scope() else { return [] }
        if let id {
            return try connection.fetch(AuditEntry.self, from: "auditEntry", "WHERE letterId = ? AND \(scope.clause) ORDER BY sequence",
                                        [.integer(id)] + scope.values)
        }
        return try connection.fetch(AuditEntry.self, from: "auditEntry", "WHERE \(scope.clause) ORDER BY sequence", scope.values)
    }

    /// The letter's entries other than reads, in order.
    func changes(letter id: Int64) throws -> [AuditEntry] {
        guard let statement = changesStatement(letter: id) else { return [] }
        return try connection.rows(statement.sql, statement.arguments).map(AuditEntry.init(row:))
    }

    private func changesStatement(letter id: Int64) -> SQLStatement? {
        guard let scope = scope() else { return nil }
        return .select(AuditEntry.self, from: "auditEntry", """
            WHERE letterId = ? AND action <> 'view' AND \(scope.clause) ORDER BY sequence
            """, [.integer(id)] + scope.values)
    }

    /// The letter's latest reads, newest first.
    func reads(letter id: Int64, latest: Int) throws -> [AuditEntry] {
        guard let statement = readsStatement(letter: id, latest: latest) else { return [] }
        return try connection.rows(statement.sql, statement.arguments).map(AuditEntry.init(row:))
    }

    private func readsStatement(letter id: Int64, latest: Int) -> SQLStatement? {
        guard let scope = scope() else { return nil }
        return .select(AuditEntry.self, from: "auditEntry", """
            WHERE letterId = ? AND action = 'view' AND \(scope.clause) ORDER BY sequence DESC LIMIT \(max(0, latest))
            """, [.integer(id)] + scope.values)
    }

    /// A mark that changes with every audited change in the offices entered,
    /// reads aside: each office's latest change. Writes are one at a time and
    /// every change is audited in its own transaction, so the same mark means
    /// the same records.
    func revision() throws -> String {
        try offices.map { office in
            let latest = try connection.one("""
                SELECT MAX(sequence) FROM auditEntry WHERE office = ? AND action <> 'view'
                """, [.text(office)])?[0].int64 ?? 0
            return "\(office)=\(latest)"
        }.joined(separator: ",")
    }

    /// The last entry that recorded the letter's state (views record none).
    func lastEntry(letter id: Int64) throws -> AuditEntry? {
        guard let statement = lastEntryStatement(letter: id) else { return nil }
        return try connection.rows(statement.sql, statement.arguments).first.map(AuditEntry.init(row:))
    }

    private func lastEntryStatement(letter id: Int64) -> SQLStatement? {
        guard let scope = scope() else { return nil }
        if connection.dialect == .postgres {
            // The letter's changes first, then the latest of them: asked as one
            // ordered question, PostgreSQL may walk the office's whole trail
            // backwards when one letter has been read very often.
            return .select(AuditEntry.self, from: "auditEntry", """
                WHERE sequence = (SELECT MAX(sequence) FROM (SELECT sequence FROM auditEntry
                    WHERE letterId = ? AND action <> 'view' AND \(scope.clause) OFFSET 0) AS changes)
                """, [.integer(id)] + scope.values)
        }
        return .select(AuditEntry.self, from: "auditEntry", """
            WHERE letterId = ? AND action <> 'view' AND \(scope.clause) ORDER BY sequence DESC LIMIT 1
            """, [.integer(id)] + scope.values)
    }

    func lastEntry(staff id: String) throws -> AuditEntry? {
        guard let scope = scope() else { return nil }
        return try connection.fetch(AuditEntry.self, from: "auditEntry", """
            WHERE staffMember = ? AND \(scope.clause) ORDER BY sequence DESC LIMIT 1
            """, [.text(id)] + scope.values).first
    }

    /// Everything a reading of a letter shows, asked together (one round
    /// trip on PostgreSQL): the letter with its records, the entry that last
    /// recorded its state, the staff list, its changes and its latest reads.
    /// Nil when no office is entered.
    func readingRecords(_ id: Int64, latestReads: Int) throws -> ReadingRecords? {
        guard let scope = scope(), let changes = changesStatement(letter: id),
              let reads = readsStatement(letter: id, latest: latestReads) else { return nil }
        let letter = SQLStatement.select(StoredLetter.self, from: "letter", "WHERE id = ? AND \(scope.clause)",
                                         [.integer(id)] + scope.values)
        let results = try connection.batch([letter] + Self.recordStatements(of: id)
                                           + [SQLStatement("SELECT * FROM staff ORDER BY id"), changes, reads])
        let details = try results[0].first.map(StoredLetter.init(row:)).map { letter in
            try Self.details(of: letter, from: Array(results[1...4]))
        }
        // The letter's changes in order: the last of them is the entry its records are checked against
        // (the same question as ``lastEntry(letter:)``, asked once).
        let trail = try results[6].map(AuditEntry.init(row:))
        return ReadingRecords(details: details, last: trail.last,
                              staff: try results[5].map { try $0.decode(StaffMember.self) },
                              changes: trail, reads: try results[7].map(AuditEntry.init(row:)))
    }

    /// How many entries the whole store has written, in every office.
    func entriesWritten() throws -> Int64 {
        try connection.one("SELECT value FROM storeInfo WHERE name = 'auditSequence'")?[0].int64 ?? 0
    }

    /// Appends a sealed entry recording `action` and the record's new state,
    /// to the chain of the office it belongs to: the letter's, else the staff
    /// member's, else the actor's.
    @discardableResult
    func append(_ action: AuditAction, by actor: Actor, letter: Int64? = nil, staff: String? = nil, office: String? = nil,
                detail: [String: String], state: RecordState?) throws -> AuditEntry {
        let office = try office ?? officeOf(letter: letter, staff: staff, actor: actor)
        guard offices.contains(office) else { throw LetterError.store("office \(office) is outside this transaction") }
        // One counter for the whole store, so that an entry removed from any office leaves a gap.
        let sequence: Int64
        if !reserved.isEmpty {
            sequence = reserved.removeFirst()
        } else {
            guard let next = try connection.one("""
                UPDATE storeInfo SET value = CAST(CAST(value AS BIGINT) + 1 AS TEXT) WHERE name = 'auditSequence' RETURNING value
                """)?[0].int64 else { throw LetterError.store("the store has no audit counter") }
            sequence = next
        }
        // Writes are one at a time: the office's last seal is this transaction's own last, once it has written one.
        let previous = try lastSeal[office] ?? connection.one("SELECT seal FROM auditEntry WHERE office = ? ORDER BY sequence DESC LIMIT 1",
                                                              [.text(office)])?[0].string
        var entry = AuditEntry(
            sequence: sequence, letterId: letter, staffMember: staff, action: action.rawValue,
            actor: actor.staffId, account: actor.account, detail: AuditEntry.encode(detail), state: state?.text ?? "",
            at: Clock.now(), previousSeal: previous ?? AuditEntry.genesis, seal: "", office: office)
        entry.seal = key.seal(entry.canonical)
        // Sent with the next statement (the next entry's count, or the commit) on PostgreSQL.
        try connection.insertLater(entry, into: "auditEntry")
        lastSeal[office] = entry.seal
        return entry
    }

    private func officeOf(letter: Int64?, staff: String?, actor: Actor) throws -> String {
        if let letter {
            guard let office = try details(letter)?.letter.office else { throw LetterError.notFound(letter) }
            return office
        }
        return try staffMember(staff ?? actor.staffId)?.office ?? StaffMember.mainOffice
    }

    // MARK: Records against their entries

    /// What differs between a letter's records and its last audit entry; empty when they match.
    func discrepancies(_ details: LetterDetails) throws -> [Discrepancy] {
        discrepancies(details, last: try lastEntry(letter: details.id))
    }

    /// Takes the numbers of the next `count` entries from the store's counter,
    /// and the last seal of each office entered not yet known, in one round
    /// trip on PostgreSQL. Every number taken must be used by an entry
    /// before the commit, or the trail would show a gap.
    func reserveEntries(_ count: Int) throws {
        guard count > 0 else { return }
        let unknown = offices.filter { lastSeal[$0] == nil }
        let results = try connection.batch([SQLStatement("""
            UPDATE storeInfo SET value = CAST(CAST(value AS BIGINT) + ? AS TEXT) WHERE name = 'auditSequence' RETURNING value
            """, [.integer(Int64(count))])] + unknown.map { office in
                SQLStatement("SELECT seal FROM auditEntry WHERE office = ? ORDER BY sequence DESC LIMIT 1", [.text(office)])
            })
        guard let last = results[0].first?[0].int64 else { throw LetterError.store("the store has no audit counter") }
        reserved += Array((last - Int64(count) + 1)...last)
        for (office, rows) in zip(unknown, results.dropFirst()) {
            if let seal = rows.first?[0].string { lastSeal[office] = seal }
        }
    }

    /// The letter's discrepancies against the entry that last recorded its state, already read.
    func discrepancies(_ details: LetterDetails, last: AuditEntry?) -> [Discrepancy] {
        Integrity.compare(.letter(details.id), now: RecordState(details), last: last, key: key)
    }

    func discrepancies(_ member: StaffMember) throws -> [Discrepancy] {
        discrepancies(member, last: try lastEntry(staff: member.id))
    }

    /// The member's discrepancies against the entry that last recorded them, already read.
    func discrepancies(_ member: StaffMember, last: AuditEntry?) -> [Discrepancy] {
        Integrity.compare(.staff(member.id), now: RecordState(member), last: last, key: key)
    }
}

/// What ``StoreTransaction/readingRecords(_:latestReads:)`` reads.
struct ReadingRecords {
    var details: LetterDetails?
    var last: AuditEntry?
    var staff: [StaffMember]
    var changes: [AuditEntry]
    var reads: [AuditEntry]
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
