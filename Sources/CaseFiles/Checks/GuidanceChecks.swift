import Templating
import TextScan

/// The Best Practice Guidance, as checks on a case: every requirement of
/// REQUIREMENTS.md that data can show, one function each.
public enum GuidanceChecks {
    /// What the case's free text would pass to someone outside the service:
    /// contact details (errors) and protected names and places (warnings).
    /// Every document for a participant or for all parties is held back by
    /// its errors, drafts included.
    public static func disclosures(_ case: Case) -> [Finding] {
        var checks = Checker(case: `case`, today: nil)
        checks.disclosures()
        return checks.findings
    }

    /// Every finding for the case, in file order. With `today`, also what
    /// depends on the date: actions overdue with nothing decided, and a
    /// closure dated in the future.
    public static func run(_ case: Case, today: CalendarDate? = nil) -> [Finding] {
        var checks = Checker(case: `case`, today: today)
        checks.agreement()
        checks.risk()
        checks.consent()
        checks.youngPeople()
        checks.access()
        checks.process()
        checks.monitoring()
        checks.closure()
        checks.disclosures()
        return checks.findings.sorted {
            ($0.location.line, $0.location.column, $0.code) < ($1.location.line, $1.location.column, $1.code)
        }
    }

    /// Wording that does not say what will be done (DJ203 P1.2: specific, measurable).
    public static let vagueWording = [
        "try to", "try and", "attempt to", "behave better", "be good", "be better", "stay out of trouble",
        "keep out of trouble", "if possible", "where possible", "when possible", "as soon as possible", "make an effort",
        "think about", "consider", "do their best", "do his best", "do her best", "do my best", "improve", "sort out",
    ]

    /// Every check code with its guidance paragraph, for documentation.
    public static let catalogue: [(code: String, reference: String, summary: String)] = [
        ("RJ-AGR-001", "DJ203 P1.2", "each action says specifically what will be done"),
        ("RJ-AGR-002", "DJ203 P1.2", "each action has a responsible participant"),
        ("RJ-AGR-003", "DJ203 P1.2", "each action has a due date or schedule"),
        ("RJ-AGR-004", "BPG 2011 §3b.4", "each action has a monitor"),
        ("RJ-AGR-005", "BPG 2011 §3b.3", "a named recipient has agreed to receive the action"),
        ("RJ-AGR-006", "BPG 2011 §3b.5", "support is named where it is needed"),
        ("RJ-AGR-007", "BPG 2011 §3b.7", "the agreement says whether it is binding or voluntary"),
        ("RJ-AGR-008", "BPG 2011 §3b.8, §3b.11", "the agreement says what follows if an action is not done"),
        ("RJ-AGR-009", "BPG 2011 §3b.6", "money handed over is documented and witnessed"),
        ("RJ-AGR-010", "BPG 2011 §3b.9", "every signatory is a participant who consented"),
        ("RJ-AGR-011", "BPG 2011 §3b.2", "practical work has health and safety arrangements"),
        ("RJ-AGR-012", "BPG 2011 §3b.9", "the agreement has signatories"),
        ("RJ-AGR-013", "DJ203 P1.2", "a due date is not before the agreement was made"),
        ("RJ-RSK-001", "BPG 2011 §2a.3", "the case has a risk assessment"),
        ("RJ-RSK-002", "BPG 2011 §2a.3", "every §2a.3 factor is assessed"),
        ("RJ-RSK-003", "BPG 2011 §B", "a sensitive and complex case has a formal written assessment"),
        ("RJ-RSK-004", "BPG 2011 §B skills 3-4", "a sensitive and complex case has a facilitator with that competence"),
        ("RJ-RSK-005", "BPG 2011 §B; DJ202", "a sensitive and complex case has a co-worker or case supervisor"),
        ("RJ-RSK-006", "BPG 2011 §2a.10", "the decision is recorded"),
        ("RJ-RSK-007", "BPG 2011 §2a.7", "the assessment and each reassessment are dated"),
        ("RJ-RSK-008", "BPG 2011 §2a.10", "a direct process only where the decision allows direct communication"),
        ("RJ-CON-001", "BPG 2011 §G.3, §B.8", "each participant's consent to take part is recorded, with its date"),
        ("RJ-CON-002", "BPG 2011 §B.8", "consent was given before the meeting"),
        ("RJ-CON-003", "BPG 2011 §2c.10", "a participant under 18 has a parent or carer in the case, whose consent is recorded"),
        ("RJ-ACC-001", "BPG 2011 §2b.2", "a participant whose language rj has no documents in is offered an interpreter or translation (warning)"),
        ("RJ-PRC-001", "BPG 2011 §G.6", "the case has a lead facilitator"),
        ("RJ-ACT-001", "DJ203 P11, P15; BPG 2011 §3b.11", "an overdue or failed action has a recorded decision"),
        ("RJ-ACT-002", "DJ203 P15", "a varied action says what is to be done now, and by when"),
        ("RJ-ACT-003", "DJ203 P18", "a decision on an action is dated"),
        ("RJ-CLO-001", "DJ203 P15, P17", "a closed case has every action done or decided"),
        ("RJ-CLO-002", "DJ203 P17", "the closure reason matches what was done"),
        ("RJ-CLO-003", "DJ203 P17", "a closure date is not before the referral or the agreement, nor in the future"),
        ("RJ-CLO-004", "DJ203 P18; BPG 2011 §G.6", "a case not completed says why it closed"),
        ("RJ-FBK-001", "BPG 2011 §G.10", "a closed case records feedback from those who took part"),
        ("RJ-INF-001", "BPG 2011 §3d.4, §3d.10", "no contact detail in free text that goes to someone else (information shared, the agreement, process steps)"),
        ("RJ-INF-002", "BPG 2011 §B skills 5", "no protected name or place in free text that goes to someone else (warning)"),
    ]
}

