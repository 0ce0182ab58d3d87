/// Something a member of staff asks rj to do.
public enum LetterAction: String, Sendable, CaseIterable {
    case submit, revise, withdraw
    case approve = "approve as facilitator"
    case superviseApproval = "approve as case supervisor"
    case returnToWriter = "return"
    case redact, reject
    case recordConsent = "record consent"
    case hold, release
    case followUp = "mark a follow-up done"
    /// Read letters, the queue and the audit trail.
    case read
    /// Check the audit trail and the records against it.
    case verify
    /// See who is on the staff list.
    case listStaff = "list the staff"
    /// Add or disable members of staff.
    case manageStaff = "manage staff"
    /// Witness and record a signatory's signature of an outcome agreement.
    case witnessSignature = "witness a signature"
    /// Seal an agreement every signatory signed, as a PDF.
    case sealAgreement = "seal an agreement"
    /// Record that someone was given their copy of an agreement.
    case recordCopy = "record a copy given"
    /// Copy the store elsewhere, or back it up.
    case manageStore = "copy or back up the store"
    /// Delete a case's records once the service's retention period has ended.
    case deleteRecords = "delete records past their retention period"
}

/// Who may do what: the one place the role rules live, so that the command
/// line and any other front end cannot disagree.
public enum Permissions {
    /// The roles that allow `action`; holding any one of them is enough.
    public static func roles(for action: LetterAction) -> Set<StaffRole> {
        switch action {
        // Letters are checked for risk of further harm by the service's
        // practitioners (BPG 2011 §3d.10-14).
        case .submit, .revise, .withdraw, .returnToWriter, .redact, .reject, .recordConsent, .hold, .release, .followUp:
            [.facilitator, .supervisor]
        // Each approval is given in a capacity its giver holds; a sensitive
        // and complex case needs a case supervisor's as well (§B, §E).
        case .approve: [.facilitator]
        case .superviseApproval: [.supervisor]
        // Agreements are drawn up and signed with the facilitators who ran
        // the meeting, and everyone receives a copy (BPG 2011 §3b.9-10).
        case .witnessSignature, .sealAgreement, .recordCopy: [.facilitator, .supervisor]
        // Managers see case progress and records (§G.8); they change nothing.
        case .read: [.facilitator, .supervisor, .manager, .lead]
        case .verify, .listStaff: Set(StaffRole.allCases)
        case .manageStaff, .manageStore: [.admin]
        // The service manager answers for records and how long they are kept (BPG 2011 §G.7).
        case .deleteRecords: [.manager]
        }
    }

    /// The offices whose records `action` may see and change: the member's
    /// own, but for a partnership lead reading or verifying, an admin
    /// verifying, and keeping or reading the staff list, which span every office.
    public static func offices(of member: StaffMember, for action: LetterAction,
                               every: () throws -> Set<String>) rethrows -> Set<String> {
        switch action {
        case .read where member.has(.lead), .verify where member.has(.lead) || member.has(.admin), .listStaff, .manageStaff, .manageStore:
            try every().union([member.office])
        default:
            [member.office]
        }
    }

    public static func allows(_ member: StaffMember, to action: LetterAction) -> Bool {
        !member.disabled && roles(for: action).contains(where: member.has)
    }
}
