import CaseFiles

extension ScreeningContext {
    /// What a case tells the screen about a letter from `writer`: the case's
    /// protected names and places, the names of participants the writer may
    /// not know (by the case's own sharing rules), and whether the case is
    /// sensitive and complex (BPG 2011 §B skills 5).
    public init(case loaded: Case, writer: String?) {
        self.init(protectedNames: loaded.protectedNames, protectedPlaces: loaded.protectedPlaces,
                  sensitive: loaded.isSensitiveAndComplex)
        if let writer {
            writerRole = loaded.participant(writer)?.role
            for participant in loaded.participants
            where participant.id != writer && !participant.nameVisibility.allows(.participant(writer)) {
                protectedNames.append(participant.name)
            }
        }
    }
}
