import Foundation

extension ReviewQueue {
    /// Adds a member of staff. Only an admin may, except on a store with no
    /// staff yet, where the first member added must be an admin and is
    /// recorded as adding themselves.
    @discardableResult
    public func addStaff(id: String, name: String, roles: Set<StaffRole>, sensitiveComplex: Bool = false,
                         office: String = StaffMember.mainOffice, by actor: Actor?) throws(LetterError) -> StaffMember {
        try store.write { tx in
            guard StaffMember.isValidId(id) else { throw LetterError.invalidStaffId(id) }
            guard StaffMember.isValidOffice(office) else { throw LetterError.invalidOffice(office) }
            let name = try Self.required(name, "the member of staff's name")
            guard !roles.isEmpty else { throw LetterError.noRoles }
            let first = try tx.staffCount() == 0
            var recordedActor: Actor
            if first {
                guard roles.contains(.admin) else { throw LetterError.firstStaffMustBeAdmin }
                recordedActor = actor ?? .commandLine(id)
                recordedActor.staffId = id
                try tx.enter([office])
            } else {
                guard let actor else { throw LetterError.noActor }
                _ = try Self.member(tx, actor, may: .manageStaff)
                try tx.enter(Set(tx.offices).union([office]))
                recordedActor = actor
            }
            guard try tx.staffMember(id) == nil else { throw LetterError.staffExists(id) }
            let member = StaffMember(id: id, name: name, roles: roles, sensitiveComplex: sensitiveComplex, createdAt: Clock.now(),
                                     office: office)
            try tx.insert(member)
            var detail = ["roles": member.roles, "sensitive-complex": String(sensitiveComplex)]
            if office != StaffMember.mainOffice { detail["office"] = office }
            if first { detail["first"] = "true" }
            try tx.append(.staffAdd, by: recordedActor, staff: id, detail: detail, state: RecordState(member))
            return member
        }
    }

    /// Disables a member of staff: they can no longer act, and stay on the
    /// list because the audit trail names them.
    public func disableStaff(_ id: String, by actor: Actor) throws(LetterError) {
        try store.write { tx in
            _ = try Self.member(tx, actor, may: .manageStaff)
            guard var member = try tx.staffMember(id) else { throw LetterError.noSuchStaff(id) }
            let discrepancies = try tx.discrepancies(member)
            guard discrepancies.isEmpty else { throw LetterError.recordsAltered(discrepancies) }
            guard !member.disabled else { throw LetterError.alreadyDisabled(id) }
            if member.has(.admin), try !tx.allStaff().contains(where: { $0.id != id && !$0.disabled && $0.has(.admin) }) {
                throw LetterError.lastAdmin(id)
            }
            member.disabled = true
            try tx.update(member)
            try tx.append(.staffDisable, by: actor, staff: id, detail: [:], state: RecordState(member))
        }
    }

    /// Changes a member of staff's roles, or their clearance for sensitive and
    /// complex work; nil leaves that as it is. Only an admin may, and the last
    /// admin keeps the admin role. A change that changes nothing records nothing.
    /// - Returns: the member as they now are, and whether anything changed.
    @discardableResult
    public func updateStaff(_ id: String, roles: Set<StaffRole>? = nil, sensitiveComplex: Bool? = nil,
                            by actor: Actor) throws(LetterError) -> (member: StaffMember, changed: Bool) {
        try store.write { tx in
            _ = try Self.member(tx, actor, may: .manageStaff)
            guard var member = try tx.staffMember(id) else { throw LetterError.noSuchStaff(id) }
            let before = member
            let discrepancies = try tx.discrepancies(member)
            guard discrepancies.isEmpty else { throw LetterError.recordsAltered(discrepancies) }
            if let roles {
                guard !roles.isEmpty else { throw LetterError.noRoles }
                if member.has(.admin), !roles.contains(.admin),
                   try !tx.allStaff().contains(where: { $0.id != id && !$0.disabled && $0.has(.admin) }) {
                    throw LetterError.lastAdmin(id)
                }
                member.roles = StaffMember.text(roles)
            }
            if let sensitiveComplex { member.sensitiveComplex = sensitiveComplex }
            if member == before { return (member, false) }
            try tx.update(member)
            try tx.append(.staffChange, by: actor, staff: id,
                          detail: ["roles": member.roles, "sensitive-complex": String(member.sensitiveComplex)],
                          state: RecordState(member))
            return (member, true)
        }
    }

    /// The staff list, for any member of staff.
    public func staff(by actor: Actor) throws(LetterError) -> [StaffMember] {
        try store.read { tx in
            _ = try Self.member(tx, actor, may: .listStaff)
            return try tx.allStaff()
        }
    }

    /// The names of staff by id, to write the audit trail in sentences.
    public func staffNames(by actor: Actor) throws(LetterError) -> [String: String] {
        Dictionary(uniqueKeysWithValues: try staff(by: actor).map { ($0.id, $0.name) })
    }
}
