import Foundation
import HummingbirdBcrypt

/// A member of staff signed in to the review desk.
public struct DeskSession: Sendable, Equatable {
    /// The secret the browser holds (in a cookie); the store keeps only its hash.
    public var token: String
    /// The token every form of this session carries, against cross-site requests.
    public var csrf: String
    public var member: StaffMember

    /// Who acts in this session, for the library's calls and the audit trail.
    public var actor: Actor { Actor(staffId: member.id, account: "desk session \(Self.id(of: token).prefix(8))") }

    static func id(of token: String) -> String { Digest.sha256("rj-session:" + token) }
}

extension ReviewQueue {
    /// The shortest password the desk accepts (NCSC: length over complexity).
    public static let minimumPasswordLength = 10
    /// A session ends after this long without a request.
    public static let idleTimeout: TimeInterval = 30 * 60
    /// And after this long in any case.
    public static let sessionLifetime: TimeInterval = 12 * 60 * 60

    /// Sets a member of staff's password for the review desk, kept as a
    /// bcrypt hash. An admin sets anyone's; everyone may set their own.
    public func setPassword(_ id: String, to password: String, by actor: Actor) throws(LetterError) {
        guard password.count >= Self.minimumPasswordLength else { throw .passwordTooShort(Self.minimumPasswordLength) }
        let hash = Bcrypt.hash(password, cost: passwordCost)
        try store.write { tx in
            var (acting, member) = try Self.ownAccount(tx, id, by: actor)
            member.passwordHash = hash
            try tx.update(member)
            try tx.append(.staffPassword, by: Actor(staffId: acting.id, account: actor.account), staff: id, detail: [:],
                          state: RecordState(member))
        }
    }

    /// Who changes how `id` signs in, and `id` as the trail left them: an
    /// admin for anyone, everyone for themselves; never a disabled account.
    static func ownAccount(_ tx: StoreTransaction, _ id: String, by actor: Actor) throws -> (acting: StaffMember, member: StaffMember) {
        let acting = try member(tx, actor, may: actor.staffId == id ? .listStaff : .manageStaff)
        guard let member = try tx.staffMember(id) else { throw LetterError.noSuchStaff(id) }
        let discrepancies = try tx.discrepancies(member)
        guard discrepancies.isEmpty else { throw LetterError.recordsAltered(discrepancies) }
        guard !member.disabled else { throw LetterError.staffDisabled(id) }
        return (acting, member)
    }

    /// Signs a member of staff in with their password. After three failures in
    /// a row, each further attempt waits twice as long as the last (up to 15
    /// minutes) before a password is even tried; every failure is on the
    /// audit trail. The refusal never says whether the id or the password was wrong.
    /// A member of staff who signs in with one-time codes gives the code
    /// their app shows too; a wrong, missing or already used code is refused
    /// as a wrong password is, saying no more.
    public func signIn(_ id: String, password: String, code: String? = nil, now: Date = Date()) throws(LetterError) -> DeskSession {
        let known = StaffMember.isValidId(id)
        let time = now.timeIntervalSince1970
        let (member, wait) = try store.read { tx -> (StaffMember?, Int?) in
            let member = known ? try tx.staffMember(id) : nil
            let failures = known ? try tx.signInFailures(id) : nil
            var wait: Int?
            if let failures, failures.count >= 3 {
                let delay = min(pow(2, Double(failures.count - 3)), 900)
                let remaining = failures.lastAt + delay - time
                if remaining > 0 { wait = Int(remaining.rounded(.up)) }
            }
            return (member, wait)
        }
        if let wait { throw .signInRefused(retryAfter: wait) }
        // Check a hash even for an unknown id, so that timing tells nothing.
        let matches = Bcrypt.verify(password, hash: member?.passwordHash ?? Self.decoyHash)
        let session = try store.write { tx -> DeskSession? in
            // The sign-in is on the trail of the member's office (an unknown id's, the main office's).
            try tx.enter([member?.office ?? StaffMember.mainOffice])
            let step = try member.flatMap { member in try Self.codeStep(tx, member, code, now) }
            guard let member, matches, member.passwordHash != nil, !member.disabled,
                  try tx.discrepancies(member).isEmpty, member.oneTimeSecret == nil || step != nil else {
                var count = 1
                if known {
                    count = try tx.recordSignInFailure(id, at: time)
                }
                try tx.append(.signInFailed, by: Actor(staffId: known ? id : "?", account: "review desk"),
                              detail: ["staff": known ? id : "(not a staff id)", "failures": String(count)], state: nil)
                // A refusal thrown here would undo the record of the failure.
                return nil
            }
            try tx.clearSignInFailures(id)
            if let step { try tx.useCode(id, step: step) }
            let session = DeskSession(token: Self.randomToken(), csrf: Self.randomToken(), member: member)
            try tx.insertSession(session, at: time)
            try tx.append(.signIn, by: session.actor, detail: ["staff": member.id], state: nil)
            return session
        }
        guard let session else { throw .signInRefused(retryAfter: nil) }
        return session
    }

