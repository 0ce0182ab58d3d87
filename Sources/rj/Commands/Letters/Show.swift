import ArgumentParser
import Foundation
import LetterReview

extension RJ.Letters {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a letter: its text with findings and redactions, its reviews, and the handover copy.",
            discussion: """
                Shows the current version unless --version names another. --changes-from N \
                shows what changed since version N; --handover shows the copy as it would be \
                handed over, redactions applied, and what still stands in the way of release.

                Examples:
                  rj letters show 3 --as kturner
                  rj letters show 3 --version 1 --as kturner
                  rj letters show 3 --changes-from 1 --as kturner
                  rj letters show 3 --handover --as kturner
                  rj letters show 3 --handover --out letter-3.html --as kturner
                """)
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The letter's number.") var id: Int64
        @Option(help: ArgumentHelp("Which version to show (default: the current one).", valueName: "n")) var version: Int?
        @Option(help: ArgumentHelp("Show the changes from this version to the one shown.", valueName: "n")) var changesFrom: Int?
        @Flag(help: "Show the handover copy as it would print, and what stands in the way of release.") var handover = false
        @Option(name: .shortAndLong, help: ArgumentHelp("With --handover: write the copy as a printable page (HTML) to this file.", valueName: "file"))
        var out: String?
        @Option(help: ArgumentHelp("text or json.", valueName: "format")) var format: OutputStyle = .text

        func validate() throws {
            if handover && (version != nil || changesFrom != nil) {
                throw ValidationError("--handover shows the current version as it will be handed over; leave out --version and --changes-from")
            }
            if out != nil && !handover { throw ValidationError("--out goes with --handover") }
        }

        func run() throws {
            try reportingFailures {
                let actor = try storeOptions.actor()
                let queue = try storeOptions.open()
                let view = try attempt { () throws(LetterError) in try queue.view(id, by: actor) }
                let details = view.details
                let shown = try pick(version ?? details.letter.currentVersion, in: details)
                let base = try changesFrom.map { try pick($0, in: details) }
                // A letter whose records differ from the trail is shown, but has no handover copy.
                let preview = view.discrepancies.isEmpty
                    ? try attempt { () throws(LetterError) in try queue.previewHandover(id, by: actor, today: Today.iso) }
                    : nil
                if format == .json {
                    Terminal.output(try JSON.encode(ShowJSON(view, shown: shown, preview: preview)) + "\n")
                    return
                }
                var output = ""
                for problem in view.discrepancies {
                    output += "warning: \(problem); it cannot be approved or released until this is resolved\n"
                }
                output += header(details)
                if handover, let preview, let out {
                    try AtomicFile.write(Data(preview.html(recipientName: nil, today: Today.iso).utf8), to: out)
                    output += "\nwrote the handover copy (version \(details.letter.currentVersion)) to \(out)\n"
                } else if handover, let preview {
                    output += "\nhandover copy (version \(details.letter.currentVersion), redactions applied):\n\n"
                    output += preview.text.hasSuffix("\n") ? preview.text : preview.text + "\n"
                    output += "\n" + (details.letter.status == .released
                        ? "released"
                        : preview.obstacles.isEmpty ? "ready to release" : "not ready to release: " + preview.obstacles.map(\.description).joined(separator: "; ")) + "\n"
                } else if let base {
                    output += "\nchanges from version \(base.number) to version \(shown.number):\n"
                    for line in VersionChanges.lines(from: base.text, to: shown.text) {
                        switch line {
                        case .same(let text): output += "  \(text)\n"
                        case .removed(let text): output += "- \(text)\n"
                        case .added(let text): output += "+ \(text)\n"
                        }
                    }
                } else {
                    output += "\n" + report(shown, details)
                }
                Terminal.output(output)
            }
        }

        func pick(_ number: Int, in details: LetterDetails) throws -> LetterVersion {
            guard let found = details.version(number) else {
                throw LetterAdvice.failure(for: .noSuchVersion(letter: id, version: number))
            }
            return found
        }

        func header(_ details: LetterDetails) -> String {
            let letter = details.letter
            var output = "letter \(id) · case \(letter.caseReference) · from \(letter.writer) to \(letter.recipient)\n"
            output += "status: \(letter.status.rawValue)\(letter.sensitive ? " (sensitive and complex)" : "")"
                + " · version \(letter.currentVersion) of \(details.versions.count)"
                + " · consent: \(letter.consent.map { "\($0.rawValue) \(letter.consentDate ?? "")" } ?? "not yet recorded")"
                + (letter.holdUntil.map { " · held until \($0)" } ?? "") + "\n"
            if let wish = letter.responseWish {
                output += "the writer would like: \(wish)"
                    + (letter.followedUpAt.map { " (followed up \($0.prefix(10)) by \(letter.followedUpBy ?? "?"))" } ?? "") + "\n"
            }
            for review in details.reviews {
                let what = review.decision == .approve ? "approved" : "returned"
                output += "  \(what) v\(review.version) by \(review.reviewerName) (\(review.reviewer)) as \(review.capacity.label)"
                    + (review.note.map { review.decision == .approve ? ", overriding block findings: \($0)" : ": \($0)" } ?? "") + "\n"
            }
            return output
        }

        /// The version with each finding under its line, then its redactions with the words they cover.
        func report(_ shown: LetterVersion, _ details: LetterDetails) -> String {
            var output: String
            if let findings = shown.decodedFindings {
                output = ScreeningReport.text(ScreeningResult.rebuilt(findings), letter: shown.text, name: "letter \(id) v\(shown.number)")
            } else {
                output = shown.text + "\nverdict: block (the stored findings cannot be read, so this version counts as blocked)\n"
            }
            let redactions = details.redactions.filter { $0.version == shown.number }
            if !redactions.isEmpty {
                output += "\nredacted from the handover copy:\n"
                let scalars = Array(shown.text.unicodeScalars)
                for redaction in redactions where redaction.start >= 0 && redaction.end <= scalars.count && redaction.start <= redaction.end {
                    var words = ""
                    words.unicodeScalars.append(contentsOf: scalars[redaction.start..<redaction.end])
                    output += "  \(redaction.span) “\(words)” by \(redaction.reviewer): \(redaction.reason)\n"
                }
            }
            return output
        }
    }
}

/// A letter as `rj letters show --format json` gives it.
struct ShowJSON: Encodable {
    struct Version: Encodable {
        var number: Int
        var text: String
        var verdict: String
        /// Null when the stored findings cannot be read (the version then counts as blocked).
        var findings: [ScreeningFinding]?
        var createdAt: String
    }

    var letter: StoredLetter
    var versions: [Version]
    var shownVersion: Int
    var reviews: [Review]
    var redactions: [Redaction]
    /// The copy as it would be handed over; null when the records differ from the audit trail.
    var handover: String?
    var releaseObstacles: [String]
    var integrityProblems: [String]

    init(_ view: LetterView, shown: LetterVersion, preview: Handover?) {
        letter = view.details.letter
        versions = view.details.versions.map {
            Version(number: $0.number, text: $0.text, verdict: $0.verdict.reported, findings: $0.decodedFindings, createdAt: $0.createdAt)
        }
        shownVersion = shown.number
        reviews = view.details.reviews
        redactions = view.details.redactions
        handover = preview?.text
        releaseObstacles = preview?.obstacles.map(\.description) ?? ["its records differ from the audit trail"]
        integrityProblems = view.discrepancies.map(\.description)
    }
}