private struct Checker {
    let `case`: Case
    let today: CalendarDate?
    var findings: [Finding] = []

    init(case: Case, today: CalendarDate?) {
        self.case = `case`
        self.today = today
    }

    mutating func add(_ code: String, _ severity: Finding.Severity, _ message: String, _ reference: String,
                      _ area: Finding.Area, at location: SourceLocation) {
        findings.append(Finding(code: code, severity: severity, message: message, reference: reference, area: area,
                                file: `case`.file, location: location))
    }

    func name(_ id: String?) -> String { id.flatMap { `case`.participant($0)?.id } ?? id ?? "" }

    // MARK: Outcome agreement (§3b; DJ203)

    mutating func agreement() {
        guard let agreement = `case`.agreement else { return }
        for (index, action) in agreement.actions.enumerated() {
            let label = "action \(index + 1)"
            let text = action.description.lowercased()
            if action.description.isEmpty {
                add("RJ-AGR-001", .error, "\(label) does not say what will be done", "DJ203 P1.2", .agreement, at: action.location)
            } else if let vague = GuidanceChecks.vagueWording.first(where: { Self.contains(text, phrase: $0) }) {
                add("RJ-AGR-001", .error,
                    "\(label) is vague (\"\(vague)\"): say exactly what will be done, so that anyone can tell when it is",
                    "DJ203 P1.2", .agreement, at: action.location)
            }
            if action.responsible == nil {
                add("RJ-AGR-002", .error, "\(label) has no responsible participant", "DJ203 P1.2", .agreement, at: action.location)
            }
            if action.due == nil && action.schedule == nil {
                add("RJ-AGR-003", .error, "\(label) has no due date or schedule", "DJ203 P1.2", .agreement, at: action.location)
            }
            if action.monitor == nil {
                add("RJ-AGR-004", .error, "\(label) has no monitor", "BPG 2011 §3b.4", .agreement, at: action.location)
            }
            if let recipient = action.recipient, `case`.participant(recipient) != nil, action.recipientAgreed != true {
                add("RJ-AGR-005", .error,
                    "\(label) is for \(recipient), whose agreement to receive it is not recorded; add recipient_agreed: true once they agree",
                    "BPG 2011 §3b.3", .agreement, at: action.location)
            }
            if action.needsSupport && action.support == nil {
                add("RJ-AGR-006", .error, "\(label) needs support but names no one to give it", "BPG 2011 §3b.5",
                    .agreement, at: action.location)
            }
            if action.practical && agreement.healthAndSafety == nil {
                add("RJ-AGR-011", .warning,
                    "\(label) is practical work, and the agreement says nothing of health and safety or insurance",
                    "BPG 2011 §3b.2", .agreement, at: action.location)
            }
            if let due = action.due, let made = agreement.date, due < made {
                add("RJ-AGR-013", .warning, "\(label) is due \(due), before the agreement was made (\(made))",
                    "DJ203 P1.2", .agreement, at: action.location)
            }
        }
        if agreement.binding == nil {
            add("RJ-AGR-007", .error, "the agreement does not say whether it is binding or voluntary; add binding: voluntary or binding: binding",
                "BPG 2011 §3b.7", .agreement, at: agreement.location)
        }
        if agreement.consequences == nil {
            add("RJ-AGR-008", .error, "the agreement does not say what happens if an action is not done",
                "BPG 2011 §3b.8, §3b.11", .agreement, at: agreement.location)
        }
        for (index, payment) in agreement.money.enumerated() {
            var missing: [String] = []
            if payment.method == nil { missing.append("how it is paid (method)") }
            if payment.witness == nil { missing.append("who witnesses it (witness)") }
            if payment.payer == nil { missing.append("who pays (payer)") }
            if !missing.isEmpty {
                add("RJ-AGR-009", .error, "payment \(index + 1) does not record \(missing.joined(separator: ", "))",
                    "BPG 2011 §3b.6", .agreement, at: payment.location)
            }
        }
        if agreement.signatories.isEmpty {
            add("RJ-AGR-012", .error, "the agreement has no signatories", "BPG 2011 §3b.9", .agreement, at: agreement.location)
        }
        for id in agreement.signatories {
            guard let participant = `case`.participant(id) else { continue }
            if participant.consent?.given != true {
                add("RJ-AGR-010", .error, "signatory \(id) has not consented to take part", "BPG 2011 §3b.9",
                    .agreement, at: participant.location)
            }
        }
    }

