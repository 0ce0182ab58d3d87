/// A record that is not as its audit trail says: changed, added or removed
/// outside rj.
public struct Discrepancy: Sendable, Equatable, CustomStringConvertible {
    public enum Subject: Sendable, Equatable, Hashable, CustomStringConvertible {
        case letter(Int64), staff(String)
        /// A signature, seal or copy of an outcome agreement.
        case agreement(Int64)
        public var description: String {
            switch self {
            case .letter(let id): "letter \(id)"
            case .staff(let id): "staff member \(id)"
            case .agreement(let id): "agreement record \(id)"
            }
        }
    }

    public enum Kind: Sendable, Equatable {
        /// These parts differ from the state its last entry recorded.
        case changed(parts: [String], since: Int64)
        /// It has no audit entry: it was written outside rj.
        case noEntry
        /// Its last entry is not sealed with the service key.
        case entryNotSealed(Int64)
        /// The trail records it, and it is gone from the store.
        case removed(lastEntry: Int64)
    }

    public var subject: Subject
    public var kind: Kind

    public var description: String {
        switch kind {
        case .changed(let parts, let since):
            "\(subject): changed outside rj since audit entry \(since), its last (\(parts.joined(separator: ", ")))"
        case .noEntry:
            "\(subject) has no audit entry; it was written outside rj"
        case .entryNotSealed(let sequence):
            "\(subject): its last audit entry (\(sequence)) is not sealed with this service's key"
        case .removed(let last):
            "\(subject) was removed from the store (its last audit entry is \(last))"
        }
    }
}

/// What `verify` found: the chain, then every record against its last entry.
public struct IntegrityReport: Sendable, Equatable {
    /// How many entries the chain holds.
    public var entries: Int
    /// Where the chain breaks, if it does: the first entry that is not as sealed.
    public var chainBreak: ChainBreak?
    public var discrepancies: [Discrepancy]
    /// The offices checked, and whether they are every office of the store.
    public var offices: [String] = []
    public var wholeStore = true

    public var isIntact: Bool { chainBreak == nil && discrepancies.isEmpty }

    public struct ChainBreak: Sendable, Equatable, CustomStringConvertible {
        public var sequence: Int64
        public var reason: String
        public var description: String { "audit entry \(sequence): \(reason)" }
    }
}

enum Integrity {
    /// Compares a record's present state with the state its last entry sealed.
    static func compare(_ subject: Discrepancy.Subject, now: RecordState, last: AuditEntry?, key: ServiceKey) -> [Discrepancy] {
        guard let last else { return [Discrepancy(subject: subject, kind: .noEntry)] }
        guard key.isSeal(last.seal, of: last.canonical) else {
            return [Discrepancy(subject: subject, kind: .entryNotSealed(last.sequence))]
        }
        // The state as the entry holds it is the same text when nothing changed: no need to read it apart.
        if now.text == last.state { return [] }
        guard let recorded = RecordState(text: last.state) else {
            return [Discrepancy(subject: subject, kind: .changed(parts: ["every part"], since: last.sequence))]
        }
        let parts = now.differences(from: recorded)
        return parts.isEmpty ? [] : [Discrepancy(subject: subject, kind: .changed(parts: parts, since: last.sequence))]
    }

    /// Checks each office's chain in the transaction's offices, then every
    /// letter and member of staff there. When those are every office, the
    /// numbering too: an entry removed from any office leaves a gap, and
    /// entries removed from the end fall short of the store's count.
    static func verify(_ tx: StoreTransaction) throws -> IntegrityReport {
        let entries = try tx.entries()
        var report = IntegrityReport(entries: entries.count, chainBreak: nil, discrepancies: [])
        let whole = Set(tx.offices).isSuperset(of: try tx.allOffices())
        report.offices = tx.offices
        report.wholeStore = whole
        var previous: [String: String] = [:]
        var expected: Int64 = 1
        var lastForLetter: [Int64: AuditEntry] = [:]
        var lastForStaff: [String: AuditEntry] = [:]
        var lastForAgreement: [Int64: AuditEntry] = [:]
        let agreementActions: Set<AuditAction> = [.agreementSign, .agreementSeal, .agreementCopy, .retentionDelete]
        for entry in entries {
            if report.chainBreak == nil {
                if whole && entry.sequence != expected {
                    report.chainBreak = .init(sequence: expected, reason: "removed (the next entry is \(entry.sequence))")
                } else if entry.previousSeal != previous[entry.office, default: AuditEntry.genesis] {
                    report.chainBreak = .init(sequence: entry.sequence, reason: "does not follow the entry before it in the \(entry.office) office: the chain was cut, or an earlier entry altered")
                } else if tx.key.seal(entry.canonical) != entry.seal {
                    report.chainBreak = .init(sequence: entry.sequence, reason: "altered after it was written, or sealed without this service's key (a chain rebuilt without the key)")
                }
            }
            previous[entry.office] = entry.seal
            expected = entry.sequence + 1
            guard entry.kind?.changesRecord ?? true else { continue }
            if let letter = entry.letterId { lastForLetter[letter] = entry }
            if let staff = entry.staffMember { lastForStaff[staff] = entry }
            if let kind = entry.kind, agreementActions.contains(kind), let id = entry.details["record"].flatMap(Int64.init) {
                lastForAgreement[id] = entry
            }
        }
        let written = try tx.entriesWritten()
        if whole, report.chainBreak == nil, expected - 1 < written {
            report.chainBreak = .init(sequence: expected, reason: "removed: the store wrote \(written) entries and \(expected - 1) are left")
        }

        for details in try tx.allDetails() {
            let id = details.id
            report.discrepancies += compare(.letter(id), now: RecordState(details), last: lastForLetter.removeValue(forKey: id), key: tx.key)
        }
        // A record whose last entry deleted it at the end of its retention period went on purpose.
        for (id, entry) in lastForLetter.sorted(by: { $0.key < $1.key }) where entry.kind != .retentionDelete {
            report.discrepancies.append(Discrepancy(subject: .letter(id), kind: .removed(lastEntry: entry.sequence)))
        }
        for member in try tx.allStaff() where tx.offices.contains(member.office) {
            report.discrepancies += compare(.staff(member.id), now: RecordState(member), last: lastForStaff.removeValue(forKey: member.id), key: tx.key)
        }
        for (id, entry) in lastForStaff.sorted(by: { $0.key < $1.key }) {
            report.discrepancies.append(Discrepancy(subject: .staff(id), kind: .removed(lastEntry: entry.sequence)))
        }
        let versions = try tx.agreementVersions()
        for record in try tx.allAgreementRecords() {
            let id = record.id ?? 0
            let version = versions.first { $0.office == record.office && $0.caseReference == record.caseReference && $0.number == record.version }
            report.discrepancies += compare(.agreement(id), now: RecordState(record, version),
                                            last: lastForAgreement.removeValue(forKey: id), key: tx.key)
        }
        for (id, entry) in lastForAgreement.sorted(by: { $0.key < $1.key }) where entry.kind != .retentionDelete {
            report.discrepancies.append(Discrepancy(subject: .agreement(id), kind: .removed(lastEntry: entry.sequence)))
        }
        return report
    }
}
