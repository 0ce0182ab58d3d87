import Templating

/// What participants agreed (BPG 2011 §3b; DJ203 P1-P9).
public struct OutcomeAgreement: Sendable {
    public var date: CalendarDate?
    public var binding: Binding?
    /// What follows if an action is not done (§3b.8, §3b.11).
    public var consequences: String?
    /// For practical work (§3b.2).
    public var healthAndSafety: String?
    public var actions: [Action]
    public var money: [Payment]
    /// Participant ids of those who sign (§3b.9).
    public var signatories: [String]
    /// Who receives a copy (§3b.10): participant ids or names.
    public var copies: [String]
    public var location: SourceLocation

    public enum Binding: String, Sendable, CaseIterable {
        case voluntary, binding
    }

    public struct Action: Sendable {
        public var description: String
        /// The participant id of who does it.
        public var responsible: String?
        /// A participant id, or a description such as "the community".
        public var recipient: String?
        /// The recipient's expressed agreement to receive it (§3b.3).
        public var recipientAgreed: Bool?
        public var due: CalendarDate?
        public var schedule: String?
        /// Who checks it is done (§3b.4).
        public var monitor: String?
        /// Who supports the responsible person, when they need it (§3b.5).
        public var support: String?
        public var needsSupport: Bool
        /// Practical work that needs health and safety arrangements (§3b.2).
        public var practical: Bool
        public var progress: [Progress]
        /// What was decided about an action not done as agreed (DJ203 P15).
        public var decision: Decision?
        public var location: SourceLocation
    }

    /// What was decided about an action not done as agreed: varied to new
    /// terms, waived, or recorded as not completed (DJ203 P15; BPG 2011 §3b.8, §3b.11).
    public struct Decision: Sendable {
        public var kind: Kind
        public var date: CalendarDate?
        /// For a varied action: what is to be done now.
        public var terms: String?
        /// For a varied action: the new due date.
        public var due: CalendarDate?
        /// Why, in words the participants may read in their closing letter.
        public var reason: String?
        public var location: SourceLocation

        public enum Kind: String, Sendable, CaseIterable {
            case varied, waived, notCompleted = "not-completed"

            public var label: String {
                switch self {
                case .varied: "varied"
                case .waived: "waived"
                case .notCompleted: "not completed"
                }
            }
        }
    }

    public struct Progress: Sendable, Equatable {
        public var date: CalendarDate?
        public var status: Status
        public var note: String?

        public enum Status: String, Sendable, CaseIterable { case notStarted = "not-started", inProgress = "in-progress", done, notDone = "not-done" }
    }

    /// Money handed over, documented and witnessed (§3b.6).
    public struct Payment: Sendable {
        public var amount: Double
        public var payer: String?
        public var payee: String?
        public var method: String?
        public var witness: String?
        public var location: SourceLocation
    }
}
