import Templating

/// A place in a case file, for messages.
public struct SourceLocation: Sendable, Hashable {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
    static let unknown = SourceLocation(line: 0, column: 0)
}

/// One restorative justice case, as recorded in a case file (BPG 2011 §G.6).
public struct Case: Sendable {
    /// The case file's path, for messages.
    public var file: String
    public var reference: String
    public var referral: Referral?
    public var incident: Incident
    public var participants: [Participant]
    public var facilitators: [Facilitator]
    public var process: Process
    public var risk: RiskAssessment?
    public var agreement: OutcomeAgreement?
    /// Items of information with whom each may be shared (§3d.4).
    public var information: [InformationItem]
    /// Names and places that letters must not mention (BPG 2011 §B skills 5).
    public var protectedNames: [String] = []
    public var protectedPlaces: [String] = []
    /// How and when the case was closed (DJ203 P17).
    public var closure: Closure?

    public func participant(_ id: String) -> Participant? { participants.first { $0.id == id } }

    /// The parents and carers taking part for a participant.
    public func parentsCarers(of id: String) -> [Participant] { participants.filter { $0.parentCarerOf == id } }

    /// Whether the risk assessment found the case sensitive and complex (§B).
    public var isSensitiveAndComplex: Bool { !(risk?.sensitiveComplexIndicators.isEmpty ?? true) }
}

public struct Referral: Sendable {
    public var source: String
    public var date: CalendarDate?
    public var context: CriminalJusticeContext?
    /// When the service first contacted a participant (the Victims' Code
    /// gives five working days to offer information about restorative justice).
    public var firstContact: CalendarDate?
    public var location: SourceLocation
}

/// The end of a case (DJ203 P17): when, why, and a note kept internal.
public struct Closure: Sendable {
    public var date: CalendarDate?
    public var reason: Reason?
    /// For the service only; never printed in a participant's letter.
    public var note: String?
    public var location: SourceLocation

    public init(date: CalendarDate?, reason: Reason?, note: String?, location: SourceLocation) {
        self.date = date
        self.reason = reason
        self.note = note
        self.location = location
    }

    public enum Reason: String, Sendable, CaseIterable {
        case completed, partlyCompleted = "partly-completed", notCompleted = "not-completed", withdrawn
        case notSuitable = "not-suitable", declined

        public var label: String {
            switch self {
            case .completed: "completed"
            case .partlyCompleted: "partly completed"
            case .notCompleted: "not completed"
            case .withdrawn: "withdrawn"
            case .notSuitable: "not suitable"
            case .declined: "declined"
            }
        }
    }
}

/// What a participant said of the service afterwards (BPG 2011 §G.10;
/// Victims and Prisoners Act 2024 s.7). The comments stay internal.
public struct Feedback: Sendable {
    public var date: CalendarDate?
    /// 1 (very unhappy) to 5 (very happy).
    public var satisfaction: Int?
    public var wouldRecommend: Bool?
    public var feltSafe: Bool?
    public var comments: String?
    public var location: SourceLocation
}

/// How the case relates to criminal justice proceedings.
public enum CriminalJusticeContext: String, Sendable, CaseIterable {
    case outOfCourt = "out-of-court", preSentence = "pre-sentence", postSentence = "post-sentence"
    case custody, community, noProceedings = "no-proceedings"

    public var label: String {
        switch self {
        case .outOfCourt: "out of court (no prosecution)"
        case .preSentence: "before sentencing"
        case .postSentence: "after sentencing"
        case .custody: "during a prison sentence"
        case .community: "during a community sentence"
        case .noProceedings: "no criminal proceedings"
        }
    }
}

public struct Incident: Sendable {
    public var kind: String
    public var date: CalendarDate?
    /// Internal unless an information item shares it.
    public var summary: String?
}