    /// The session a browser's token belongs to, if it is still open: not
    /// idle too long, not too old, sealed with the service key, and its member
    /// of staff still active with their record as the trail left it.
    public func session(_ token: String, now: Date = Date()) throws(LetterError) -> DeskSession {
        let found = try store.read { tx in try Self.openSession(tx, token, at: now) }
        return try kept(found, token, at: now).session
    }

    /// The session `token` opens, read in `tx`, with the last time it was
    /// seen and the entry that last recorded its member; nil when it is not
    /// open. The transaction then sees the member's office.
    static func openSession(_ tx: StoreTransaction, _ token: String, at now: Date) throws -> OpenSession? {
        let time = now.timeIntervalSince1970
        guard let (row, member, last) = try tx.sessionRecords(DeskSession.id(of: token)),
              tx.key.isSeal(row.seal, of: row.canonical), !member.disabled, tx.discrepancies(member, last: last).isEmpty,
              time - row.lastSeenAt <= idleTimeout, time - row.createdAt <= sessionLifetime
        else { return nil }
        return OpenSession(session: DeskSession(token: token, csrf: row.csrf, member: member), lastSeen: row.lastSeenAt, memberLast: last)
    }

    /// An open session kept: its last use noted (once a minute at most); a
    /// session not open is forgotten, and refused.
    func kept(_ found: OpenSession?, _ token: String, at now: Date) throws(LetterError) -> OpenSession {
        let id = DeskSession.id(of: token), time = now.timeIntervalSince1970
        guard let found else {
            try store.write { tx in try tx.deleteSession(id) }
            throw .notSignedIn
        }
        if time - found.lastSeen > 60 { try store.write { tx in try tx.touchSession(id, at: time) } }
        return found
    }

    /// Ends a session.
    public func signOut(_ token: String) throws(LetterError) {
        try store.write { tx in
            let id = DeskSession.id(of: token)
            guard let row = try tx.session(id) else { return }
            try tx.enter([try tx.staffMember(row.staffId)?.office ?? StaffMember.mainOffice])
            try tx.deleteSession(id)
            try tx.append(.signOut, by: Actor(staffId: row.staffId, account: "desk session \(id.prefix(8))"),
                          detail: ["staff": row.staffId], state: nil)
        }
    }

    /// The time step of a member's one-time code, if `code` is theirs for now and newer than the last one used.
    static func codeStep(_ tx: StoreTransaction, _ member: StaffMember, _ code: String?, _ now: Date) throws -> UInt64? {
        guard let sealed = member.oneTimeSecret, let code,
              let secret = tx.key.openSecret(sealed, for: member.id),
              let step = secret.step(matching: code, at: now) else { return nil }
        if let used = try tx.lastCodeStep(member.id), used >= step { return nil }
        return step
    }

