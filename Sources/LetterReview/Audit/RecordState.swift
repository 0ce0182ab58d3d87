/// The state of a record, as digests of its parts: what an audit entry holds,
/// so that a later change made outside rj is found and named ("status and
/// consent differ"), not just noticed.
public struct RecordState: Sendable, Equatable {
    /// Part names (as a reviewer would say them) and the SHA-256 of each.
    public private(set) var parts: [String: String]

    init(parts: [String: String]) { self.parts = parts }

    /// A letter and everything recorded about it.
    init(_ details: LetterDetails) {
        let letter = details.letter
        func digest(_ build: (inout Canonical) -> Void) -> String {
            var text = Canonical()
            build(&text)
            return Digest.sha256(text.value)
        }
        parts = [
            "letter": digest {
                $0.add(letter.id); $0.add(letter.caseReference); $0.add(letter.writer); $0.add(letter.writerName)
                $0.add(letter.recipient); $0.add(letter.sensitive); $0.add(letter.responseWish)
                $0.add(letter.receivedAt); $0.add(letter.recordedBy)
            },
            "status": digest {
                $0.add(letter.status); $0.add(letter.currentVersion); $0.add(letter.closingReason)
            },
            "text": digest {
                for version in details.versions {
                    $0.add(version.id); $0.add(version.number); $0.add(version.text); $0.add(version.createdAt)
                }
            },
            "findings": digest {
                $0.add(letter.verdict); $0.add(letter.blockCount); $0.add(letter.warnCount)
                for version in details.versions { $0.add(version.number); $0.add(version.verdict); $0.add(version.findings) }
            },
            "reviews": digest {
                for review in details.reviews {
                    $0.add(review.id); $0.add(review.version); $0.add(review.reviewer); $0.add(review.reviewerName)
                    $0.add(review.capacity); $0.add(review.decision); $0.add(review.note); $0.add(review.createdAt)
                }
            },
            "redactions": digest {
                for redaction in details.redactions {
                    $0.add(redaction.id); $0.add(redaction.version); $0.add(redaction.start); $0.add(redaction.end)
                    $0.add(redaction.span); $0.add(redaction.reason); $0.add(redaction.reviewer); $0.add(redaction.createdAt)
                }
            },
            "consent": digest { $0.add(letter.consent); $0.add(letter.consentDate) },
            "hold": digest { $0.add(letter.holdUntil) },
            "release": digest {
                $0.add(letter.releasedAt); $0.add(letter.releasedBy); $0.add(letter.releaseMethod)
            },
            "follow-up": digest { $0.add(letter.followedUpAt); $0.add(letter.followedUpBy); $0.add(letter.followUpNote) },
            "participants": digest {
                for party in details.parties { $0.add(party.participant); $0.add(party.name) }
            },
        ]
        // Only outside the main office, so that records sealed before offices still match.
        if letter.office != StaffMember.mainOffice { parts["office"] = Digest.sha256(letter.office) }
    }

    /// A member of staff.
    init(_ member: StaffMember) {
        func digest(_ fields: String?...) -> String {
            var text = Canonical()
            for field in fields { text.add(field) }
            return Digest.sha256(text.value)
        }
        parts = [
            "name": digest(member.id, member.name, member.createdAt),
            "roles": digest(member.roles),
            "sensitive-complex clearance": digest(member.sensitiveComplex ? "1" : "0"),
            "disabled": digest(member.disabled ? "1" : "0"),
        ]
        // Only once a password is set, so that records sealed before passwords existed still match.
        if let hash = member.passwordHash { parts["password"] = digest(hash) }
        if member.office != StaffMember.mainOffice { parts["office"] = digest(member.office) }
        if let secret = member.oneTimeSecret { parts["one-time code"] = digest(secret) }
    }

    /// A signature, seal or copy of an outcome agreement, with the text it concerns.
    init(_ record: AgreementRecord, _ version: AgreementVersion?) {
        func digest(_ fields: String?...) -> String {
            var text = Canonical()
            for field in fields { text.add(field) }
            return Digest.sha256(text.value)
        }
        parts = [
            "record": digest(record.id.map(String.init), record.office, record.caseReference, record.kind.rawValue,
                             String(record.version), record.textHash, record.recordedAt),
            "who": digest(record.person, record.personName, record.staffId, record.staffName),
            "how": digest(record.method, record.onDate, record.typedName, record.words, record.paperHeldAt),
            "seal": digest(record.pdfHash, record.certificate),
            // The text itself, so that a version rewritten outside rj is found too.
            "agreement text": digest(version.map { String($0.number) }, version?.textHash,
                                     version.map { Digest.sha256($0.markdown) }),
        ]
    }

    /// `part=digest;…`, sorted by part, as stored in an audit entry.
    var text: String { parts.keys.sorted().map { "\($0)=\(parts[$0]!)" }.joined(separator: ";") }

    /// Reads the stored text back; nil when it is not a state (fail closed: the caller treats that as a difference).
    init?(text: String) {
        var parts: [String: String] = [:]
        for item in text.split(separator: ";") {
            let pair = item.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { return nil }
            parts[String(pair[0])] = String(pair[1])
        }
        guard !parts.isEmpty else { return nil }
        self.parts = parts
    }

    /// The parts whose digests differ, sorted.
    func differences(from other: RecordState) -> [String] {
        Set(parts.keys).union(other.parts.keys).filter { parts[$0] != other.parts[$0] }.sorted()
    }
}
