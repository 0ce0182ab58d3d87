import CaseFiles
import Foundation
import Templating
import TestSupport
import Testing

/// After the agreement: each action's status from its progress and any
/// decision, overdue at the day's boundary, and the checks on monitoring and closure.
struct AftercareTests {
    static func date(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }

    /// A small case: one action (given as YAML lines under `- `), and optionally a closure.
    static func parse(action: String, closure: String? = nil, feedback: Bool = true) throws -> Case {
        let indented = action.split(separator: "\n", omittingEmptySubsequences: false)
            .enumerated().map { $0.offset == 0 ? "    - \($0.element)" : "      \($0.element)" }.joined(separator: "\n")
        let yaml = """
            reference: T-1
            referral: { source: Police, date: 2026-01-05 }
            incident: { kind: Theft, date: 2026-01-02 }
            participants:
              - id: ann
                role: harmed
                name: Ann Lee
                consent: { given: true, date: 2026-01-10 }
            \(feedback ? "    feedback: { date: 2026-06-01, satisfaction: 4 }" : "")
              - id: bob
                role: responsible
                name: Bob Cole
                consent: { given: true, date: 2026-01-11 }
            facilitators: [{ name: Sam Field, role: lead }]
            process: { kind: face-to-face }
            agreement:
              date: 2026-02-01
              binding: voluntary
              consequences: Sam Field will talk with both of them.
              signatories: [ann, bob]
              actions:
            \(indented)
            \(closure.map { "closure: \($0)" } ?? "")
            """
        return try Case.parse(yaml, file: "case.yml")
    }

    /// The findings of the checks this file is about (the small case has no risk assessment).
    static func codes(_ case: Case, today: CalendarDate? = nil) -> [String] {
        findings(`case`, today: today).map(\.code)
    }

    static func findings(_ case: Case, today: CalendarDate? = nil) -> [Finding] {
        GuidanceChecks.run(`case`, today: today).filter { ["RJ-ACT", "RJ-CLO", "RJ-FBK"].contains(String($0.code.prefix(6))) }
    }

    static let base = "description: Pay back 50 pounds to Ann.\nresponsible: bob\ndue: 2026-03-10\nmonitor: Sam Field"

    @Test func anActionIsOverdueFromTheDayAfterItIsDue() throws {
        let action = try Self.parse(action: Self.base).agreement!.actions[0]
        #expect(action.status(on: Self.date("2026-03-09")).standing == .open)
        #expect(action.status(on: Self.date("2026-03-10")).standing == .open)
        let day = action.status(on: Self.date("2026-03-11"))
        #expect(day.standing == .overdue)
        #expect(day.daysOverdue == 1)
        // Across a month's and a year's end.
        #expect(action.status(on: Self.date("2026-04-01")).daysOverdue == 22)
        #expect(action.status(on: Self.date("2027-03-10")).daysOverdue == 365)
    }

    @Test func doneOnTheDueDateIsOnTimeAndADayLaterIsLate() throws {
        let onTime = try Self.parse(action: Self.base + "\nprogress: [{ date: 2026-03-10, status: done }]").agreement!.actions[0]
        #expect(onTime.status(on: Self.date("2026-06-01")).standing == .done)
        let late = try Self.parse(action: Self.base + "\nprogress: [{ date: 2026-03-11, status: done }]").agreement!.actions[0]
        #expect(late.status(on: Self.date("2026-06-01")).standing == .doneLate)
        #expect(late.status(on: Self.date("2026-06-01")).doneOn == Self.date("2026-03-11"))
    }

    @Test func theLatestProgressEntryCountsWhateverItsPlaceInTheFile() throws {
        let action = try Self.parse(action: Self.base + """

            progress:
              - { date: 2026-03-09, status: done }
              - { date: 2026-03-01, status: in-progress }
            """).agreement!.actions[0]
        #expect(action.latestProgress?.status == .done)
    }

    @Test func aVariedActionIsDueByItsNewDate() throws {
        let action = try Self.parse(action: Self.base + "\ndecision: { kind: varied, date: 2026-03-08, terms: Pay 25 pounds twice., due: 2026-04-10 }")
            .agreement!.actions[0]
        #expect(action.status(on: Self.date("2026-04-10")).standing == .open)
        #expect(action.status(on: Self.date("2026-04-11")).standing == .overdue)
    }

    @Test func waivedAndNotCompletedAreSettled() throws {
        for kind in ["waived", "not-completed"] {
            let action = try Self.parse(action: Self.base + "\ndecision: { kind: \(kind), date: 2026-03-20 }").agreement!.actions[0]
            let status = action.status(on: Self.date("2026-05-01"))
            #expect(status.standing.isSettled)
            #expect(status.standing.rawValue == kind)
        }
    }

