@testable import LetterReview
import Testing

/// The release policy as a pure function of a letter's details.
struct ReleasePolicyTests {
    static let finding = ScreeningFinding(rule: "contact-phone", category: .contactDetails, severity: .block, start: 5, end: 10,
                                          line: 1, column: 6, excerpt: "07700", explanation: "", reference: "")

    enum Approvals: CaseIterable { case none, facilitator, supervisor, bothOnePerson, bothTwoPeople }
    enum Blocks: CaseIterable { case none, open, redacted, overridden, unreadable }

    static func details(status: LetterStatus = .approved, sensitive: Bool = false, approvals: Approvals = .facilitator,
                        consent: ConsentAnswer? = .agreed, hold: String? = nil, blocks: Blocks = .none) -> LetterDetails {
        let letter = StoredLetter(
            id: 1, caseReference: "C", writer: "w", writerName: nil, recipient: "r", sensitive: sensitive, responseWish: nil,
            status: status, currentVersion: 1, verdict: .noneFound, blockCount: 0, warnCount: 0, consent: consent,
            consentDate: consent == nil ? nil : "2026-03-01", holdUntil: hold, receivedAt: "t", recordedBy: "s",
            releasedAt: nil, releasedBy: nil, releaseMethod: nil, closingReason: nil, followedUpAt: nil, followedUpBy: nil,
            followUpNote: nil, office: "main")
        let findings = blocks == .unreadable ? "{broken" : (try! LetterVersion.encode(blocks == .none ? [] : [finding]))
        let version = LetterVersion(id: 1, letterId: 1, number: 1, text: "Ring 07700 900123", verdict: .noneFound,
                                    findings: findings, createdAt: "t")
        func review(_ who: String, _ capacity: ReviewCapacity) -> Review {
            Review(id: nil, letterId: 1, version: 1, reviewer: who, reviewerName: who, capacity: capacity, decision: .approve,
                   note: blocks == .overridden ? "the service's own number" : nil, createdAt: "t")
        }
        let reviews: [Review] = switch approvals {
        case .none: []
        case .facilitator: [review("a", .facilitator)]
        case .supervisor: [review("b", .supervisor)]
        case .bothOnePerson: [review("a", .facilitator), review("a", .supervisor)]
        case .bothTwoPeople: [review("a", .facilitator), review("b", .supervisor)]
        }
        let redactions = blocks == .redacted
            ? [Redaction(id: 1, letterId: 1, version: 1, start: 5, end: 17, span: "1:6-1:17", reason: "phone", reviewer: "a", createdAt: "t")]
            : []
        return LetterDetails(letter: letter, versions: [version], reviews: reviews, redactions: redactions, parties: [])
    }

    @Test func namedCases() {
        let today = "2026-03-21"
        let cases: [(LetterDetails, [ReleaseObstacle])] = [
            (Self.details(), []),
            (Self.details(status: .pending, approvals: .none), [.notApproved]),
            (Self.details(status: .returned, approvals: .none), [.returned]),
            (Self.details(status: .released), [.closed(.released)]),
            (Self.details(status: .withdrawn, consent: nil), [.closed(.withdrawn)]),
            (Self.details(consent: nil), [.consentNotRecorded]),
            (Self.details(consent: .declined), [.consentDeclined]),
            (Self.details(hold: "2026-03-22"), [.held(until: "2026-03-22")]),
            (Self.details(hold: today), []),
            (Self.details(blocks: .open), [.openBlocks(1)]),
            (Self.details(blocks: .redacted), []),
            (Self.details(blocks: .overridden), []),
            (Self.details(blocks: .unreadable), [.findingsUnreadable(version: 1)]),
            (Self.details(sensitive: true), [.needsApproval([.supervisor])]),
            (Self.details(status: .pending, sensitive: true, approvals: .none), [.needsApproval([.facilitator, .supervisor])]),
            (Self.details(sensitive: true, approvals: .bothOnePerson), [.sameApprover]),
            (Self.details(sensitive: true, approvals: .bothTwoPeople), []),
            (Self.details(status: .pending, sensitive: true, approvals: .none, consent: nil, hold: "2027-01-01", blocks: .open),
             [.needsApproval([.facilitator, .supervisor]), .consentNotRecorded, .held(until: "2027-01-01"), .openBlocks(1)]),
        ]
        for (details, expected) in cases {
            #expect(ReleasePolicy.obstacles(details, today: today) == expected)
        }
    }

    /// Over every combination: a letter may be released exactly when the
    /// guidance's conditions all hold, stated here a second way.
    @Test func everyCombination() {
        var releasable = 0, total = 0
        for status in LetterStatus.allCases {
            for sensitive in [false, true] {
                for approvals in Approvals.allCases {
                    for consent in [nil, ConsentAnswer.agreed, .declined] {
                        for hold in [nil, "2026-03-21", "2026-03-22"] {
                            for blocks in Blocks.allCases {
                                let details = Self.details(status: status, sensitive: sensitive, approvals: approvals,
                                                           consent: consent, hold: hold, blocks: blocks)
                                let approved = sensitive ? approvals == .bothTwoPeople : approvals != .none && status == .approved
                                let expected = (status == .approved || (sensitive && status == .pending)) && approved
                                    && consent == .agreed && hold != "2026-03-22"
                                    && [.none, .redacted, .overridden].contains(blocks)
                                let obstacles = ReleasePolicy.obstacles(details, today: "2026-03-21")
                                #expect(obstacles.isEmpty == expected, "\(status) \(sensitive) \(approvals) \(String(describing: consent)) \(String(describing: hold)) \(blocks): \(obstacles)")
                                total += 1
                                if obstacles.isEmpty { releasable += 1 }
                            }
                        }
                    }
                }
            }
        }
        #expect(total == 6 * 2 * 5 * 3 * 3 * 5)
        #expect(releasable == 36)
    }
}
