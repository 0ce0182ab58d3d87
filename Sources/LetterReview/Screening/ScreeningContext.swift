import CaseFiles
/// What the screen knows of the case: names and places that must not appear,
/// and whether the case is sensitive and complex.
public struct ScreeningContext: Sendable {
    public var protectedNames: [String]
    public var protectedPlaces: [String]
    /// In a sensitive and complex case, location, third-party and hidden-message
    /// findings block rather than ask for review (BPG 2011 §B skills 5).
    public var sensitive: Bool
    /// Who writes: a rule may concern some writers only (minimising, blaming,
    /// excuses and non-apologies are the responsible person's, not the harmed
    /// person's account of what was done to them). Unknown, every rule applies.
    public var writerRole: Participant.Role?

    public init(protectedNames: [String] = [], protectedPlaces: [String] = [], sensitive: Bool = false,
                writerRole: Participant.Role? = nil) {
        self.protectedNames = protectedNames
        self.protectedPlaces = protectedPlaces
        self.sensitive = sensitive
        self.writerRole = writerRole
    }
}