    /// Turns one-time codes on for a member of staff, with a new secret,
    /// which is returned to be put in their authenticator app; or off. An
    /// admin does it for anyone; everyone may for themselves.
    @discardableResult
    public func setOneTimeCodes(_ id: String, on: Bool, by actor: Actor) throws(LetterError) -> OneTimeCode? {
        try store.write { tx in
            var (acting, member) = try Self.ownAccount(tx, id, by: actor)
            let code = on ? OneTimeCode.random() : nil
            member.oneTimeSecret = try code.map { try tx.key.sealSecret($0, for: id) }
            try tx.update(member)
            try tx.forgetCodes(id)
            try tx.append(.staffOneTimeCode, by: Actor(staffId: acting.id, account: actor.account), staff: id,
                          detail: ["on": String(on)], state: RecordState(member))
            return code
        }
    }

    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return Digest.hex((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    /// A hash of no one's password, to spend the same time on an unknown id.
    static let decoyHash = Bcrypt.hash(randomToken(), cost: 10)
}

/// A session found open, as ``ReviewQueue/openSession(_:_:at:)`` reads it.
struct OpenSession {
    var session: DeskSession
    var lastSeen: Double
    /// The entry that last recorded the session's member, in their office.
    var memberLast: AuditEntry?
}

/// A session as the store keeps it.
struct SessionRow: Codable {
    var id: String
    var staffId: String
    var csrf: String
    var createdAt: Double
    var lastSeenAt: Double
    var seal: String

    var canonical: String {
        var text = Canonical()
        text.add(id)
        text.add(staffId)
        text.add(csrf)
        text.add(String(createdAt))
        return text.value
    }
}

extension StoreTransaction {
    func session(_ id: String) throws -> SessionRow? {
        try connection.fetchOne(SessionRow.self, "SELECT * FROM session WHERE id = ?", [.text(id)])
    }

    /// A session, its member of staff and the entry that last recorded
    /// them, asked together (one round trip on PostgreSQL); the transaction
    /// then sees that member's office and no other, as if it had entered it.
    func sessionRecords(_ id: String) throws -> (row: SessionRow, member: StaffMember, last: AuditEntry?)? {
        let session = SQLStatement("SELECT * FROM session WHERE id = ?", [.text(id)])
        guard let (rows, member, last) = try memberRecords("(SELECT staffId FROM session WHERE id = ?)", [.text(id)], with: session),
              let row = try rows.first?.decode(SessionRow.self), member.id == row.staffId else { return nil }
        return (row, member, last)
    }

    func insertSession(_ session: DeskSession, at time: Double) throws {
        var row = SessionRow(id: DeskSession.id(of: session.token), staffId: session.member.id, csrf: session.csrf,
                             createdAt: time, lastSeenAt: time, seal: "")
        row.seal = key.seal(row.canonical)
        try connection.insert(row, into: "session")
    }

    func touchSession(_ id: String, at time: Double) throws {
        try connection.execute("UPDATE session SET lastSeenAt = ? WHERE id = ?", [.real(time), .text(id)])
    }

    func deleteSession(_ id: String) throws { try connection.execute("DELETE FROM session WHERE id = ?", [.text(id)]) }

    func signInFailures(_ staffId: String) throws -> (count: Int, lastAt: Double)? {
        guard let row = try connection.one("SELECT count, lastAt FROM signInFailure WHERE staffId = ?", [.text(staffId)]),
              let count = row[0].int64, let lastAt = row[1].double else { return nil }
        return (Int(count), lastAt)
    }

    /// Counts one more failure; returns how many in a row.
    func recordSignInFailure(_ staffId: String, at time: Double) throws -> Int {
        let row = try connection.one("""
            INSERT INTO signInFailure (staffId, count, lastAt) VALUES (?, 1, ?)
            ON CONFLICT (staffId) DO UPDATE SET count = signInFailure.count + 1, lastAt = excluded.lastAt
            RETURNING count
            """, [.text(staffId), .real(time)])
        return Int(row?[0].int64 ?? 1)
    }

    func lastCodeStep(_ staffId: String) throws -> UInt64? {
        try connection.one("SELECT step FROM codeUse WHERE staffId = ?", [.text(staffId)])?[0].int64.map { UInt64($0) }
    }

    func useCode(_ staffId: String, step: UInt64) throws {
        try connection.execute("""
            INSERT INTO codeUse (staffId, step) VALUES (?, ?) ON CONFLICT (staffId) DO UPDATE SET step = excluded.step
            """, [.text(staffId), .integer(Int64(step))])
    }

    func forgetCodes(_ staffId: String) throws {
        try connection.execute("DELETE FROM codeUse WHERE staffId = ?", [.text(staffId)])
    }

    func clearSignInFailures(_ staffId: String) throws {
        try connection.execute("DELETE FROM signInFailure WHERE staffId = ?", [.text(staffId)])
    }
}