    // MARK: Risk assessment (§2a; §B)

    mutating func risk() {
        guard let risk = `case`.risk else {
            add("RJ-RSK-001", .error, "the case has no risk assessment", "BPG 2011 §2a.3", .risk, at: .unknown)
            return
        }
        let missing = RiskAssessment.Factor.allCases.filter { risk.factors[$0] == nil }
        if !missing.isEmpty {
            add("RJ-RSK-002", .error,
                "the risk assessment does not assess \(missing.map(\.rawValue).joined(separator: ", "))",
                "BPG 2011 §2a.3", .risk, at: risk.location)
        }
        if `case`.isSensitiveAndComplex {
            if !risk.formalWrittenAssessment {
                add("RJ-RSK-003", .error,
                    "the case is sensitive and complex, and has no formal written assessment; record it and add formal_assessment: true",
                    "BPG 2011 §B", .risk, at: risk.location)
            }
            if !`case`.facilitators.contains(where: \.sensitiveComplex) {
                add("RJ-RSK-004", .error,
                    "the case is sensitive and complex, and no facilitator has sensitive and complex competence",
                    "BPG 2011 §B skills 3-4", .risk, at: risk.location)
            }
            if !`case`.facilitators.contains(where: { $0.role == .coWorker || $0.role == .supervisor }) {
                add("RJ-RSK-005", .error,
                    "the case is sensitive and complex, and has no co-worker or case supervisor",
                    "BPG 2011 §B; DJ202", .risk, at: risk.location)
            }
        }
        if risk.decision == nil {
            add("RJ-RSK-006", .error, "the risk assessment records no decision; add decision: proceed-direct, proceed-indirect or do-not-proceed",
                "BPG 2011 §2a.10", .risk, at: risk.location)
        }
        if risk.date == nil {
            add("RJ-RSK-007", .error, "the risk assessment is not dated", "BPG 2011 §2a.7", .risk, at: risk.location)
        }
        for (index, reassessment) in risk.reassessments.enumerated() where reassessment.date == nil {
            add("RJ-RSK-007", .error, "reassessment \(index + 1) is not dated", "BPG 2011 §2a.7", .risk,
                at: reassessment.location)
        }
        let decision = risk.reassessments.last(where: { $0.decision != nil })?.decision ?? risk.decision
        if decision != .proceedDirect, decision != nil, `case`.process.kind.isDirect {
            add("RJ-RSK-008", .error,
                "the process is \(`case`.process.kind.rawValue), but the latest risk decision is \(decision!.rawValue)",
                "BPG 2011 §2a.10", .risk, at: risk.location)
        }
    }

