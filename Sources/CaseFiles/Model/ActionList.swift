import Templating

/// One agreed action of one case, where it stands on a day: a line of the
/// facilitator's list of what to chase (DJ203 P11, P15).
public struct ActionItem: Sendable {
    public var caseReference: String
    public var file: String
    /// Its place in the agreement, from 1.
    public var number: Int
    public var action: OutcomeAgreement.Action
    public var status: ActionStatus
    /// What the agreement says follows when an action is not done (§3b.8, §3b.11).
    public var consequences: String?

    /// Which part of the list it belongs to on the day it was made.
    public var group: Group

    public enum Group: String, Sendable, CaseIterable, Comparable {
        /// Overdue, or not done with nothing decided.
        case chaseNow = "chase-now"
        /// Due within the next seven days (today included).
        case thisWeek = "this-week"
        /// Due later, or recurring.
        case later
        /// Done, waived or recorded as not completed.
        case settled

        public var heading: String {
            switch self {
            case .chaseNow: "To chase now"
            case .thisWeek: "Due in the next 7 days"
            case .later: "Due later"
            case .settled: "Done or decided"
            }
        }

        public static func < (lhs: Group, rhs: Group) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }
}

/// Every action of some cases, soonest first within each group: what is
/// overdue, then what falls due this week, then later, then what is settled.
public enum ActionList {
    public static func items(_ cases: [Case], today: CalendarDate) -> [ActionItem] {
        var items: [ActionItem] = []
        for `case` in cases {
            // An agreement made after the day has nothing to chase yet.
            guard let agreement = `case`.agreement, (agreement.date ?? today) <= today else { continue }
            for (index, action) in agreement.actions.enumerated() {
                let status = action.status(on: today)
                items.append(ActionItem(caseReference: `case`.reference, file: `case`.file, number: index + 1, action: action.asOf(today),
                                        status: status, consequences: agreement.consequences,
                                        group: group(status, today: today)))
            }
        }
        return items.sorted { left, right in
            if left.group != right.group { return left.group < right.group }
            // Soonest first; actions with no date (recurring) after dated ones.
            let leftDue = left.status.due?.daysSinceEpoch ?? Int.max, rightDue = right.status.due?.daysSinceEpoch ?? Int.max
            if leftDue != rightDue { return leftDue < rightDue }
            return (left.caseReference, left.number) < (right.caseReference, right.number)
        }
    }

    static func group(_ status: ActionStatus, today: CalendarDate) -> ActionItem.Group {
        if status.standing.isSettled { return .settled }
        if status.standing.needsAction { return .chaseNow }
        if let due = status.due, due.daysSinceEpoch - today.daysSinceEpoch < 7 { return .thisWeek }
        return .later
    }
}
