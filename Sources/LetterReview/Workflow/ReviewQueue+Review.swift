extension ReviewQueue {
    /// Approves the current version in `capacity` (by default, facilitator for
    /// those who hold that role, else case supervisor). A letter with block
    /// findings needs them redacted or a written `override` reason; nobody
    /// approves a version twice; a sensitive and complex letter needs a
    /// facilitator's and a case supervisor's approval, by two people cleared
    /// for such work (BPG 2011 §B).
    /// - Returns: whether the letter is now fully approved.
    @discardableResult
    public func approve(_ id: Int64, by actor: Actor, as capacity: ReviewCapacity? = nil,
                        override: String? = nil) throws(LetterError) -> Bool {
        try store.write { tx in
            let roles = try tx.staffMember(actor.staffId)?.roleSet ?? []
            let capacity = capacity ?? (roles.contains(.supervisor) && !roles.contains(.facilitator) ? .supervisor : .facilitator)
            let member = try Self.member(tx, actor, may: capacity == .supervisor ? .superviseApproval : .approve)
            let details = try Self.openLetter(tx, id, for: member)
            var letter = details.letter
            guard letter.status != .returned else { throw LetterError.returnedToWriter(id) }
            if details.approvals.contains(where: { $0.reviewer == member.id }) {
                throw LetterError.alreadyApproved(staff: member.id, letter: id, version: letter.currentVersion)
            }
            if letter.sensitive && !member.sensitiveComplex { throw LetterError.notCleared(staff: member.id, letter: id) }
            guard let blocks = details.openBlocks else {
                throw LetterError.findingsUnreadable(letter: id, version: letter.currentVersion)
            }
            let reason = Self.trimmed(override)
            if !blocks.isEmpty && reason == nil { throw LetterError.blockFindings(letter: id, blocks) }
            var review = Review(id: nil, letterId: id, version: letter.currentVersion, reviewer: member.id,
                                reviewerName: member.name, capacity: capacity, decision: .approve,
                                note: blocks.isEmpty ? nil : reason, createdAt: Clock.now())
            try tx.insert(&review)
            let approvals = details.approvals + [review]
            let complete = !letter.sensitive || ReviewCapacity.allCases.allSatisfy { capacity in
                approvals.contains { $0.capacity == capacity }
            }
            if complete { letter.status = .approved }
            try tx.update(letter)
            var detail = ["version": String(letter.currentVersion), "as": capacity.rawValue, "complete": String(complete)]
            if let note = review.note { detail["override"] = note }
            try Self.record(tx, .approve, by: actor, letter: id, detail: detail)
            return complete
        }
    }

    /// Sends the letter back to the writer with what to change and why.
    public func returnToWriter(_ id: Int64, by actor: Actor, feedback: String) throws(LetterError) {
        try store.write { tx in
            let feedback = try Self.required(feedback, "feedback for the writer")
            let member = try Self.member(tx, actor, may: .returnToWriter)
            var letter = try Self.openLetter(tx, id, for: member).letter
            guard letter.status != .returned else { throw LetterError.returnedToWriter(id) }
            var review = Review(id: nil, letterId: id, version: letter.currentVersion, reviewer: member.id,
                                reviewerName: member.name, capacity: member.has(.facilitator) ? .facilitator : .supervisor,
                                decision: .return, note: feedback, createdAt: Clock.now())
            try tx.insert(&review)
            letter.status = .returned
            try tx.update(letter)
            try Self.record(tx, .return, by: actor, letter: id,
                            detail: ["version": String(letter.currentVersion), "feedback": feedback])
        }
    }

    /// Leaves part of the current version out of the copy handed over. The
    /// original is kept; approvals of the version start again.
    /// - Returns: the span redacted, as `L:C-L:C`.
    @discardableResult
    public func redact(_ id: Int64, _ target: RedactionTarget, by actor: Actor, reason: String) throws(LetterError) -> TextSpan {
        try store.write { tx in
            let reason = try Self.required(reason, "a reason for the redaction")
            let member = try Self.member(tx, actor, may: .redact)
            let details = try Self.openLetter(tx, id, for: member)
            var letter = details.letter
            let (range, span) = try target.locate(in: details.current.text, letter: id, version: letter.currentVersion)
            if details.currentRedactions.contains(where: { $0.start < range.upperBound && range.lowerBound < $0.end }) {
                throw LetterError.overlapsRedaction(letter: id, span: span.description)
            }
            var redaction = Redaction(id: nil, letterId: id, version: letter.currentVersion, start: range.lowerBound,
                                      end: range.upperBound, span: span.description, reason: reason,
                                      reviewer: member.id, createdAt: Clock.now())
            try tx.insert(&redaction)
            try tx.withdrawApprovals(letter: id, version: letter.currentVersion)
            if letter.status == .approved { letter.status = .pending }
            try tx.update(letter)
            try Self.record(tx, .redact, by: actor, letter: id,
                            detail: ["version": String(letter.currentVersion), "span": span.description, "reason": reason])
            return span
        }
    }

    /// Rejects the letter: it will not be handed over.
    public func reject(_ id: Int64, by actor: Actor, reason: String) throws(LetterError) {
        guard let reason = Self.trimmed(reason) else { throw .missing("a reason") }
        try close(id, to: .rejected, action: .reject, may: .reject, by: actor, reason: reason)
    }

    /// Withdraws the letter at its writer's request.
    public func withdraw(_ id: Int64, by actor: Actor, reason: String?) throws(LetterError) {
        try close(id, to: .withdrawn, action: .withdraw, may: .withdraw, by: actor, reason: Self.trimmed(reason))
    }

    private func close(_ id: Int64, to status: LetterStatus, action: AuditAction, may permission: LetterAction,
                       by actor: Actor, reason: String?) throws(LetterError) {
        try store.write { tx in
            let member = try Self.member(tx, actor, may: permission)
            var letter = try Self.openLetter(tx, id, for: member).letter
            letter.status = status
            letter.closingReason = reason
            try tx.update(letter)
            try Self.record(tx, action, by: actor, letter: id, detail: ["reason": reason ?? ""])
        }
    }

    /// Records whether the recipient agreed to receive the letter, and when
    /// they said so (§3d.13): on `today` (YYYY-MM-DD) or before.
    public func recordConsent(_ id: Int64, _ answer: ConsentAnswer, on date: String, today: String,
                              by actor: Actor) throws(LetterError) {
        try store.write { tx in
            let member = try Self.member(tx, actor, may: .recordConsent)
            try Self.checkDate(date)
            try Self.checkDate(today)
            guard date <= today else { throw LetterError.futureDate(date) }
            var letter = try Self.openLetter(tx, id, for: member).letter
            letter.consent = answer
            letter.consentDate = date
            try tx.update(letter)
            try Self.record(tx, .consent, by: actor, letter: id,
                            detail: ["recipient": letter.recipient, "consent": answer.rawValue, "date": date])
        }
    }

    /// Holds the letter back until a date after `today` (a trial, an
    /// anniversary, a review), or lifts the hold when `date` is nil.
    public func hold(_ id: Int64, until date: String?, today: String, by actor: Actor) throws(LetterError) {
        try store.write { tx in
            let member = try Self.member(tx, actor, may: .hold)
            try Self.checkDate(today)
            if let date {
                try Self.checkDate(date)
                guard date > today else { throw LetterError.pastDate(date) }
            }
            var letter = try Self.openLetter(tx, id, for: member).letter
            letter.holdUntil = date
            try tx.update(letter)
            try Self.record(tx, .hold, by: actor, letter: id, detail: ["until": date ?? ""])
        }
    }
}
