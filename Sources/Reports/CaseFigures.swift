import CaseFiles
import Templating

/// What a report needs of one case, and nothing more: dates, categories and
/// counts, with no name, no reference and no free text but the referrer's
/// name (an organisation's, shown only when five or more referrals share it).
/// It is also what a case is reduced to when its retention period ends.
public struct CaseFigures: Codable, Sendable, Equatable {
    public var referred: String?
    public var source: String?
    public var context: String?
    public var firstContact: String?
    /// Every person harmed and person responsible consented.
    public var consented: Bool
    /// A person harmed or responsible declined, or the case closed as declined.
    public var declined: Bool
    /// The process, for a case where people consented.
    public var process: String?
    public var agreed: String?
    public var actions: [Action]
    public var closed: String?
    public var closure: String?
    public var feedback: [Response]

    public init(referred: String?, source: String?, context: String?, firstContact: String?, consented: Bool, declined: Bool,
                process: String?, agreed: String?, actions: [Action], closed: String?, closure: String?, feedback: [Response]) {
        self.referred = referred
        self.source = source
        self.context = context
        self.firstContact = firstContact
        self.consented = consented
        self.declined = declined
        self.process = process
        self.agreed = agreed
        self.actions = actions
        self.closed = closed
        self.closure = closure
        self.feedback = feedback
    }

    public struct Action: Codable, Sendable, Equatable {
        /// The date it was due by, a varied action's new date.
        public var due: String?
        /// An ``ActionStatus/Standing`` raw value, on the day the case closed (or the report's day).
        public var standing: String
    }

    /// One participant's feedback, without their comments.
    public struct Response: Codable, Sendable, Equatable {
        public var date: String?
        public var satisfaction: Int?
        public var wouldRecommend: Bool?
        public var feltSafe: Bool?
    }
}

extension CaseFigures {
    /// The figures of `case`, its actions as they stand on the day it closed, else on `today`.
    public init(_ case: Case, today: CalendarDate) {
        self.init(referred: nil, source: nil, context: nil, firstContact: nil, consented: false, declined: false, process: nil,
                  agreed: nil, actions: [], closed: nil, closure: nil, feedback: [])
        let people = `case`.participants.filter { $0.role == .harmed || $0.role == .responsible }
        referred = `case`.referral?.date?.description
        source = `case`.referral?.source
        context = `case`.referral?.context?.rawValue
        firstContact = `case`.referral?.firstContact?.description
        consented = !people.isEmpty && people.allSatisfy { $0.consent?.given == true }
        declined = people.contains { $0.consent?.given == false } || `case`.closure?.reason == .declined
        process = consented ? `case`.process.kind.rawValue : nil
        agreed = `case`.agreement?.date?.description
        let day = `case`.closure?.date ?? today
        actions = (`case`.agreement?.actions ?? []).map { action in
            let status = action.status(on: day)
            return Action(due: status.due?.description, standing: status.standing.rawValue)
        }
        closed = `case`.closure?.date?.description
        closure = `case`.closure?.reason?.rawValue
        feedback = `case`.participants.compactMap { participant in
            participant.feedback.map {
                Response(date: $0.date?.description, satisfaction: $0.satisfaction, wouldRecommend: $0.wouldRecommend,
                         feltSafe: $0.feltSafe)
            }
        }
    }
}