    // MARK: Consent (§G.3, §B.8)

    mutating func consent() {
        for participant in `case`.participants where participant.role != .agency {
            guard let consent = participant.consent else {
                add("RJ-CON-001", .error, "\(participant.id) has no recorded consent to take part; add consent: { given: true, date: YYYY-MM-DD } once they agree",
                    "BPG 2011 §G.3, §B.8", .consent, at: participant.location)
                continue
            }
            guard consent.given else {
                add("RJ-CON-001", .error,
                    "\(participant.id) declined to take part (consent given: false): they cannot sign or be part of the agreement unless they change their mind",
                    "BPG 2011 §G.3, §B.8", .consent, at: participant.location)
                continue
            }
            guard let date = consent.date else {
                add("RJ-CON-001", .error, "\(participant.id)'s consent has no date", "BPG 2011 §G.3, §B.8",
                    .consent, at: participant.location)
                continue
            }
            if let meeting = `case`.process.meeting, meeting.date < date {
                add("RJ-CON-002", .error,
                    "\(participant.id) consented on \(date), after the meeting on \(meeting.date)",
                    "BPG 2011 §B.8", .consent, at: participant.location)
            }
        }
    }

    /// A young person takes part with a parent or carer, whose consent is
    /// recorded too (BPG 2011 §2c.10; 2004 §2c.15: involving parents).
    mutating func youngPeople() {
        for participant in `case`.participants where (participant.age ?? 18) < 18 && participant.role != .agency {
            let parents = `case`.parentsCarers(of: participant.id)
            if parents.isEmpty {
                add("RJ-CON-003", .error,
                    "\(participant.id) is \(participant.age!) and no parent or carer in the case is recorded as theirs: add a participant with role: parent-carer and parent_carer_of: \(participant.id)",
                    "BPG 2011 §2c.10", .consent, at: participant.location)
            } else if !parents.contains(where: { $0.consent?.given == true && $0.consent?.date != nil }) {
                add("RJ-CON-003", .error,
                    "\(participant.id) is \(participant.age!) and the consent of their parent or carer (\(parents.map(\.id).joined(separator: ", "))) is not recorded",
                    "BPG 2011 §2c.10", .consent, at: parents[0].location)
            }
        }
    }

    /// Information "in a form they can understand" and in their language
    /// (BPG 2011 §2b.2): what rj's documents cannot give, the facilitator must.
    mutating func access() {
        for participant in `case`.participants where participant.role != .agency {
            if !Languages.hasDocuments(in: participant.language) {
                let name = Languages.name(participant.language).map { "\($0) (\(participant.language))" } ?? participant.language
                add("RJ-ACC-001", .warning,
                    "\(participant.id) reads \(name), and rj's documents are in English: arrange an interpreter or a translation; their pack says one will be arranged",
                    "BPG 2011 §2b.2", .process, at: participant.location)
            }
        }
    }

    // MARK: Process

    mutating func process() {
        if !`case`.facilitators.contains(where: { $0.role == .lead }) {
            add("RJ-PRC-001", .error, "the case has no lead facilitator", "BPG 2011 §G.6", .process, at: .unknown)
        }
    }

    // MARK: What free text would disclose (BPG 2011 §3d.4, §3d.10; §B skills 5)

