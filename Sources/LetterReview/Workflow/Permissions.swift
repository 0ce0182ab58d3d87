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
        // Managers see case progress and records (§G.8); they change nothing.
        case .read: [.facilitator, .supervisor, .manager]
        case .verify, .listStaff: Set(StaffRole.allCases)
        case .manageStaff: [.admin]
        }
    }

    public static func allows(_ member: StaffMember, to action: LetterAction) -> Bool {
        !member.disabled && !member.roleSet.isDisjoint(with: roles(for: action))
    }
}
