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
        public var location: SourceLocation
    }

    public struct Progress: Sendable {
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
