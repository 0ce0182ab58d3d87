import Templating

/// Where an agreed action stands on a given day, from its progress entries
/// and any decision about it (DJ203 P11, P15): what a facilitator monitoring
/// the agreement chases, and what a closed case must have settled.
public struct ActionStatus: Sendable, Equatable {
    public var standing: Standing
    /// The latest progress entry, if any.
    public var latest: OutcomeAgreement.Progress?
    /// The date it is due by now: a varied action's new date, else the agreed one.
    public var due: CalendarDate?
    /// Whole days past `due`, for an overdue action.
    public var daysOverdue: Int?
    /// When it was recorded done.
    public var doneOn: CalendarDate?

    public enum Standing: String, Sendable, CaseIterable {
        /// Done by its due date (or done, with no date to be late for).
        case done
        /// Done, after its due date.
        case doneLate = "done-late"
        /// Decided: waived.
        case waived
        /// Decided: recorded as not completed.
        case notCompleted = "not-completed"
        /// Its due date has passed, it is not done, and nothing settles it.
        case overdue
        /// Its progress says it will not be done, and nothing is decided.
        case needsDecision = "needs-decision"
        /// Not yet due, or recurring with no date to be overdue by.
        case open

        /// Settled: done, or decided so that nothing more is chased.
        public var isSettled: Bool { [.done, .doneLate, .waived, .notCompleted].contains(self) }
        /// Something a facilitator must act on now.
        public var needsAction: Bool { self == .overdue || self == .needsDecision }

        public var label: String {
            switch self {
            case .done: "done"
            case .doneLate: "done late"
            case .waived: "waived"
            case .notCompleted: "not completed"
            case .overdue: "overdue"
            case .needsDecision: "not done: needs a decision"
            case .open: "open"
            }
        }
    }
}

extension CalendarDate {
    /// A day after anything a case records: what stands "once everything recorded is known".
    static let afterEverything = CalendarDate(year: 9999, month: 12, day: 31)!
}

extension OutcomeAgreement.Progress.Status {
    public var label: String {
        switch self {
        case .notStarted: "not started"
        case .inProgress: "in progress"
        case .done: "done"
        case .notDone: "not done"
        }
    }
}

extension OutcomeAgreement.Action {
    /// The latest progress entry: the one with the latest date (of entries
    /// on one day, the last in the file); when an entry has no date, the last
    /// in the file, as entries are written in order.
    public var latestProgress: OutcomeAgreement.Progress? {
        var latest: OutcomeAgreement.Progress?
        for entry in progress {
            guard let date = entry.date else { return progress.last }
            if let previous = latest?.date, date < previous { continue }
            latest = entry
        }
        return latest
    }

    /// The date it is due by now: a varied action's new due date when the
    /// decision gives one, else the agreed date.
    public var currentDue: CalendarDate? {
        if let decision, decision.kind == .varied, let due = decision.due { return due }
        return due
    }

    /// The action as it stood on `day`: progress entries and a decision dated
    /// after it are not yet known (undated ones are taken as known).
    public func asOf(_ day: CalendarDate) -> OutcomeAgreement.Action {
        var known = self
        known.progress = progress.filter { ($0.date ?? day) <= day }
        if let date = decision?.date, date > day { known.decision = nil }
        return known
    }

    /// Where the action stands on `today`, from what was recorded by then. An
    /// action is overdue from the day after its due date; one due today is
    /// not yet overdue.
    public func status(on today: CalendarDate) -> ActionStatus {
        asOf(today).standing(on: today)
    }

    private func standing(on today: CalendarDate) -> ActionStatus {
        let latest = latestProgress
        let due = currentDue
        var status = ActionStatus(standing: .open, latest: latest, due: due, daysOverdue: nil, doneOn: nil)
        switch decision?.kind {
        case .waived?:
            status.standing = .waived
            return status
        case .notCompleted?:
            status.standing = .notCompleted
            return status
        case .varied?, nil:
            break
        }
        if latest?.status == .done {
            status.doneOn = latest?.date
            if let due, let doneOn = latest?.date, doneOn > due {
                status.standing = .doneLate
            } else {
                status.standing = .done
            }
            return status
        }
        // After a variation, a not-done entry is a new failure only when dated after the decision.
        if latest?.status == .notDone {
            var decidedSince = false
            if let decided = decision?.date, let noted = latest?.date { decidedSince = decided >= noted }
            if !decidedSince {
                status.standing = .needsDecision
                return status
            }
        }
        if let due, due < today {
            status.standing = .overdue
            status.daysOverdue = today.daysSinceEpoch - due.daysSinceEpoch
        }
        return status
    }
}
