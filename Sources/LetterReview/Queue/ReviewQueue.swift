import Crypto
import Foundation
import GRDB

/// Why the queue refused to do something. Nothing was changed.
public enum QueueError: Error, Sendable, Equatable, CustomStringConvertible {
    case notFound(Int64)
    case refused(String)
    case store(String)

    public var description: String {
        switch self {
        case .notFound(let id): "no letter \(id) in the store; `rj letters queue` lists them"
        case .refused(let message): message
        case .store(let message): message
        }
    }
}

/// The letter-review queue: one owner of the SQLite store. Every change is
/// one transaction that also appends to the hash-chained audit trail
/// (BPG 2011 §3d.10-14: screened, approved, consented, then released unsealed).
public final class ReviewQueue: Sendable {
    private let writer: any DatabaseWriter

    /// Opens (creating if needed) the store at `path`, in WAL mode, and migrates it.
    public init(path: String) throws(QueueError) {
        var configuration = Configuration()
        configuration.busyMode = .timeout(15)
        do {
            writer = try DatabasePool(path: path, configuration: configuration)
            try Self.migrator.migrate(writer)
        } catch {
            throw .store("\(path): cannot open the letter store: \(error)")
        }
    }

    /// An in-memory store, for tests.
    public init() throws {
        writer = try DatabaseQueue()
        try Self.migrator.migrate(writer)
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "letter") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("caseReference", .text).notNull()
                t.column("writer", .text).notNull()
                t.column("writerName", .text)
                t.column("recipient", .text).notNull()
                t.column("sensitive", .boolean).notNull()
                t.column("responseWish", .text)
                t.column("status", .text).notNull()
                t.column("currentVersion", .integer).notNull()
                t.column("verdict", .text).notNull()
                t.column("blockCount", .integer).notNull()
                t.column("warnCount", .integer).notNull()
                t.column("consent", .text)
                t.column("consentDate", .text)
                t.column("holdUntil", .text)
                t.column("receivedAt", .text).notNull()
                t.column("releasedAt", .text)
                t.column("releasedBy", .text)
                t.column("releaseMethod", .text)
                t.column("closingReason", .text)
            }
            try db.create(index: "letterByStatus", on: "letter", columns: ["status", "receivedAt"])
            try db.create(table: "letterVersion") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("letterId", .integer).notNull().references("letter")
                t.column("number", .integer).notNull()
                t.column("text", .text).notNull()
                t.column("verdict", .text).notNull()
                t.column("findings", .text).notNull()
                t.column("createdAt", .text).notNull()
                t.uniqueKey(["letterId", "number"])
            }
            try db.create(table: "review") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("letterId", .integer).notNull().references("letter")
                t.column("version", .integer).notNull()
                t.column("reviewer", .text).notNull()
                t.column("role", .text).notNull()
                t.column("decision", .text).notNull()
                t.column("note", .text)
                t.column("createdAt", .text).notNull()
            }
            try db.create(table: "redaction") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("letterId", .integer).notNull().references("letter")
                t.column("version", .integer).notNull()
                t.column("start", .integer).notNull()
                t.column("end", .integer).notNull()
                t.column("span", .text).notNull()
                t.column("reason", .text).notNull()
                t.column("reviewer", .text).notNull()
                t.column("createdAt", .text).notNull()
            }
            try db.create(table: "auditEntry") { t in
                t.primaryKey("sequence", .integer)
                t.column("letterId", .integer)
                t.column("action", .text).notNull()
                t.column("actor", .text).notNull()
                t.column("detail", .text).notNull()
                t.column("at", .text).notNull()
                t.column("previousHash", .text).notNull()
                t.column("hash", .text).notNull()
            }
        }
        return migrator
    }

    // MARK: Reading

    /// A letter with everything recorded about it.
    public struct Details: Sendable {
        public var letter: StoredLetter
        public var versions: [LetterVersion]
        public var reviews: [Review]
        public var redactions: [Redaction]

        public var current: LetterVersion { versions.last! }
        /// Block findings of the current version that no redaction covers.
        public var openBlocks: [ScreeningFinding] {
            let spans = redactions.filter { $0.version == letter.currentVersion }
            return current.decodedFindings.filter { finding in
                finding.severity == .block && !spans.contains { $0.start <= finding.start && $0.end >= finding.end }
            }
        }
        /// Approvals of the current version.
        public var approvals: [Review] {
            reviews.filter { $0.version == letter.currentVersion && $0.decision == "approve" }
        }
    }

    public func details(_ id: Int64) throws(QueueError) -> Details {
        do {
            return try writer.read { db in try Self.details(db, id) }
        } catch let error as QueueError {
            throw error
        } catch {
            throw .store("\(error)")
        }
    }

    static func details(_ db: Database, _ id: Int64) throws -> Details {
        guard let letter = try StoredLetter.fetchOne(db, key: id) else { throw QueueError.notFound(id) }
        return Details(
            letter: letter,
            versions: try LetterVersion.filter(Column("letterId") == id).order(Column("number")).fetchAll(db),
            reviews: try Review.filter(Column("letterId") == id).order(Column("id")).fetchAll(db),
            redactions: try Redaction.filter(Column("letterId") == id).order(Column("id")).fetchAll(db))
    }

    /// Letters awaiting action, oldest first.
    public func queue() throws(QueueError) -> [StoredLetter] {
        do {
            return try writer.read { db in
                try StoredLetter.filter([LetterStatus.pending, .returned, .approved].contains(Column("status")))
                    .order(Column("receivedAt"), Column("id")).fetchAll(db)
            }
        } catch {
            throw .store("\(error)")
        }
    }

    /// Released letters whose writer asked for a response or feedback (§3d.11-12).
    public func followups() throws(QueueError) -> [StoredLetter] {
        do {
            return try writer.read { db in
                try StoredLetter.filter(Column("status") == LetterStatus.released.rawValue && Column("responseWish") != nil)
                    .order(Column("releasedAt")).fetchAll(db)
            }
        } catch {
            throw .store("\(error)")
        }
    }

    public func log(letter id: Int64? = nil) throws(QueueError) -> [AuditEntry] {
        do {
            return try writer.read { db in
                var request = AuditEntry.order(Column("sequence"))
                if let id { request = request.filter(Column("letterId") == id) }
                return try request.fetchAll(db)
            }
        } catch {
            throw .store("\(error)")
        }
    }

    /// The result of checking the audit chain.
    public enum ChainCheck: Sendable, Equatable {
        case intact(entries: Int)
        /// The first entry that does not match: altered, or (a gap) removed before it.
        case broken(sequence: Int64, reason: String)
    }

    public func verifyLog() throws(QueueError) -> ChainCheck {
        let entries = try log()
        var previous = Self.genesis
        var expected: Int64 = 1
        for entry in entries {
            if entry.sequence != expected {
                return .broken(sequence: expected, reason: "entry \(expected) was removed (the next is \(entry.sequence))")
            }
            if entry.previousHash != previous {
                return .broken(sequence: entry.sequence, reason: "entry \(entry.sequence) does not follow entry \(entry.sequence - 1): the chain was cut or an earlier entry altered")
            }
            if Self.hash(entry.canonical) != entry.hash {
                return .broken(sequence: entry.sequence, reason: "entry \(entry.sequence) was altered after it was written")
            }
            previous = entry.hash
            expected += 1
        }
        return .intact(entries: entries.count)
    }

    // MARK: Changing

    /// Runs `body` in one immediate transaction; a refusal changes nothing.
    private func change<T>(_ body: (Database) throws -> T) throws(QueueError) -> T {
        do {
            return try writer.write { db in try body(db) }
        } catch let error as QueueError {
            throw error
        } catch {
            throw .store("\(error)")
        }
    }

    static let genesis = String(repeating: "0", count: 64)

    static func hash(_ text: String) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: Data(text.utf8)) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    static func now() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date())
    }

    /// Appends to the audit trail, inside the caller's transaction.
    static func audit(_ db: Database, letter: Int64?, action: String, actor: String, detail: [String: String]) throws {
        let last = try AuditEntry.order(Column("sequence").desc).fetchOne(db)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let detailText = String(decoding: try encoder.encode(detail), as: UTF8.self)
        var entry = AuditEntry(sequence: (last?.sequence ?? 0) + 1, letterId: letter, action: action, actor: actor,
                               detail: detailText, at: now(), previousHash: last?.hash ?? genesis, hash: "")
        entry.hash = hash(entry.canonical)
        try entry.insert(db)
    }

    /// A fault for tests of crash safety: `RJ_FAULT=after-letter-insert` kills the
    /// process inside the submit transaction.
    private static func fault(_ point: String) {
        if ProcessInfo.processInfo.environment["RJ_FAULT"] == point { kill(getpid(), SIGKILL) }
    }

    /// Stores and records a screened letter.
    @discardableResult
    public func submit(text: String, caseReference: String, writer author: String, writerName: String?, recipient: String,
                       sensitive: Bool, responseWish: String?, screening: ScreeningResult) throws(QueueError) -> Int64 {
        guard author != recipient else { throw .refused("a letter's writer and recipient must be different people") }
        return try change { db in
            let at = Self.now()
            var letter = StoredLetter(
                id: nil, caseReference: caseReference, writer: author, writerName: writerName, recipient: recipient,
                sensitive: sensitive, responseWish: responseWish, status: .pending, currentVersion: 1,
                verdict: screening.verdict.rawValue, blockCount: screening.count(.block), warnCount: screening.count(.warn),
                consent: nil, consentDate: nil, holdUntil: nil, receivedAt: at, releasedAt: nil, releasedBy: nil,
                releaseMethod: nil, closingReason: nil)
            try letter.insert(db)
            Self.fault("after-letter-insert")
            let id = letter.id!
            var version = LetterVersion(id: nil, letterId: id, number: 1, text: text, verdict: screening.verdict.rawValue,
                                        findings: Self.encode(screening.findings), createdAt: at)
            try version.insert(db)
            try Self.audit(db, letter: id, action: "submit", actor: author, detail: [
                "case": caseReference, "to": recipient, "version": "1", "verdict": screening.verdict.rawValue,
                "block": String(screening.count(.block)), "warn": String(screening.count(.warn)),
                "sensitive": String(sensitive),
            ])
            return id
        }
    }

    static func encode(_ findings: [ScreeningFinding]) -> String {
        String(decoding: (try? JSONEncoder().encode(findings)) ?? Data("[]".utf8), as: UTF8.self)
    }

    private static func checkReviewer(_ reviewer: String, of letter: StoredLetter) throws {
        let names = [letter.writer, letter.writerName].compactMap { $0?.lowercased() }
        if names.contains(reviewer.lowercased()) {
            throw QueueError.refused("\(reviewer) wrote letter \(letter.id!) and cannot review it; another facilitator must")
        }
    }

    private static func requireOpen(_ letter: StoredLetter, to action: String) throws {
        if letter.status.isFinal {
            throw QueueError.refused("letter \(letter.id!) is \(letter.status.rawValue); it cannot be \(action)")
        }
    }

    /// Approves the current version. A sensitive and complex case needs a
    /// facilitator and a case supervisor, two different people (BPG 2011 §B).
    public func approve(_ id: Int64, reviewer: String, supervisor: Bool, override: String? = nil) throws(QueueError) {
        try change { db in
            let details = try Self.details(db, id)
            var letter = details.letter
            try Self.requireOpen(letter, to: "approved")
            guard letter.status != .returned else {
                throw QueueError.refused("letter \(id) was returned to the writer; approve it once they revise it (rj letters revise)")
            }
            try Self.checkReviewer(reviewer, of: letter)
            if details.approvals.contains(where: { $0.reviewer.lowercased() == reviewer.lowercased() }) {
                throw QueueError.refused("\(reviewer) has already approved letter \(id); a second reviewer must be someone else")
            }
            let blocks = details.openBlocks
            if !blocks.isEmpty && (override ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                let list = blocks.prefix(3).map { "\($0.rule) at \($0.line):\($0.column)" }.joined(separator: ", ")
                throw QueueError.refused("letter \(id) has \(blocks.count) block finding\(blocks.count == 1 ? "" : "s") (\(list)); redact them, return the letter to the writer, or approve with --override and a written reason")
            }
            let role = supervisor ? "supervisor" : "facilitator"
            var review = Review(id: nil, letterId: id, version: letter.currentVersion, reviewer: reviewer, role: role,
                                decision: "approve", note: override, createdAt: Self.now())
            try review.insert(db)
            let approvals = details.approvals + [review]
            let complete = letter.sensitive
                ? approvals.contains { $0.role == "facilitator" } && approvals.contains { $0.role == "supervisor" }
                : true
            if complete { letter.status = .approved }
            try letter.update(db)
            var detail = ["version": String(letter.currentVersion), "role": role, "complete": String(complete)]
            if let override, !blocks.isEmpty { detail["override"] = override }
            try Self.audit(db, letter: id, action: "approve", actor: reviewer, detail: detail)
        }
    }

    /// Sends the letter back to the writer with reasons.
    public func returnToWriter(_ id: Int64, reviewer: String, feedback: String) throws(QueueError) {
        try change { db in
            var letter = try Self.details(db, id).letter
            try Self.requireOpen(letter, to: "returned")
            try Self.checkReviewer(reviewer, of: letter)
            var review = Review(id: nil, letterId: id, version: letter.currentVersion, reviewer: reviewer,
                                role: "facilitator", decision: "return", note: feedback, createdAt: Self.now())
            try review.insert(db)
            letter.status = .returned
            try letter.update(db)
            try Self.audit(db, letter: id, action: "return", actor: reviewer,
                           detail: ["version": String(letter.currentVersion), "feedback": feedback])
        }
    }

    /// A new version from the writer, screened again; earlier versions are kept
    /// and approvals start again.
    public func revise(_ id: Int64, text: String, screening: ScreeningResult) throws(QueueError) {
        try change { db in
            var letter = try Self.details(db, id).letter
            try Self.requireOpen(letter, to: "revised")
            letter.currentVersion += 1
            letter.status = .pending
            letter.verdict = screening.verdict.rawValue
            letter.blockCount = screening.count(.block)
            letter.warnCount = screening.count(.warn)
            var version = LetterVersion(id: nil, letterId: id, number: letter.currentVersion, text: text,
                                        verdict: screening.verdict.rawValue, findings: Self.encode(screening.findings),
                                        createdAt: Self.now())
            try version.insert(db)
            try letter.update(db)
            try Self.audit(db, letter: id, action: "revise", actor: letter.writer, detail: [
                "version": String(letter.currentVersion), "verdict": screening.verdict.rawValue,
                "block": String(screening.count(.block)), "warn": String(screening.count(.warn)),
            ])
        }
    }

    /// Leaves a span out of the released copy. The original is kept; approvals start again.
    public func redact(_ id: Int64, reviewer: String, span: TextSpan, reason: String) throws(QueueError) {
        try change { db in
            let details = try Self.details(db, id)
            var letter = details.letter
            try Self.requireOpen(letter, to: "redacted")
            try Self.checkReviewer(reviewer, of: letter)
            guard let range = span.offsets(in: details.current.text) else {
                throw QueueError.refused("\(span) is not inside version \(letter.currentVersion) of letter \(id); `rj letters show \(id)` numbers its lines")
            }
            var redaction = Redaction(id: nil, letterId: id, version: letter.currentVersion, start: range.lowerBound,
                                      end: range.upperBound, span: span.description, reason: reason, reviewer: reviewer,
                                      createdAt: Self.now())
            try redaction.insert(db)
            if letter.status == .approved { letter.status = .pending }
            try Review.filter(Column("letterId") == id && Column("version") == letter.currentVersion
                              && Column("decision") == "approve").deleteAll(db)
            try letter.update(db)
            try Self.audit(db, letter: id, action: "redact", actor: reviewer,
                           detail: ["version": String(letter.currentVersion), "span": span.description, "reason": reason])
        }
    }

    public func reject(_ id: Int64, reviewer: String, reason: String) throws(QueueError) {
        try close(id, to: .rejected, actor: reviewer, action: "reject", reason: reason, reviewer: true)
    }

    public func withdraw(_ id: Int64, reason: String?) throws(QueueError) {
        try close(id, to: .withdrawn, actor: nil, action: "withdraw", reason: reason, reviewer: false)
    }

    private func close(_ id: Int64, to status: LetterStatus, actor: String?, action: String, reason: String?,
                       reviewer: Bool) throws(QueueError) {
        try change { db in
            var letter = try Self.details(db, id).letter
            try Self.requireOpen(letter, to: status.rawValue)
            if reviewer, let actor { try Self.checkReviewer(actor, of: letter) }
            letter.status = status
            letter.closingReason = reason
            try letter.update(db)
            try Self.audit(db, letter: id, action: action, actor: actor ?? letter.writer, detail: ["reason": reason ?? ""])
        }
    }

    /// Records whether the recipient agreed to receive the letter (§3d.13).
    public func consent(_ id: Int64, agreed: Bool, date: String, recordedBy: String) throws(QueueError) {
        try change { db in
            var letter = try Self.details(db, id).letter
            try Self.requireOpen(letter, to: "given consent")
            letter.consent = agreed ? "agreed" : "declined"
            letter.consentDate = date
            try letter.update(db)
            try Self.audit(db, letter: id, action: "consent", actor: recordedBy,
                           detail: ["recipient": letter.recipient, "consent": letter.consent!, "date": date])
        }
    }

    /// Holds the letter back until a date (a trial, an anniversary, a review).
    public func hold(_ id: Int64, until date: String, by actor: String) throws(QueueError) {
        try change { db in
            var letter = try Self.details(db, id).letter
            try Self.requireOpen(letter, to: "held")
            letter.holdUntil = date
            try letter.update(db)
            try Self.audit(db, letter: id, action: "hold", actor: actor, detail: ["until": date])
        }
    }

    /// Releases the letter for handover, when every condition holds; returns
    /// the text to hand over (redactions applied).
    public func release(_ id: Int64, by person: String, method: String, today: String) throws(QueueError) -> Handover {
        try change { db in
            let details = try Self.details(db, id)
            var letter = details.letter
            try Self.requireOpen(letter, to: "released")
            var problems: [String] = []
            if letter.status != .approved {
                if letter.status == .returned {
                    problems.append("it was returned to the writer and not revised")
                } else if letter.sensitive {
                    let roles = Set(details.approvals.map(\.role))
                    let missing = ["facilitator", "supervisor"].filter { !roles.contains($0) }
                    problems.append("the case is sensitive and complex and it still needs approval by a \(missing.map { $0 == "supervisor" ? "case supervisor" : "facilitator" }.joined(separator: " and a ")) (BPG 2011 §B)")
                } else {
                    problems.append("it has not been approved")
                }
            }
            if letter.consent != "agreed" {
                problems.append(letter.consent == "declined"
                    ? "the recipient declined to receive it"
                    : "the recipient has not agreed to receive it (rj letters consent \(id) --recipient-agreed) (BPG 2011 §3d.13)")
            }
            if let until = letter.holdUntil, until > today { problems.append("it is held until \(until)") }
            let blocks = details.openBlocks
            let overridden = details.approvals.contains { !($0.note ?? "").isEmpty }
            if !blocks.isEmpty && !overridden {
                problems.append("\(blocks.count) block finding\(blocks.count == 1 ? " is" : "s are") neither redacted nor overridden")
            }
            guard problems.isEmpty else {
                throw QueueError.refused("letter \(id) cannot be released: " + problems.joined(separator: "; "))
            }
            let at = Self.now()
            letter.status = .released
            letter.releasedAt = at
            letter.releasedBy = person
            letter.releaseMethod = method
            try letter.update(db)
            let text = Self.applyRedactions(details.current.text,
                                            details.redactions.filter { $0.version == letter.currentVersion })
            try Self.audit(db, letter: id, action: "release", actor: person, detail: [
                "version": String(letter.currentVersion), "method": method, "sealed": "false",
                "copy-sha256": Self.hash(text),
            ])
            return Handover(letter: letter, text: text, approvals: details.approvals)
        }
    }

    static func applyRedactions(_ text: String, _ redactions: [Redaction]) -> String {
        var scalars = Array(text.unicodeScalars)
        for redaction in redactions.sorted(by: { $0.start > $1.start }) where redaction.end <= scalars.count {
            scalars.replaceSubrange(redaction.start..<redaction.end, with: "[redacted]".unicodeScalars)
        }
        var result = ""
        result.unicodeScalars.append(contentsOf: scalars)
        return result
    }
}