public struct Participant: Sendable {
    public var id: String
    public var role: Role
    public var name: String
    /// How they asked to be addressed (§2b.2): "Mrs Ellis", "Dan".
    public var addressAs: String
    public var pronouns: String?
    public var language: String
    public var accessNeeds: [AccessNeed]
    public var age: Int?
    public var contact: String?
    public var consent: Consent?
    /// Who may know the participant's name; nil means all parties.
    public var nameSharedWith: [Audience]?
    /// What they said of the service afterwards.
    public var feedback: Feedback?
    /// For a parent or carer: the participant (a young person) they are the parent or carer of.
    public var parentCarerOf: String? = nil
    public var location: SourceLocation

    public enum Role: String, Sendable, CaseIterable {
        case harmed, responsible, supporter, parentCarer = "parent-carer", community, agency

        /// Every role's name, for messages: "harmed, responsible, …".
        public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }

        public var label: String {
            switch self {
            case .harmed: "person harmed"
            case .responsible: "person responsible"
            case .supporter: "supporter"
            case .parentCarer: "parent or carer"
            case .community: "community representative"
            case .agency: "agency representative"
            }
        }
    }

    public var needsLargePrint: Bool { accessNeeds.contains(.largePrint) }

    /// Who may know the participant's name: they themselves, and whom their
    /// `name_shared_with` names (everyone when it is absent).
    public var nameVisibility: Visibility {
        guard let nameSharedWith else { return .everyone }
        return Visibility(sharedWith: nameSharedWith, plus: [id])
    }
}

public enum AccessNeed: String, Sendable, CaseIterable {
    case largePrint = "large-print", easyRead = "easy-read", interpreter, braille, audio
    case wheelchairAccess = "wheelchair-access", hearingLoop = "hearing-loop"
}

/// Consent to take part, and when it was given (§G.3, §B.8).
public struct Consent: Sendable {
    public var given: Bool
    public var date: CalendarDate?

    public init(given: Bool, date: CalendarDate?) {
        self.given = given
        self.date = date
    }
}

public struct Facilitator: Sendable {
    public var name: String
    public var role: Role
    /// Trained and experienced for sensitive and complex cases (§B skills 3-4).
    public var sensitiveComplex: Bool

    public enum Role: String, Sendable, CaseIterable {
        case lead, coWorker = "co-worker", supervisor

        public var label: String {
            switch self {
            case .lead: "lead facilitator"
            case .coWorker: "co-worker"
            case .supervisor: "case supervisor"
            }
        }
    }
}

/// How participants communicate (§2a.10), and the dated steps so far.
public struct Process: Sendable {
    public var kind: Kind
    public var steps: [Step]
    public var meeting: Meeting?

    public enum Kind: String, Sendable, CaseIterable {
        case faceToFace = "face-to-face", shuttle, letters, video, phone

        public var label: String {
            switch self {
            case .faceToFace: "a face-to-face meeting"
            case .shuttle: "messages carried between you by a facilitator"
            case .letters: "letters, read and checked by a facilitator"
            case .video: "a video call"
            case .phone: "a phone call"
            }
        }

        /// The same, in Welsh, after "cymryd rhan mewn" (take part in).
        public var welshLabel: String {
            switch self {
            case .faceToFace: "cyfarfod wyneb yn wyneb"
            case .shuttle: "negeseuon a gludir rhyngoch gan hwylusydd"
            case .letters: "llythyrau, wedi'u darllen a'u gwirio gan hwylusydd"
            case .video: "galwad fideo"
            case .phone: "galwad ffôn"
            }
        }
        public var isDirect: Bool { self == .faceToFace || self == .video || self == .phone }
    }

    public struct Step: Sendable {
        public var what: String
        public var date: CalendarDate?
        /// The participants the step concerns: only they (and the service) see it.
        public var with: [String]
    }

    public struct Meeting: Sendable {
        public var date: CalendarDate
        public var time: String?
        public var place: String?
        public var location: SourceLocation
    }
}

/// A piece of information and who may see it (§3d.4, footnote 15).
public struct InformationItem: Sendable {
    public var id: String
    public var about: String?
    public var text: String
    public var sharedWith: [Audience]
    public var location: SourceLocation = SourceLocation(line: 0, column: 0)
}