    /// The free text that goes into a document for someone other than the
    /// person it is about, with who would read it and where it is.
    var outgoingText: [(what: String, readers: String, text: String, at: SourceLocation)] {
        var texts: [(String, String, String, SourceLocation)] = []
        for (index, item) in `case`.information.enumerated() {
            let others = item.sharedWith.filter { $0 != .internal && $0 != item.about.map(Audience.participant) }
            guard !others.isEmpty else { continue }
            let readers = others.map { $0 == .allParties ? "every participant" : $0.description }.joined(separator: ", ")
            texts.append(("information item \(index + 1) (\(item.id))", readers, item.text, item.location))
        }
        if let agreement = `case`.agreement {
            let everyone = "everyone who reads the agreement"
            for (label, text) in [("the agreement's consequences", agreement.consequences),
                                  ("the agreement's health and safety", agreement.healthAndSafety)] {
                if let text { texts.append((label, everyone, text, agreement.location)) }
            }
            for (index, action) in agreement.actions.enumerated() {
                let label = "action \(index + 1)"
                var parts: [(String, String?)] = [("description", action.description), ("schedule", action.schedule),
                                                  ("monitor", action.monitor), ("support", action.support),
                                                  ("decision's terms", action.decision?.terms), ("decision's reason", action.decision?.reason)]
                parts += action.progress.map { ("progress note", $0.note) }
                for case let (part, text?) in parts {
                    texts.append(("\(label)'s \(part)", everyone, text, action.location))
                }
            }
            for (index, payment) in agreement.money.enumerated() {
                if let method = payment.method { texts.append(("payment \(index + 1)'s method", everyone, method, agreement.location)) }
            }
        }
        for (index, step) in `case`.process.steps.enumerated() where step.with.count > 1 {
            texts.append(("process step \(index + 1)", step.with.joined(separator: ", "), step.what, .unknown))
        }
        return texts
    }

    /// A contact detail in text for someone else is an error: no participant
    /// passes another's contact details through the service (§3d.4, §3d.10).
    /// A protected name or place is a warning, for the facilitator to judge.
    mutating func disclosures() {
        let protected = `case`.protectedNames + `case`.protectedPlaces
        for (what, readers, text, location) in outgoingText {
            var kinds: [String] = []
            for found in Disclosures.contactDetails(in: text) where !kinds.contains(found.kind) { kinds.append(found.kind) }
            if !kinds.isEmpty {
                add("RJ-INF-001", .error,
                    "\(what) holds \(kinds.joined(separator: " and ")), and would go to \(readers): take it out, or share it with the person it belongs to only",
                    "BPG 2011 §3d.4, §3d.10", .disclosure, at: location)
            }
            let mentioned = Disclosures.mentions(protected, in: text)
            if !mentioned.isEmpty {
                add("RJ-INF-002", .warning,
                    "\(what) names \(mentioned.count == 1 ? "a protected name or place" : "\(mentioned.count) protected names or places") (see protect:), and would go to \(readers): check that it should",
                    "BPG 2011 §B skills 5", .disclosure, at: location)
            }
        }
    }

    // MARK: Monitoring and closure (DJ203 P11-P18)

    /// Each action not done as agreed needs a decision: varied, waived or
    /// not completed (DJ203 P15), the agreement's consequences applied (§3b.11).
    mutating func monitoring() {
        guard let agreement = `case`.agreement else { return }
        let consequences = agreement.consequences.map { " The agreement says: \(Self.sentence($0))" } ?? ""
        for (index, action) in agreement.actions.enumerated() {
            let label = "action \(index + 1)"
            if let decision = action.decision {
                // A variation without a new date would stay overdue by the old one (a recurring action has none to be late by).
                if decision.kind == .varied && (decision.terms == nil || (decision.due == nil && action.schedule == nil)) {
                    let missing = [decision.terms == nil ? "what is to be done now (terms)" : nil,
                                   decision.due == nil && action.schedule == nil ? "by when (due)" : nil].compactMap { $0 }
                    add("RJ-ACT-002", .error,
                        "\(label) is varied, but the decision does not say \(missing.joined(separator: " or "))",
                        "DJ203 P15", .process, at: decision.location)
                }
                if decision.date == nil {
                    add("RJ-ACT-003", .warning, "the decision on \(label) is not dated; add date: YYYY-MM-DD",
                        "DJ203 P18", .process, at: decision.location)
                }
            }
            // A closed case reports unsettled actions under RJ-CLO-001 instead.
            guard `case`.closure == nil else { continue }
            // With no day given, everything recorded counts, and nothing is overdue (below).
            let status = action.status(on: today ?? .afterEverything)
            switch status.standing {
            case .needsDecision:
                add("RJ-ACT-001", .warning,
                    "\(label) is recorded as not done, and nothing is decided: record decision: with kind varied, waived or not-completed.\(consequences)",
                    "DJ203 P11, P15; BPG 2011 §3b.11", .process, at: action.location)
            case .overdue where today != nil:
                let days = status.daysOverdue ?? 0
                add("RJ-ACT-001", .warning,
                    "\(label) was due on \(status.due!) and is not recorded done (\(days) day\(days == 1 ? "" : "s") overdue): record its progress, or a decision (kind varied, waived or not-completed).\(consequences)",
                    "DJ203 P11, P15; BPG 2011 §3b.11", .process, at: action.location)
            default:
                break
            }
        }
    }

