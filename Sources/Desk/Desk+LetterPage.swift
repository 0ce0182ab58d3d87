import Foundation
import Hummingbird
import LetterReview
import Templating

extension Desk {
    /// A letter: its text with every finding marked where it is, its versions
    /// and their changes, the co-sign state, the copy to hand over, the forms
    /// the reader may use, and its audit trail in sentences. The reading is audited.
    /// `read` is the reading when it was made with the session's check;
    /// otherwise the page makes it.
    func letterPage(_ id: Int64, session: DeskSession, reading read: Result<LetterReading, LetterError>? = nil, version: Int?,
                    notice: TemplateValue?, error: LetterError?) async throws -> Response {
        let reading: LetterReading
        do throws(LetterError) {
            if let read { reading = try read.get() } else { reading = try await queue.reading(id, by: session.actor, today: today) }
        } catch {
            return try page("message", status: Self.status(for: error), session: session, title: "Letter \(id)",
                            ["message": .string(error.description)])
        }
        let view = reading.view, names = reading.names
        let details = view.details
        let letter = details.letter
        let shown = details.version(version ?? letter.currentVersion) ?? details.current
        let isCurrent = shown.number == letter.currentVersion
        let findings = shown.decodedFindings
        let member = session.member
        let open = !letter.status.isFinal && view.discrepancies.isEmpty
        let cleared = !letter.sensitive || member.sensitiveComplex
        let preview = reading.handover
        let blocks = details.openBlocks
        var data = [String: TemplateValue](minimumCapacity: 24)
        data["letter"] = letterFacts(letter, versions: details.versions.count, names: names)
        data["integrity"] = .list(view.discrepancies.map { .string($0.description) })
        data["cosign"] = letter.sensitive ? .list(Self.cosign(details)) : .null
        data["version_links"] = .list(details.versions.map { item -> TemplateValue in
            ["number": .int(item.number), "current": .bool(item.number == shown.number), "verdict": .string(item.verdict.words)]
        })
        let verdict = findings == nil ? "block (its findings cannot be read)" : shown.verdict.words
        data["shown"] = ["number": .int(shown.number), "is_current": .bool(isCurrent), "verdict": .string(verdict)]
        // The version's text and findings, as HTML: made once for the letter, the version and its
        // redactions while the records match their trail; records that differ are shown as they are now.
        let redactions = details.redactions.filter { $0.version == shown.number }
        let textKey = "\(id) \(shown.number) \(shown.id.map(String.init) ?? "-") \(redactions.compactMap(\.id).map(String.init).joined(separator: ","))"
        let make = { () throws -> LetterText in
            LetterText(text: try pages.render("letter-text", ["text": .list(Self.segments(shown, findings: findings ?? [], redactions: redactions))]),
                       findings: try pages.render("letter-findings", ["findings": .list(Self.findingValues(findings ?? []))]))
        }
        let text = view.discrepancies.isEmpty ? try letterTexts.value(textKey, orMake: make) : try make()
        data["letter_text"] = .string(text.text)
        data["finding_list"] = .string(text.findings)
        data["changes"] = shown.number > 1
            ? .list(Self.changeValues(from: details.version(shown.number - 1)?.text ?? "", to: shown.text)) : .null
        data["reviews"] = .list(details.reviews.map { .string(Self.reviewSentence($0)) })
        data["redactions"] = .list(details.redactions.filter { $0.version == shown.number }.map { redaction -> TemplateValue in
            .string("\(redaction.span) by \(names[redaction.reviewer] ?? redaction.reviewer): \(redaction.reason)")
        })
        data["handover"] = preview.map { Self.handoverValue($0, released: letter.status == .released) } ?? .null
        let canAct = open && isCurrent && cleared
        let notReturned = letter.status != .returned
        var forms = [String: TemplateValue](minimumCapacity: 12)
        forms["show"] = .bool(canAct)
        forms["approve"] = .bool(canAct && notReturned && Permissions.allows(member, to: .approve))
        forms["cosign"] = .bool(canAct && notReturned && Permissions.allows(member, to: .superviseApproval))
        forms["act"] = .bool(canAct && Permissions.allows(member, to: .release))
        forms["blocks"] = .int(blocks?.count ?? 0)
        let releasable = preview?.obstacles.isEmpty ?? false
        forms["release"] = .bool(open && cleared && releasable && letter.status != .released && Permissions.allows(member, to: .release))
        forms["follow_up"] = .bool(letter.status == .released && letter.responseWish != nil && letter.followedUpAt == nil
                                   && Permissions.allows(member, to: .followUp))
        forms["methods"] = .list(ReleaseMethod.allCases.map { .string($0.rawValue) })
        forms["today"] = .string(today)
        data["forms"] = .map(forms)
        func sentences(_ entries: [AuditEntry]) -> TemplateValue {
            .list(entries.map { entry -> TemplateValue in
                // 2026-03-21T09:14:02.123Z reads 2026-03-21 09:14.
                ["at": .string(entry.at.prefix(10) + " " + entry.at.dropFirst(11).prefix(5)),
                 "sentence": .string(entry.sentence(names: names))]
            })
        }
        data["trail"] = sentences(reading.changes)
        data["latest_reads"] = sentences(reading.latestReads)
        data["has_reads"] = .bool(!reading.latestReads.isEmpty)
        data["notice"] = notice ?? .null
        data["error"] = error.map { .string($0.description) } ?? .null
        var status = HTTPResponse.Status.ok
        if let error { status = Self.status(for: error) }
        return try page("letter", status: status, session: session,
                        title: "Letter \(id) · \(letter.caseReference)", data)
    }

