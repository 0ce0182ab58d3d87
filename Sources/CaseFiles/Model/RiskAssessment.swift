import Templating

/// The risk assessment (BPG 2011 §2a; §B): each §2a.3 factor, whether the case
/// is sensitive and complex, the measures and the decision.
public struct RiskAssessment: Sendable {
    public var assessedBy: String?
    public var date: CalendarDate?
    public var factors: [Factor: Assessment]
    public var sensitiveComplexIndicators: [SensitiveComplexIndicator]
    /// A formal written assessment, required for sensitive and complex cases (§B).
    public var formalWrittenAssessment: Bool
    public var measures: [String]
    public var communication: Process.Kind?
    public var decision: Decision?
    public var reassessments: [Reassessment]
    public var location: SourceLocation

    /// The factors BPG 2011 §2a.3 asks to assess, in its order.
    public enum Factor: String, Sendable, CaseIterable {
        case feelingsAttitudesBehaviour = "feelings-attitudes-behaviour"
        case expectations, motivation
        case substanceMentalHealth = "substance-mental-health"
        case communicationDisabilityHealth = "communication-disability-health"
        case intimidation
        case emotionalImpact = "emotional-impact"
        case emotionalStateResilience = "emotional-state-resilience"
        case historyRepeatVictimisation = "history-repeat-victimisation"
        case powerImbalance = "power-imbalance"
        case locationConstraints = "location-constraints"

        public var label: String {
            switch self {
            case .feelingsAttitudesBehaviour: "Feelings, attitudes and behaviour"
            case .expectations: "Expectations"
            case .motivation: "Motivation"
            case .substanceMentalHealth: "Substance use and mental health"
            case .communicationDisabilityHealth: "Communication difficulties, disabilities, ill health"
            case .intimidation: "Intimidation"
            case .emotionalImpact: "Emotional impact of the incident"
            case .emotionalStateResilience: "Emotional state and resilience"
            case .historyRepeatVictimisation: "Previous history or repeat victimisation"
            case .powerImbalance: "Power imbalances"
            case .locationConstraints: "Constraints on the meeting location"
            }
        }
    }

    public struct Assessment: Sendable {
        public var rating: Rating
        public var notes: String?
    }

    public enum Rating: String, Sendable, CaseIterable { case none, low, medium, high }

    /// What makes a case sensitive and complex (§B).
    public enum SensitiveComplexIndicator: String, Sendable, CaseIterable {
        case seriousViolence = "serious-violence", sexualHarm = "sexual-harm", domesticAbuse = "domestic-abuse"
        case longAbuse = "long-abuse", severalParties = "several-parties", vulnerability, intentToHarm = "intent-to-harm"
        case hateCrime = "hate-crime"
    }

    /// The outcome of the assessment (§2a.10).
    public enum Decision: String, Sendable, CaseIterable {
        case proceedDirect = "proceed-direct", proceedIndirect = "proceed-indirect", doNotProceed = "do-not-proceed"

        public var label: String {
            switch self {
            case .proceedDirect: "proceed, with direct communication"
            case .proceedIndirect: "proceed, with indirect communication only"
            case .doNotProceed: "do not proceed; end the process safely"
            }
        }
    }

    /// Assessment continues throughout the process (§2a.7): each reassessment is dated.
    public struct Reassessment: Sendable {
        public var date: CalendarDate?
        public var notes: String
        public var decision: Decision?
        public var location: SourceLocation
    }
}
