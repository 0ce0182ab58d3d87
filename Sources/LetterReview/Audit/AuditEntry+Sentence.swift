extension AuditEntry {
    /// The entry as a sentence a manager can read: "Karen Turner (kturner)
    /// approved version 1 as facilitator; a case supervisor must approve too."
    /// - Parameter names: staff names by id; an id not in it stands alone.
    public func sentence(names: [String: String]) -> String {
        let d = details
        func who(_ id: String) -> String { names[id].map { "\($0) (\(id))" } ?? id }
        func quoted(_ key: String) -> String { d[key].map { "“\($0)”" } ?? "" }
        let what: String
        switch kind {
        case .submit:
            what = "stored a letter from \(d["from"] ?? "?") to \(d["to"] ?? "?") in case \(d["case"] ?? "?"), screened \(Verdict.words(d["verdict"] ?? "?")) (\(d["block"] ?? "0") block, \(d["warn"] ?? "0") warn)"
                + (d["sensitive"] == "true" ? "; sensitive and complex" : "")
        case .revise:
            what = "stored version \(d["version"] ?? "?") from the writer, screened \(Verdict.words(d["verdict"] ?? "?")) (\(d["block"] ?? "0") block, \(d["warn"] ?? "0") warn)"
        case .approve:
            let capacity = ReviewCapacity(rawValue: d["as"] ?? "")?.label ?? d["as"] ?? "?"
            what = "approved version \(d["version"] ?? "?") as \(capacity)"
                + (d["override"] != nil ? ", leaving block findings for the written reason \(quoted("override"))" : "")
                + (d["complete"] == "true" ? "" : "; it needs one more approval")
        case .return:
            what = "returned version \(d["version"] ?? "?") to the writer: \(quoted("feedback"))"
        case .redact:
            what = "redacted \(d["span"] ?? "?") of version \(d["version"] ?? "?"): \(quoted("reason"))"
        case .reject:
            what = "rejected the letter: \(quoted("reason"))"
        case .withdraw:
            what = "withdrew the letter at the writer's request" + ((d["reason"] ?? "").isEmpty ? "" : ": \(quoted("reason"))")
        case .consent:
            what = "recorded that \(d["recipient"] ?? "the recipient") \(d["consent"] == "agreed" ? "agreed to receive" : "declined") the letter on \(d["date"] ?? "?")"
        case .hold:
            what = (d["until"] ?? "").isEmpty ? "lifted the hold" : "held the letter until \(d["until"]!)"
        case .release:
            what = "released version \(d["version"] ?? "?") for handover \(d["method"] ?? "?"), unsealed"
        case .followUp:
            what = "marked the writer's follow-up done" + ((d["note"] ?? "").isEmpty ? "" : ": \(quoted("note"))")
        case .staffAdd:
            what = d["first"] == "true"
                ? "set up the store as its first admin (\(d["roles"] ?? ""))"
                : "added \(who(staffMember ?? "?")) to the staff list (\(d["roles"] ?? "")\(d["sensitive-complex"] == "true" ? "; cleared for sensitive and complex work" : ""))"
        case .staffChange:
            what = "changed \(who(staffMember ?? "?")) to \(d["roles"] ?? "")\(d["sensitive-complex"] == "true" ? ", cleared for sensitive and complex work" : ", not cleared for sensitive and complex work")"
        case .staffPassword:
            what = actor == staffMember ? "set their own password" : "set a password for \(who(staffMember ?? "?"))"
        case .staffOneTimeCode:
            let whose = actor == staffMember ? "their own" : "\(who(staffMember ?? "?"))'s"
            what = d["on"] == "true" ? "turned on one-time codes at sign-in for \(whose) account (a new secret)"
                : "turned off one-time codes at sign-in for \(whose) account"
        case .view:
            what = d["for"] == "subject access" ? "read the letter for a subject access request" : "read the letter"
        case .signIn:
            what = "signed in to the review desk"
        case .signInFailed:
            what = "failed to sign in (\(d["failures"] ?? "1") in a row)"
        case .signOut:
            what = "signed out"
        case .agreementSign:
            what = "witnessed \(d["signatory"] ?? "?") sign version \(d["version"] ?? "?") of the outcome agreement of case \(d["case"] ?? "?") (\(SignatureMethod(rawValue: d["method"] ?? "")?.label ?? d["method"] ?? "?"), on \(d["date"] ?? "?"))"
        case .agreementSeal:
            what = "sealed version \(d["version"] ?? "?") of the outcome agreement of case \(d["case"] ?? "?") as a PDF (SHA-256 \(d["pdf"]?.prefix(16) ?? "?")…)"
        case .agreementCopy:
            what = "recorded that \(d["person"] ?? "?") was given their copy of the outcome agreement of case \(d["case"] ?? "?") (\(d["method"] ?? "?"), on \(d["date"] ?? "?"))"
        case .retentionDelete:
            let record = d["record"].map { "agreement record \($0) (\(d["kind"] ?? "?"))" }
                ?? "the letter and its \(d["versions"] ?? "?") version\(d["versions"] == "1" ? "" : "s")"
            what = "deleted \(record) of case \(d["case"] ?? "?"), its retention period over: \(quoted("reason"))"
        case .staffDisable:
            what = "disabled \(who(staffMember ?? "?"))"
        case nil:
            what = "did something rj does not know (\(action))"
        }
        return "\(who(actor)) \(what)."
    }
}
