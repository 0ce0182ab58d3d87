/// Who a document is for, and so what it may contain (§3d.4, footnote 15).
public enum Audience: Sendable, Hashable, CustomStringConvertible {
    /// One participant, by id: they see their own information and what others agreed to share.
    case participant(String)
    /// Every party to the process: what all of them may see.
    case allParties
    /// The service's own record: everything.
    case `internal`

    public init(_ text: String) {
        switch text {
        case "all-parties", "all": self = .allParties
        case "internal", "service": self = .internal
        default: self = .participant(text)
        }
    }

    public var description: String {
        switch self {
        case .participant(let id): id
        case .allParties: "all-parties"
        case .internal: "internal"
        }
    }
}

/// Who may see a value.
public struct Visibility: Sendable, Hashable {
    /// Participant ids that may see it, besides the service.
    public var participants: Set<String>
    /// Whether every party may see it.
    public var allParties: Bool

    public static let everyone = Visibility(participants: [], allParties: true)
    public static let serviceOnly = Visibility(participants: [], allParties: false)
    public static func only(_ ids: some Sequence<String>) -> Visibility {
        Visibility(participants: Set(ids), allParties: false)
    }

    /// Built from a `shared_with` list: participant ids, `all-parties`, `internal`.
    public init(sharedWith audiences: [Audience], plus ids: [String] = []) {
        var participants = Set(ids)
        var all = false
        for audience in audiences {
            switch audience {
            case .participant(let id): participants.insert(id)
            case .allParties: all = true
            case .internal: break
            }
        }
        self.init(participants: participants, allParties: all)
    }

    public init(participants: Set<String>, allParties: Bool) {
        self.participants = participants
        self.allParties = allParties
    }

    /// Whether `audience` may see the value. A document for all parties shows only
    /// what every party may see; one participant sees what is theirs or shared with all.
    public func allows(_ audience: Audience) -> Bool {
        switch audience {
        case .internal: true
        case .allParties: allParties
        case .participant(let id): allParties || participants.contains(id)
        }
    }
}
