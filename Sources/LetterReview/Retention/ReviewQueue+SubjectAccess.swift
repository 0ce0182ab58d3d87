import CaseFiles

/// What the letter store holds about one participant, for their request to
/// see their data (UK GDPR Art. 15; BPG 2011 §G.5): the letters they wrote,
/// as they wrote each version; the letters to them that were released, as
/// handed over; each letter's steps without staff notes; and their
/// signatures and copies of the agreement. Nothing of a letter to them that
/// was not released, and no other participant's words.
public struct ParticipantRecords: Sendable {
    public var letters: [Letter]
    public var agreement: [AgreementStep]

    public struct Letter: Sendable {
        public var id: Int64
        /// Whether they wrote it (else it was written to them).
        public var wrote: Bool
        /// The other party, by their participant id in the case.
        public var otherParty: String
        public var status: LetterStatus
        public var receivedAt: String
        public var releasedAt: String?
        /// Their own letter: every version they sent. A letter to them: the text handed over.
        public var texts: [Text]
        /// What happened to it, in order, without who did it or their notes.
        public var steps: [Step]
    }

    public struct Text: Sendable {
        public var version: Int
        public var text: String
        public var at: String
    }

    public struct Step: Sendable {
        public var at: String
        public var what: String
    }

    /// A signature of theirs, or a copy given to them.
    public struct AgreementStep: Sendable {
        public var kind: AgreementRecordKind
        public var version: Int
        public var method: String?
        public var on: String
    }
}

extension ReviewQueue {
    /// Everything the store holds about `participant` of the case, for a
    /// subject access request, in the reader's office. Each letter read is
    /// on the audit trail as read for that purpose; a letter whose records
    /// were changed outside rj stops it, as it would stop a release.
    public func subjectAccess(case loaded: Case, participant: String, by actor: Actor) throws(LetterError) -> ParticipantRecords {
        try store.write { tx in
            let member = try Self.member(tx, actor, may: .read)
            if member.takesPart(in: loaded) {
                throw LetterError.participantCannotAct(staff: member.id, caseReference: loaded.reference)
            }
            let held = try tx.holdings(case: loaded.reference)
            var letters: [ParticipantRecords.Letter] = []
            for details in held.letters {
                let letter = details.letter
                let wrote = letter.writer == participant
                guard wrote || (letter.recipient == participant && letter.status == .released) else { continue }
                // A letter whose records differ from its trail is not given out: a redaction removed outside rj would show what was taken out.
                let discrepancies = try tx.discrepancies(details)
                guard discrepancies.isEmpty else { throw LetterError.recordsAltered(discrepancies) }
                let texts: [ParticipantRecords.Text] = wrote
                    ? details.versions.map { .init(version: $0.number, text: $0.text, at: $0.createdAt) }
                    : [.init(version: letter.currentVersion, text: details.handoverText, at: letter.releasedAt ?? letter.receivedAt)]
                let steps = try tx.changes(letter: details.id).compactMap { entry -> ParticipantRecords.Step? in
                    guard let what = Self.step(entry, wrote: wrote) else { return nil }
                    return .init(at: entry.at, what: what)
                }
                letters.append(.init(id: details.id, wrote: wrote, otherParty: wrote ? letter.recipient : letter.writer,
                                     status: letter.status, receivedAt: letter.receivedAt, releasedAt: letter.releasedAt,
                                     texts: texts, steps: steps))
                try tx.append(.view, by: actor, letter: details.id, office: letter.office,
                              detail: ["for": "subject access"], state: nil)
            }
            let agreement = held.agreementRecords.filter { $0.person == participant }.map {
                ParticipantRecords.AgreementStep(kind: $0.kind, version: $0.version, method: $0.method, on: $0.onDate)
            }
            return ParticipantRecords(letters: letters, agreement: agreement)
        }
    }

    /// A step of a letter as its writer or recipient may read it: what
    /// happened, never who did it or what staff wrote about it. The
    /// recipient reads only the steps that concern them: how the writer's
    /// letter was worked on is the writer's.
    static func step(_ entry: AuditEntry, wrote: Bool) -> String? {
        let d = entry.details
        let concernsRecipient: Set<AuditAction> = [.submit, .consent, .hold, .release]
        guard wrote || entry.kind.map(concernsRecipient.contains) == true else { return nil }
        switch entry.kind {
        case .submit: return "received by the service and checked"
        case .revise: return "a new version (\(d["version"] ?? "?")) received and checked"
        case .approve: return "approved by the service"
        case .return: return "returned to the writer with suggestions"
        case .redact: return "part of version \(d["version"] ?? "?") taken out before handover"
        case .reject: return "not passed on"
        case .withdraw: return "withdrawn at the writer's request"
        case .consent: return d["consent"] == "agreed" ? "the recipient agreed to receive it" : "the recipient decided not to receive it"
        case .hold: return (d["until"] ?? "").isEmpty ? "no longer held back" : "held back until \(d["until"]!)"
        case .release: return "handed over"
        case .followUp: return "the response or feedback the writer asked for was given"
        default: return nil
        }
    }
}
