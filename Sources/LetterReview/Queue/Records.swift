import Foundation
import GRDB

/// Where a letter is in review.
public enum LetterStatus: String, Codable, Sendable, DatabaseValueConvertible {
    /// Screened, waiting for review (and, in a sensitive case, for both reviewers).
    case pending
    /// Sent back to the writer with feedback; waits for a revision.
    case returned
    /// Approved by every reviewer it needs; waits for consent and release.
    case approved
    case released, rejected, withdrawn

    public var isFinal: Bool { self == .released || self == .rejected || self == .withdrawn }
}

/// A letter in the queue: who wrote it to whom, in which case, and where it stands.
public struct StoredLetter: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "letter"
    public var id: Int64?
    public var caseReference: String
    public var writer: String
    public var writerName: String?
    public var recipient: String
    public var sensitive: Bool
    public var responseWish: String?
    public var status: LetterStatus
    public var currentVersion: Int
    public var verdict: String
    public var blockCount: Int
    public var warnCount: Int
    /// "agreed" or "declined", with the date the recipient said so.
    public var consent: String?
    public var consentDate: String?
    public var holdUntil: String?
    public var receivedAt: String
    public var releasedAt: String?
    public var releasedBy: String?
    public var releaseMethod: String?
    public var closingReason: String?

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// One version of a letter's text, as the writer wrote it, with its screening.
public struct LetterVersion: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "letterVersion"
    public var id: Int64?
    public var letterId: Int64
    public var number: Int
    public var text: String
    public var verdict: String
    /// The screening findings, as JSON.
    public var findings: String
    public var createdAt: String

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    public var decodedFindings: [ScreeningFinding] {
        (try? JSONDecoder().decode([ScreeningFinding].self, from: Data(findings.utf8))) ?? []
    }
}

/// A reviewer's decision on a version.
public struct Review: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "review"
    public var id: Int64?
    public var letterId: Int64
    public var version: Int
    public var reviewer: String
    /// "facilitator" or "supervisor".
    public var role: String
    /// "approve" or "return".
    public var decision: String
    public var note: String?
    public var createdAt: String

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A span of a version left out of the released copy, and why. The original is kept.
public struct Redaction: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "redaction"
    public var id: Int64?
    public var letterId: Int64
    public var version: Int
    /// Offsets into the version's text, in Unicode scalars.
    public var start: Int
    public var end: Int
    public var span: String
    public var reason: String
    public var reviewer: String
    public var createdAt: String

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// One step on the audit trail. Each entry's hash covers the previous hash,
/// so an entry altered or removed breaks the chain from there on.
public struct AuditEntry: Codable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "auditEntry"
    public var sequence: Int64
    public var letterId: Int64?
    public var action: String
    public var actor: String
    public var detail: String
    public var at: String
    public var previousHash: String
    public var hash: String

    var canonical: String {
        "\(sequence)|\(letterId.map(String.init) ?? "-")|\(action)|\(actor)|\(detail)|\(at)|\(previousHash)"
    }
}