    mutating func closure() {
        guard let closure = `case`.closure else { return }
        let actions = `case`.agreement?.actions ?? []
        // Settled or not does not depend on the day once the case is closed: anything still open is unsettled.
        let statuses = actions.map { $0.status(on: closure.date ?? today ?? .afterEverything) }
        for (index, status) in statuses.enumerated() where !status.standing.isSettled {
            add("RJ-CLO-001", .error,
                "the case is closed, but action \(index + 1) is neither done nor decided (\(status.standing.label)): record it done, or a decision (kind varied, waived or not-completed)",
                "DJ203 P15, P17", .process, at: actions[index].location)
        }
        let done = statuses.filter { $0.standing == .done || $0.standing == .doneLate }.count
        if let reason = closure.reason {
            switch reason {
            case .completed where done < actions.count:
                add("RJ-CLO-002", .error,
                    "the closure reason is completed, but \(actions.count - done) of \(actions.count) actions \(actions.count - done == 1 ? "was" : "were") not done: use partly-completed or not-completed",
                    "DJ203 P17", .process, at: closure.location)
            case .completed, .partlyCompleted, .notCompleted:
                if `case`.agreement == nil {
                    add("RJ-CLO-002", .error,
                        "the closure reason is \(reason.rawValue), but the case has no agreement: use withdrawn, not-suitable or declined",
                        "DJ203 P17", .process, at: closure.location)
                } else if reason == .partlyCompleted && (done == 0 || done == actions.count) {
                    add("RJ-CLO-002", .error,
                        "the closure reason is partly-completed, but \(done == 0 ? "no action was" : "every action was") done: use \(done == 0 ? "not-completed" : "completed")",
                        "DJ203 P17", .process, at: closure.location)
                } else if reason == .notCompleted && done == actions.count && !actions.isEmpty {
                    add("RJ-CLO-002", .error, "the closure reason is not-completed, but every action was done: use completed",
                        "DJ203 P17", .process, at: closure.location)
                }
            case .withdrawn, .notSuitable, .declined:
                break
            }
            if reason != .completed && closure.note == nil {
                add("RJ-CLO-004", .warning,
                    "the case closed as \(reason.label) and the closure has no note: say why, for the record (it stays internal)",
                    "DJ203 P18; BPG 2011 §G.6", .process, at: closure.location)
            }
        }
        if let date = closure.date {
            if let referred = `case`.referral?.date, date < referred {
                add("RJ-CLO-003", .error, "the case closed on \(date), before it was referred (\(referred))",
                    "DJ203 P17", .process, at: closure.location)
            }
            if let made = `case`.agreement?.date, date < made {
                add("RJ-CLO-003", .error, "the case closed on \(date), before the agreement was made (\(made))",
                    "DJ203 P17", .process, at: closure.location)
            }
            if let today, today < date {
                add("RJ-CLO-003", .error, "the case is closed on \(date), which is after today (\(today))",
                    "DJ203 P17", .process, at: closure.location)
            }
        }
        let tookPart = `case`.participants.filter { $0.consent?.given == true && ($0.role == .harmed || $0.role == .responsible) }
        if !tookPart.isEmpty && !tookPart.contains(where: { $0.feedback != nil }) {
            add("RJ-FBK-001", .warning,
                "the case is closed and no feedback is recorded from \(tookPart.map(\.id).joined(separator: " or ")): ask them, and record feedback: under each",
                "BPG 2011 §G.10", .process, at: closure.location)
        }
    }

    /// Text as a sentence in a message: one line, ending with a full stop.
    static func sentence(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces)
        return line.hasSuffix(".") ? line : line + "."
    }

    static func contains(_ text: String, phrase: String) -> Bool {
        var searchStart = text.startIndex
        while let range = text.range(of: phrase, range: searchStart..<text.endIndex) {
            let before = range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
            let after = range.upperBound == text.endIndex ? nil : text[range.upperBound]
            if !(before?.isLetter ?? false) && !(after?.isLetter ?? false) { return true }
            searchStart = range.upperBound
        }
        return false
    }
}
