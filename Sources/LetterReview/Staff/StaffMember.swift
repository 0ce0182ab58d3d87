import Foundation

/// What a member of staff does in the service, and so what rj lets them do.
public enum StaffRole: String, Codable, Sendable, CaseIterable, Comparable {
    /// Prepares participants and screens, approves and hands over letters.
    case facilitator
    /// A case supervisor (BPG 2011 §E): approves, and co-signs sensitive and complex work.
    case supervisor
    /// A service manager: reads the queue, letters and records (§G.8); changes nothing.
    case manager
    /// Keeps the staff list. Reads no letters unless they also hold another role.
    case admin
    /// The partnership lead: sees every office's queue, letters and records,
    /// and acts on none unless also a facilitator or supervisor, in their own office.
    case lead

    public static func < (lhs: StaffRole, rhs: StaffRole) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A member of the service's staff. Never deleted, only disabled, since the
/// audit trail names them.
public struct StaffMember: Codable, Sendable, Equatable {
    /// Short and stable, such as `kturner`: what `--as` names.
    public var id: String
    public var name: String
    /// The roles, stored as their names joined with commas.
    public var roles: String
    /// Trained and experienced for sensitive and complex cases (BPG 2011 §B skills 3-4).
    public var sensitiveComplex: Bool
    public var disabled: Bool
    public var createdAt: String
    /// The bcrypt hash of their password for the review desk, if one is set.
    public var passwordHash: String?
    /// The office they work in: they see and act on its letters only.
    public var office: String
    /// The secret of their one-time codes, sealed under the service key, when they sign in with one.
    public var oneTimeSecret: String?

    /// The office of a service that has only one, and of every record made before offices.
    public static let mainOffice = "main"

    public init(id: String, name: String, roles: Set<StaffRole>, sensitiveComplex: Bool, createdAt: String,
                office: String = StaffMember.mainOffice) {
        self.id = id
        self.name = name
        self.roles = Self.text(roles)
        self.sensitiveComplex = sensitiveComplex
        self.disabled = false
        self.createdAt = createdAt
        self.passwordHash = nil
        self.office = office
        self.oneTimeSecret = nil
    }

    /// The roles; a role name that rj does not know grants nothing.
    public var roleSet: Set<StaffRole> {
        Set(roles.split(separator: ",").compactMap { StaffRole(rawValue: String($0)) })
    }

    public func has(_ role: StaffRole) -> Bool {
        roles.utf8.split(separator: UInt8(ascii: ",")).contains { $0.elementsEqual(role.rawValue.utf8) }
    }

    /// Whether `id` can be a staff id: 2 to 32 lower-case letters, digits,
    /// dots, dashes or underscores, starting with a letter.
    public static func isValidId(_ id: String) -> Bool {
        let scalars = Array(id.unicodeScalars)
        guard (2...32).contains(scalars.count), let first = scalars.first, ("a"..."z").contains(first) else { return false }
        return scalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "." || $0 == "-" || $0 == "_" }
    }

    /// Whether `name` can be an office: 1 to 32 lower-case letters, digits or dashes, starting with a letter.
    public static func isValidOffice(_ name: String) -> Bool {
        let scalars = Array(name.unicodeScalars)
        guard (1...32).contains(scalars.count), let first = scalars.first, ("a"..."z").contains(first) else { return false }
        return scalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    static func text(_ roles: Set<StaffRole>) -> String { roles.sorted().map(\.rawValue).joined(separator: ",") }

    /// "Karen Turner (kturner, facilitator and case supervisor)".
    public var described: String {
        let labels = roleSet.sorted().map { $0 == .supervisor ? "case supervisor" : $0 == .lead ? "partnership lead" : $0.rawValue }
        return "\(name) (\(id), \(labels.joined(separator: " and ")))"
    }
}

/// Who acts: a staff id, and the operating-system account the command ran
/// under. The command line trusts the machine's login for the staff id; the
/// account is recorded beside every action so that a record shows both.
public struct Actor: Sendable, Equatable {
    public var staffId: String
    /// Where the action came from: `uid 1000 (karen)` on the command line.
    public var account: String

    public init(staffId: String, account: String) {
        self.staffId = staffId
        self.account = account
    }

    /// The staff member named, acting from this process's operating-system account.
    public static func commandLine(_ staffId: String) -> Actor {
        let uid = geteuid()
        var name = "?"
        if let entry = getpwuid(uid), let login = entry.pointee.pw_name { name = String(cString: login) }
        return Actor(staffId: staffId, account: "uid \(uid) (\(name))")
    }
}
