/// A reason a letter cannot be handed over yet.
public enum ReleaseObstacle: Sendable, Equatable, CustomStringConvertible {
    /// It was released, rejected or withdrawn already.
    case closed(LetterStatus)
    /// It went back to the writer and no revision came.
    case returned
    /// Nobody has approved the current version.
    case notApproved
    /// A sensitive and complex letter still lacks these approvals (BPG 2011 §B).
    case needsApproval([ReviewCapacity])
    /// The two approvals of a sensitive and complex letter are one person's.
    case sameApprover
    case consentNotRecorded
    case consentDeclined
    case held(until: String)
    /// Block findings neither redacted nor approved with a written reason.
    case openBlocks(Int)
    /// The current version's findings cannot be read, so it counts as blocked.
    case findingsUnreadable(version: Int)

    public var description: String {
        switch self {
        case .closed(let status): "it is \(status.rawValue)"
        case .returned: "it was returned to the writer and not revised"
        case .notApproved: "it has not been approved"
        case .needsApproval(let missing):
            "the case is sensitive and complex and it still needs approval by a \(missing.map(\.label).joined(separator: " and a ")) (BPG 2011 §B)"
        case .sameApprover: "its two approvals are by one person; a sensitive and complex letter needs two (BPG 2011 §B)"
        case .consentNotRecorded: "the recipient has not agreed to receive it (BPG 2011 §3d.13)"
        case .consentDeclined: "the recipient declined to receive it"
        case .held(let until): "it is held until \(until)"
        case .openBlocks(let count):
            "\(count) block finding\(count == 1 ? " is" : "s are") neither redacted nor approved with a written reason"
        case .findingsUnreadable(let version):
            "the screening findings of version \(version) cannot be read, so it counts as blocked; screen it again by storing a revision"
        }
    }
}

/// When a letter may be handed over (BPG 2011 §3d.10-14): checked, approved
/// (by a facilitator and a case supervisor, two people, when the case is
/// sensitive and complex), every block finding redacted or approved with a
/// written reason, the recipient agreed, and not held.
public enum ReleasePolicy {
    /// Every reason `details` cannot be released on `today` (YYYY-MM-DD); empty when it can.
    public static func obstacles(_ details: LetterDetails, today: String) -> [ReleaseObstacle] {
        let letter = details.letter
        if letter.status.isFinal { return [.closed(letter.status)] }
        var obstacles: [ReleaseObstacle] = []
        let approvals = details.approvals
        if letter.status == .returned {
            obstacles.append(.returned)
        } else if letter.sensitive {
            let missing = ReviewCapacity.allCases.filter { capacity in !approvals.contains { $0.capacity == capacity } }
            if !missing.isEmpty {
                obstacles.append(.needsApproval(missing))
            } else if Set(approvals.map(\.reviewer)).count < 2 {
                obstacles.append(.sameApprover)
            }
        } else if approvals.isEmpty || letter.status != .approved {
            obstacles.append(.notApproved)
        }
        switch letter.consent {
        case .agreed: break
        case .declined: obstacles.append(.consentDeclined)
        case nil: obstacles.append(.consentNotRecorded)
        }
        if letter.isHeld(on: today), let until = letter.holdUntil { obstacles.append(.held(until: until)) }
        if let blocks = details.openBlocks {
            let overridden = approvals.contains { !($0.note ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
            if !blocks.isEmpty && !overridden { obstacles.append(.openBlocks(blocks.count)) }
        } else {
            obstacles.append(.findingsUnreadable(version: details.current.number))
        }
        return obstacles
    }
}