    func letterFacts(_ letter: StoredLetter, versions: Int, names: [String: String]) -> TemplateValue {
        var facts = [String: TemplateValue](minimumCapacity: 24)
        facts["id"] = .int(Int(letter.id!))
        facts["case"] = .string(letter.caseReference)
        facts["from"] = .string(letter.writer + (letter.writerName.map { " (\($0))" } ?? ""))
        facts["to"] = .string(letter.recipient)
        facts["status"] = .string(letter.isHeld(on: today) ? "held until \(letter.holdUntil!)" : Self.statusLabel(letter.status))
        facts["sensitive"] = .bool(letter.sensitive)
        facts["version"] = .int(letter.currentVersion)
        facts["versions"] = .int(versions)
        facts["consent"] = .string(letter.consent.map { "\($0.rawValue) on \(letter.consentDate ?? "?")" } ?? "not yet recorded")
        facts["wish"] = letter.responseWish.map { .string($0) } ?? .null
        let byWhom = letter.followedUpBy.map { names[$0] ?? $0 } ?? "?"
        facts["followed_up"] = letter.followedUpAt.map { .string("followed up \($0.prefix(10)) by \(byWhom)") } ?? .null
        return .map(facts)
    }

    static func cosign(_ details: LetterDetails) -> [TemplateValue] {
        ReviewCapacity.allCases.map { capacity -> TemplateValue in
            let given = details.approvals.first { $0.capacity == capacity }
            let label = capacity.label.prefix(1).uppercased() + capacity.label.dropFirst()
            return ["label": .string(label), "state": .string(given.map { "given by \($0.reviewerName)" } ?? "still needed")]
        }
    }

    static func findingValues(_ findings: [ScreeningFinding]) -> [TemplateValue] {
        findings.enumerated().map { index, finding -> TemplateValue in
            // A literal, so that the map is made at its full size at once.
            .map(["number": .int(index + 1), "severity": .string(finding.severity.rawValue),
                  "label": .string(severityLabel(finding.severity)), "category": .string(finding.categories.map(\.rawValue).joined(separator: ", ")),
                  "rule": .string(finding.rule), "where": .string("line \(finding.line), column \(finding.column)"),
                  "excerpt": .string(finding.excerpt), "explanation": .string(finding.explanation),
                  "reference": .string(finding.reference)])
        }
    }