    @Test func checksFlagAnOverdueActionWithNoDecisionOnlyOnceItIsOverdue() throws {
        let open = try Self.parse(action: Self.base)
        #expect(Self.codes(open, today: Self.date("2026-03-10")) == [])
        let findings = Self.findings(open, today: Self.date("2026-03-11"))
        #expect(findings.map(\.code) == ["RJ-ACT-001"])
        // It says what the agreement says follows, and why it is asked.
        #expect(findings[0].message.contains("Sam Field will talk with both of them."))
        #expect(findings[0].reference.contains("P15"))
        let failed = try Self.parse(action: Self.base + "\nprogress: [{ date: 2026-03-01, status: not-done }]")
        #expect(Self.codes(failed, today: Self.date("2026-03-02")) == ["RJ-ACT-001"])
        let decided = try Self.parse(action: Self.base + "\nprogress: [{ date: 2026-03-01, status: not-done }]\ndecision: { kind: waived, date: 2026-03-03 }")
        #expect(Self.codes(decided, today: Self.date("2026-06-01")) == [])
    }

    @Test func aVariedDecisionMustSayWhatNowAndBeDated() throws {
        let varied = try Self.parse(action: Self.base + "\ndecision: { kind: varied }")
        #expect(Set(Self.codes(varied)) == ["RJ-ACT-002", "RJ-ACT-003"])
        // New terms without a new date would leave it overdue by the old one.
        let termsOnly = try Self.parse(action: Self.base + "\ndecision: { kind: varied, date: 2026-03-12, terms: Paint it in May. }")
        let findings = Self.findings(termsOnly, today: Self.date("2026-03-12"))
        #expect(findings.map(\.code) == ["RJ-ACT-001", "RJ-ACT-002"])
        #expect(findings[1].message == "action 1 is varied, but the decision does not say by when (due)")
        let both = try Self.parse(action: Self.base + "\ndecision: { kind: varied, date: 2026-03-12, terms: Paint it in May., due: 2026-05-31 }")
        #expect(Self.codes(both, today: Self.date("2026-04-01")) == [])
    }

    static let done = "\nprogress: [{ date: 2026-03-01, status: done }]"

    @Test func aClosedCaseHasEveryActionSettled() throws {
        let open = try Self.parse(action: Self.base, closure: "{ date: 2026-04-01, reason: not-completed, note: Bob moved away. }")
        let codes = Self.codes(open, today: Self.date("2026-05-01"))
        #expect(codes.contains("RJ-CLO-001"))
        // No overdue warning as well: a closed case says it once.
        #expect(!codes.contains("RJ-ACT-001"))
        let settled = try Self.parse(action: Self.base + Self.done, closure: "{ date: 2026-04-01, reason: completed }")
        #expect(Self.codes(settled, today: Self.date("2026-05-01")) == [])
    }

    @Test(arguments: [
        ("completed", "\ndecision: { kind: waived, date: 2026-03-20 }", "RJ-CLO-002"),
        ("partly-completed", AftercareTests.done, "RJ-CLO-002"),
        ("not-completed", AftercareTests.done, "RJ-CLO-002"),
    ])
    func theClosureReasonMatchesWhatWasDone(reason: String, action: String, code: String) throws {
        let closed = try Self.parse(action: Self.base + action, closure: "{ date: 2026-04-01, reason: \(reason), note: Why. }")
        #expect(Self.codes(closed, today: Self.date("2026-05-01")).contains(code))
    }

    @Test func aClosureIsNotBeforeTheAgreementNorAfterToday() throws {
        let early = try Self.parse(action: Self.base + Self.done, closure: "{ date: 2026-01-20, reason: completed }")
        #expect(Self.codes(early, today: Self.date("2026-05-01")).contains("RJ-CLO-003"))
        let future = try Self.parse(action: Self.base + Self.done, closure: "{ date: 2026-06-01, reason: completed }")
        #expect(Self.codes(future, today: Self.date("2026-05-01")) == ["RJ-CLO-003"])
        #expect(Self.codes(future, today: Self.date("2026-06-01")) == [])
    }

    @Test func aCaseNotCompletedSaysWhyAndAClosedCaseAsksForFeedback() throws {
        let noNote = try Self.parse(action: Self.base + "\ndecision: { kind: not-completed, date: 2026-03-20 }",
                                    closure: "{ date: 2026-04-01, reason: not-completed }")
        #expect(Self.codes(noNote) == ["RJ-CLO-004"])
        let noFeedback = try Self.parse(action: Self.base + Self.done, closure: "{ date: 2026-04-01, reason: completed }",
                                        feedback: false)
        #expect(Self.codes(noFeedback) == ["RJ-FBK-001"])
    }

