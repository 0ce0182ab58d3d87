import CaseFiles

/// The documents rj produces from a case.
public enum DocumentKind: String, Sendable, CaseIterable {
    case outcomeAgreement = "outcome-agreement"
    case riskAssessment = "risk-assessment"
    case coverLetter = "cover-letter"
    case informationSheet = "information-sheet"
    case whatHappensNext = "what-happens-next"
    case yourInformation = "your-information"
    case supportAndComplaints = "support-and-complaints"
    case consentForm = "consent-form"
    case closingLetter = "closing-letter"

    /// What goes into a participant's information pack, in order.
    public static let pack: [DocumentKind] = [
        .coverLetter, .informationSheet, .whatHappensNext, .yourInformation, .supportAndComplaints, .consentForm,
    ]

    /// The easy-read template's name, for a participant document: short
    /// sentences, one idea each, a symbol by each section, 16pt or larger.
    var easyReadName: String? { needsReader ? "easy-read/\(rawValue)" : nil }

    /// The Welsh template's name, for a participant document.
    var welshName: String? { needsReader ? "cy/\(rawValue)" : nil }

    /// The template's name (without `.md`) for a reader in `role`.
    func templateName(for role: Participant.Role?) -> String {
        guard self == .informationSheet else { return rawValue }
        switch role {
        case .harmed: return "information-sheet-harmed"
        case .responsible: return "information-sheet-responsible"
        case .parentCarer: return "information-sheet-parent-carer"
        default: return "information-sheet-supporter"
        }
    }

    /// The document as a sentence names it: "the outcome agreement".
    public var label: String {
        switch self {
        case .outcomeAgreement: "outcome agreement"
        case .riskAssessment: "risk assessment"
        case .coverLetter: "cover letter"
        case .informationSheet: "information sheet"
        case .whatHappensNext: "page \"What happens next\""
        case .yourInformation: "page \"Your information\""
        case .supportAndComplaints: "page \"Support and complaints\""
        case .consentForm: "consent form"
        case .closingLetter: "closing letter"
        }
    }

    /// Internal documents never go to a participant or into a pack.
    public var isInternal: Bool { self == .riskAssessment }

    /// Whether the document is written to one participant (a pack document).
    public var needsReader: Bool { Self.pack.contains(self) || self == .closingLetter }

    /// The check areas whose errors mean the document is not ready to go out.
    /// Pack documents are what a participant reads before consenting, so
    /// missing consent does not hold them back.
    var blockingAreas: Set<Finding.Area> {
        switch self {
        case .outcomeAgreement: [.agreement, .consent]
        case .riskAssessment: [.risk]
        default: []
        }
    }
}
