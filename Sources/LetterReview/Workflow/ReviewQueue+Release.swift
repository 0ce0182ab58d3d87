/// What is handed over: the approved text with redactions applied, never
/// sealed, and who checked it.
public struct Handover: Sendable {
    public var letter: StoredLetter
    public var text: String
    /// The approvals of the version handed over, with each reviewer's name and capacity at the time.
    public var approvals: [Review]
    /// Who released it, as the staff list named them then; nil in a preview.
    public var releasedBy: StaffMember?
    /// Why it cannot be released yet; empty once released, or when it could be.
    public var obstacles: [ReleaseObstacle]
}

extension ReviewQueue {
    /// Releases the letter for handover when ``ReleasePolicy`` finds nothing
    /// in the way, and returns the copy to hand over (redactions applied).
    public func release(_ id: Int64, by actor: Actor, method: ReleaseMethod, today: String) throws(LetterError) -> Handover {
        try store.write { tx in
            try Self.checkDate(today)
            let member = try Self.member(tx, actor, may: .release)
            let details = try Self.letter(tx, id, for: member)
            let obstacles = ReleasePolicy.obstacles(details, today: today)
            guard obstacles.isEmpty else {
                if case .closed(let status) = obstacles.first { throw LetterError.closed(letter: id, status: status) }
                throw LetterError.notReleasable(letter: id, obstacles)
            }
            var letter = details.letter
            letter.status = .released
            letter.releasedAt = Clock.now()
            letter.releasedBy = member.id
            letter.releaseMethod = method
            try tx.update(letter)
            let text = details.handoverText
            try Self.record(tx, .release, by: actor, letter: id, detail: [
                "version": String(letter.currentVersion), "method": method.rawValue, "sealed": "false",
                "copy-sha256": Digest.sha256(text),
            ])
            return Handover(letter: letter, text: text, approvals: details.approvals, releasedBy: member, obstacles: [])
        }
    }

    /// The copy as it would be handed over today, and what still stands in the way; changes nothing.
    public func previewHandover(_ id: Int64, by actor: Actor, today: String) throws(LetterError) -> Handover {
        try store.read { tx in
            let member = try Self.member(tx, actor, may: .read)
            let details = try Self.letter(tx, id, for: member, changing: false)
            return Self.preview(details, releasedBy: try details.letter.releasedBy.flatMap { try tx.staffMember($0) }, today: today)
        }
    }

    /// The copy of `details` as it would be handed over today, with what stands in the way.
    static func preview(_ details: LetterDetails, releasedBy releaser: StaffMember?, today: String) -> Handover {
        let obstacles = details.letter.status == .released ? [] : ReleasePolicy.obstacles(details, today: today)
        return Handover(letter: details.letter, text: details.handoverText, approvals: details.approvals,
                        releasedBy: releaser, obstacles: obstacles)
    }

    /// Marks done the response or feedback the writer asked for (§3d.11-12).
    public func markFollowedUp(_ id: Int64, by actor: Actor, note: String?) throws(LetterError) {
        try store.write { tx in
            let member = try Self.member(tx, actor, may: .followUp)
            var letter = try Self.letter(tx, id, for: member).letter
            guard letter.responseWish != nil else { throw LetterError.followUpNotWanted(id) }
            guard letter.status == .released else { throw LetterError.followUpNotReleased(id) }
            guard letter.followedUpAt == nil else { throw LetterError.alreadyFollowedUp(id) }
            letter.followedUpAt = Clock.now()
            letter.followedUpBy = member.id
            letter.followUpNote = Self.trimmed(note)
            try tx.update(letter)
            try Self.record(tx, .followUp, by: actor, letter: id, detail: ["note": letter.followUpNote ?? ""])
        }
    }
}
