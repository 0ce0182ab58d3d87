import Foundation

/// Where a letter is in review.
public enum LetterStatus: String, Codable, Sendable, CaseIterable {
    /// Screened, waiting for review (and, in a sensitive case, for both reviewers).
    case pending
    /// Sent back to the writer with feedback; waits for a revision.
    case returned
    /// Approved by every reviewer it needs; waits for consent and release.
    case approved
    case released, rejected, withdrawn

    public var isFinal: Bool { self == .released || self == .rejected || self == .withdrawn }
}

/// In what capacity a member of staff approves a letter. A sensitive and
/// complex letter needs one approval of each, by two people (BPG 2011 §B).
public enum ReviewCapacity: String, Codable, Sendable, CaseIterable {
    case facilitator, supervisor

    /// How the capacity reads in a sentence or on the handover copy.
    public var label: String { self == .supervisor ? "case supervisor" : "facilitator" }
}

/// What a reviewer decided about a version.
public enum Decision: String, Codable, Sendable {
    case approve, `return`
}

/// The recipient's answer when asked whether they want to receive the letter (§3d.13).
public enum ConsentAnswer: String, Codable, Sendable {
    case agreed, declined
}

/// How a released letter reaches its recipient: never in a sealed envelope (§3d.12-13).
public enum ReleaseMethod: String, Codable, Sendable, CaseIterable {
    case inPerson = "in-person", readAloud = "read-aloud", viaSupporter = "via-supporter"
}

/// A letter in the queue: who wrote it to whom, in which case, and where it stands.
public struct StoredLetter: Codable, Sendable, Equatable {
    public var id: Int64?
    public var caseReference: String
    /// The writer's and recipient's participant ids in the case.
    public var writer: String
    public var writerName: String?
    public var recipient: String
    public var sensitive: Bool
    public var responseWish: String?
    public var status: LetterStatus
    public var currentVersion: Int
    public var verdict: Verdict
    public var blockCount: Int
    public var warnCount: Int
    public var consent: ConsentAnswer?
    public var consentDate: String?
    public var holdUntil: String?
    public var receivedAt: String
    /// The member of staff who stored the letter.
    public var recordedBy: String
    public var releasedAt: String?
    /// The member of staff who released it.
    public var releasedBy: String?
    public var releaseMethod: ReleaseMethod?
    public var closingReason: String?
    /// When and by whom the writer's wish for a response was seen to (§3d.11-12).
    public var followedUpAt: String?
    public var followedUpBy: String?
    public var followUpNote: String?
    /// The office of the member of staff who stored it: only that office's staff see and act on it.
    public var office: String

    /// Whether it is held back on `today` (YYYY-MM-DD).
    public func isHeld(on today: String) -> Bool { holdUntil.map { $0 > today } ?? false }
}

/// One version of a letter's text, as the writer wrote it, with its screening.
public struct LetterVersion: Codable, Sendable, Equatable {
    public var id: Int64?
    public var letterId: Int64
    public var number: Int
    public var text: String
    public var verdict: Verdict
    /// The screening findings, as JSON.
    public var findings: String
    public var createdAt: String

    /// The stored findings, or nil when they cannot be read: a version whose
    /// findings cannot be read counts as blocked (fail closed).
    public var decodedFindings: [ScreeningFinding]? {
        // The text compared in full decides; the key only finds the entry (its length, not a hash of every byte).
        let key = "\(letterId)/\(number)/\(findings.utf8.count)"
        if let known = Self.decoded[key], known.text == findings { return known.findings }
        guard let decoded = try? JSONDecoder().decode([ScreeningFinding].self, from: Data(findings.utf8)) else { return nil }
        Self.decoded[key] = (findings, decoded)
        return decoded
    }

    /// Findings already decoded, with the stored text they were decoded
    /// from: a version is never changed, and a text changed outside rj no
    /// longer matches, so it is decoded afresh.
    private static let decoded = RevisionCache<(text: String, findings: [ScreeningFinding])>(limit: 256)

    static func encode(_ findings: [ScreeningFinding]) throws -> String {
        String(decoding: try JSONEncoder().encode(findings), as: UTF8.self)
    }
}

/// A reviewer's decision on a version: who (a staff id), in what capacity,
/// and their name at the time.
public struct Review: Codable, Sendable, Equatable {
    public var id: Int64?
    public var letterId: Int64
    public var version: Int
    public var reviewer: String
    public var reviewerName: String
    public var capacity: ReviewCapacity
    public var decision: Decision
    /// The feedback of a return, or the written reason of an override.
    public var note: String?
    public var createdAt: String
}

/// A span of a version left out of the released copy, and why. The original is kept.
public struct Redaction: Codable, Sendable, Equatable {
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
}

/// A participant of the letter's case, recorded when the letter is stored, so
/// that nobody who takes part in the case can act on its letters.
public struct Party: Codable, Sendable, Equatable {
    public var letterId: Int64
    public var participant: String
    public var name: String
}

extension LetterStatus: StoredAsText {}
extension AgreementRecordKind: StoredAsText {}
extension ReviewCapacity: StoredAsText {}
extension Decision: StoredAsText {}
extension ConsentAnswer: StoredAsText {}
extension ReleaseMethod: StoredAsText {}
extension Verdict: StoredAsText {}
