import ArgumentParser
import CaseFiles
import Foundation
import LetterReview

extension RJ {
    /// `rj letters`: screen letters between participants, and the review queue.
    struct Letters: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Screen letters between participants for risk of further harm, and review them.",
            discussion: """
                Every command that reads or changes the store names who acts: --as STAFF-ID, \
                or RJ_AS. `rj staff` keeps the staff list.

                A letter goes: submit (screened) > show > approve, or redact, or return \
                for a revision > consent (the recipient agreed) > release. Nothing is \
                handed over sealed (BPG 2011 §3d.10-14).
                """,
            subcommands: [Screen.self, Submit.self, Queue.self, Show.self, Approve.self, Return.self, Revise.self,
                          Redact.self, Reject.self, Withdraw.self, Consent.self, Hold.self, Release.self, Log.self,
                          VerifyLog.self, Followups.self, FollowedUp.self]
        )
    }
}

/// What the letter commands share.
enum LetterFlags {
    static func screener(rules: String?) throws -> Screener {
        do {
            return try Screener.standard(serviceRules: rules)
        } catch {
            throw CommandFailure(lines: [error.description], exitCode: 2)
        }
    }
}