/// What is handed over: the approved text, redactions applied, never sealed.
public struct Handover: Sendable {
    public var letter: StoredLetter
    public var text: String
    public var approvals: [Review]
}

/// `L:C-L:C`: from a line and column to a line and column (inclusive), 1-based.
public struct TextSpan: Sendable, Equatable, CustomStringConvertible {
    public var startLine: Int, startColumn: Int, endLine: Int, endColumn: Int

    public init?(_ text: String) {
        let ends = text.split(separator: "-")
        guard ends.count == 2 else { return nil }
        let start = ends[0].split(separator: ":").compactMap { Int($0) }
        let end = ends[1].split(separator: ":").compactMap { Int($0) }
        guard start.count == 2, end.count == 2, start.allSatisfy({ $0 >= 1 }), end.allSatisfy({ $0 >= 1 }) else { return nil }
        (startLine, startColumn, endLine, endColumn) = (start[0], start[1], end[0], end[1])
        guard (startLine, startColumn) <= (endLine, endColumn) else { return nil }
    }

    public var description: String { "\(startLine):\(startColumn)-\(endLine):\(endColumn)" }

    /// The span's scalar offsets in `text`, if it lies inside it.
    func offsets(in text: String) -> Range<Int>? {
        let scalars = Array(text.unicodeScalars)
        var lineStarts = [0]
        for (index, scalar) in scalars.enumerated() where scalar == "\n" { lineStarts.append(index + 1) }
        func offset(_ line: Int, _ column: Int) -> Int? {
            guard line <= lineStarts.count else { return nil }
            let lineEnd = line < lineStarts.count ? lineStarts[line] - 1 : scalars.count
            let offset = lineStarts[line - 1] + column - 1
            return offset < lineEnd || (offset == lineEnd && column == 1) ? offset : nil
        }
        guard let start = offset(startLine, startColumn), let end = offset(endLine, endColumn) else { return nil }
        return start..<(end + 1)
    }
}