    static func changeValues(from old: String, to new: String) -> [TemplateValue] {
        VersionChanges.lines(from: old, to: new).map { line -> TemplateValue in
            let (kind, sign, text): (String, String, String)
            switch line {
            case .same(let value): (kind, sign, text) = ("same", " ", value)
            case .removed(let value): (kind, sign, text) = ("removed", "−", value)
            case .added(let value): (kind, sign, text) = ("added", "+", value)
            }
            return ["kind": .string(kind), "sign": .string(sign), "text": .string(text)]
        }
    }

    static func reviewSentence(_ review: Review) -> String {
        let what = review.decision == .approve ? "Approved" : "Returned"
        var sentence = "\(what) version \(review.version) by \(review.reviewerName) as \(review.capacity.label)"
        if let note = review.note {
            sentence += review.decision == .approve ? ", with the written reason: \(note)" : ": \(note)"
        }
        return sentence
    }

    static func handoverValue(_ handover: Handover, released: Bool) -> TemplateValue {
        var value: [String: TemplateValue] = [:]
        value["text"] = .string(handover.text)
        value["ready"] = .bool(handover.obstacles.isEmpty && !released)
        value["released"] = .bool(released)
        value["obstacles"] = .list(handover.obstacles.map { .string($0.description) })
        return .map(value)
    }

    static func severityLabel(_ severity: Severity) -> String {
        switch severity {
        case .block: "■ Block"
        case .warn: "▲ Review"
        case .info: "● Note"
        }
    }

    /// The version's text cut where findings and redactions start and end, so
    /// that each can be marked where it is. Findings that overlap one already
    /// marked are listed, not marked twice.
    static func segments(_ version: LetterVersion, findings: [ScreeningFinding], redactions: [Redaction]) -> [TemplateValue] {
        let scalars = version.text.unicodeScalars
        let count = scalars.count
        struct Mark { var range: Range<Int>; var finding: (number: Int, severity: Severity)?; var reason: String? }
        var marks: [Mark] = []
        for redaction in redactions where redaction.start >= 0 && redaction.end <= count && redaction.start < redaction.end {
            marks.append(Mark(range: redaction.start..<redaction.end, finding: nil, reason: redaction.reason))
        }
        for (index, finding) in findings.enumerated() where finding.start >= 0 && finding.end <= count && finding.start < finding.end {
            let range = finding.start..<finding.end
            if marks.contains(where: { $0.range.overlaps(range) }) { continue }
            marks.append(Mark(range: range, finding: (index + 1, finding.severity), reason: nil))
        }
        marks.sort { $0.range.lowerBound < $1.range.lowerBound }
        // The text is walked once, forwards: each piece from where the last one ended.
        var cursor = scalars.startIndex, cursorOffset = 0
        func text(_ range: Range<Int>) -> String {
            let start = scalars.index(cursor, offsetBy: range.lowerBound - cursorOffset)
            let end = scalars.index(start, offsetBy: range.count)
            cursor = end
            cursorOffset = range.upperBound
            return String(scalars[start..<end])
        }
        var segments: [TemplateValue] = []
        var position = 0
        for mark in marks {
            if mark.range.lowerBound > position {
                segments.append(["text": .string(text(position..<mark.range.lowerBound)), "plain": true, "finding": false, "redacted": false])
            }
            if let finding = mark.finding {
                segments.append(["text": .string(text(mark.range)), "plain": false, "finding": true, "redacted": false,
                                 "number": .int(finding.number), "severity": .string(finding.severity.rawValue),
                                 "label": .string(severityLabel(finding.severity))])
            } else {
                segments.append(["text": .string(text(mark.range)), "plain": false, "finding": false, "redacted": true,
                                 "reason": .string(mark.reason ?? "")])
            }
            position = mark.range.upperBound
        }
        if position < count {
            segments.append(["text": .string(text(position..<count)), "plain": true, "finding": false, "redacted": false])
        }
        return segments
    }
}