    @Test func badDecisionsAndClosuresAreReportedWhereTheyAre() throws {
        #expect(throws: CaseFileErrors.self) { try Self.parse(action: Self.base + "\ndecision: { kind: dropped }") }
        do {
            _ = try Self.parse(action: Self.base, closure: "{ date: 2026-04-01, reason: finished }")
            Issue.record("a closure reason outside the list loaded")
        } catch let error as CaseFileErrors {
            let message = error.errors.map(\.description).joined()
            #expect(message.contains("'reason' in the closure is 'finished'"))
            #expect(message.contains("completed, partly-completed"))
        }
    }

    @Test func theActionListPutsWhatToChaseFirstSoonestFirst() throws {
        let overdue = try Self.parse(action: Self.base)
        var later = try Self.parse(action: Self.base.replacingOccurrences(of: "2026-03-10", with: "2026-03-20"))
        later.reference = "T-2"
        var done = try Self.parse(action: Self.base + Self.done)
        done.reference = "T-3"
        let items = ActionList.items([done, later, overdue], today: Self.date("2026-03-14"))
        #expect(items.map(\.caseReference) == ["T-1", "T-2", "T-3"])
        #expect(items.map(\.group) == [.chaseNow, .thisWeek, .settled])
        // Seven days ahead is no longer this week.
        #expect(ActionList.items([later], today: Self.date("2026-03-13")).map(\.group) == [.later])
    }
}

/// Young people take part with a parent or carer (BPG 2011 §2c.10).
struct YoungPeopleTests {
    static let youth = try! Case.load(path: Checkout.path("Examples/cases/criminal-damage-youth.yml").path)

    @Test func aYoungPersonNeedsTheirParentOrCarerWithConsent() throws {
        #expect(!GuidanceChecks.run(Self.youth).contains { $0.code == "RJ-CON-003" })
        var unlinked = Self.youth
        unlinked.participants[1].parentCarerOf = nil
        let missing = GuidanceChecks.run(unlinked).filter { $0.code == "RJ-CON-003" }
        #expect(missing.map(\.message) == ["kai is 15 and no parent or carer in the case is recorded as theirs: add a participant with role: parent-carer and parent_carer_of: kai"])
        var declined = Self.youth
        declined.participants[1].consent = Consent(given: false, date: nil)
        #expect(GuidanceChecks.run(declined).filter { $0.code == "RJ-CON-003" }.map(\.message)
                == ["kai is 15 and the consent of their parent or carer (lisa) is not recorded"])
        // Declined is said as declined, not as missing.
        #expect(GuidanceChecks.run(declined).contains { $0.message.hasPrefix("lisa declined to take part (consent given: false)") })
    }

    @Test func parentCarerOfNamesAParticipant() throws {
        let text = try String(contentsOf: Checkout.path("Examples/cases/criminal-damage-youth.yml"), encoding: .utf8)
        #expect {
            try Case.parse(text.replacingOccurrences(of: "parent_carer_of: kai", with: "parent_carer_of: kia"), file: "y.yml")
        } throws: { error in
            "\(error)".contains("'parent_carer_of' in participant 2 is 'kia', but no participant has that id (did you mean 'kai'?)")
        }
    }
}

/// What was known on a day: progress and decisions recorded later are not.
struct AsOfTests {
    @Test func anActionStandsAsRecordedByTheDayAsked() throws {
        let burglary = try Case.load(path: Checkout.path("Examples/cases/burglary-adult.yml").path)
        let treatment = burglary.agreement!.actions[2]
        // On 1 May: in progress, not yet varied, due 29 May.
        let may = treatment.status(on: CalendarDate(iso: "2026-05-01")!)
        #expect(may.standing == .open && may.due == CalendarDate(iso: "2026-05-29") && may.latest == nil)
        // On 1 June: varied on 20 May to 26 June, so not overdue.
        let june = treatment.status(on: CalendarDate(iso: "2026-06-01")!)
        #expect(june.standing == .open && june.due == CalendarDate(iso: "2026-06-26"))
        // On 1 July: done on 24 June.
        #expect(treatment.status(on: CalendarDate(iso: "2026-07-01")!).standing == .done)
        // Before the agreement was made, there is nothing to chase.
        #expect(ActionList.items([burglary], today: CalendarDate(iso: "2026-01-01")!).isEmpty)
    }

    @Test func theServiceFileIsNamedForWhatItIs() throws {
        let text = try String(contentsOf: Checkout.path("Examples/cases/service.yml"), encoding: .utf8)
        #expect { try Case.parse(text, file: "service.yml") } throws: { error in
            "\(error)" == "service.yml:1:1: error: this is the service file (name, retention, complaints), not a case file; name a case file, such as one with reference: and participants:"
        }
    }
}
