/// Why the letter store refused or failed. Nothing was changed. Each case
/// carries what a front end needs to give advice in its own words; the
/// descriptions here name no command or flag.
public enum LetterError: Error, Sendable, Equatable, CustomStringConvertible {
    // Who acts
    /// The store has no staff yet: the first member added is its first admin.
    case noStaff
    /// Nobody was named as acting.
    case noActor
    /// No open session: never signed in, signed out, or timed out.
    case notSignedIn
    /// The staff id or password is not right; or, after failures, wait this many seconds.
    case signInRefused(retryAfter: Int?)
    case passwordTooShort(Int)
    case unknownStaff(String)
    case staffDisabled(String)
    case lacksRole(staff: String, action: LetterAction, needs: Set<StaffRole>)
    /// A sensitive and complex letter is approved only by staff cleared for such work.
    case notCleared(staff: String, letter: Int64?)
    /// A participant of the letter's case never acts on its letters.
    case participantCannotAct(staff: String, caseReference: String)
    case alreadyApproved(staff: String, letter: Int64, version: Int)

    // The letter
    case notFound(Int64)
    case noSuchVersion(letter: Int64, version: Int)
    case closed(letter: Int64, status: LetterStatus)
    case returnedToWriter(Int64)
    case blockFindings(letter: Int64, [ScreeningFinding])
    case findingsUnreadable(letter: Int64, version: Int)
    case notReleasable(letter: Int64, [ReleaseObstacle])
    case followUpNotWanted(Int64)
    case followUpNotReleased(Int64)
    case alreadyFollowedUp(Int64)

    // Outcome agreements
    /// Only the agreement's signatories sign it.
    case notASignatory(id: String, caseReference: String, signatories: [String])
    /// The case has no outcome agreement to sign.
    case noAgreement(String)
    /// The agreement does not pass its guidance checks (each check's message).
    case agreementNotReady(caseReference: String, problems: [String])
    case alreadySigned(signatory: String, version: Int, on: String)
    /// Sealing (and giving copies) waits for every signatory to sign the text as it is now;
    /// `signedEarlier` signed an earlier text and must sign again.
    case notFullySigned(caseReference: String, unsigned: [String], signedEarlier: [String])
    /// The text as it is now is sealed already; another sealed copy is asked for explicitly.
    case alreadySealed(caseReference: String, version: Int, on: String)
    case alreadyGivenCopy(person: String, version: Int, on: String)
    /// A date earlier than something it must follow (the agreement, a consent, the last signature).
    case dateTooEarly(date: String, earliest: String, what: String)
    /// A copy goes to someone the agreement names in `copies`.
    case notACopyHolder(id: String, caseReference: String, copies: [String])
    /// The text to record is not the case's current agreement.
    case agreementTextMismatch(String)

    // What was asked
    case sameWriterAndRecipient
    case unknownParticipant(id: String, caseReference: String, known: [String])
    case wrongCase(letter: Int64, expected: String, given: String)
    case spanOutside(letter: Int64, version: Int, span: String)
    case textNotFound(letter: Int64, version: Int)
    case textAmbiguous(letter: Int64, version: Int, count: Int)
    case missing(String)
    case invalidDate(String)
    case invalidStaffId(String)
    case noRoles
    case staffExists(String)
    /// The member of staff named as the one to change is not on the list.
    case noSuchStaff(String)
    case alreadyDisabled(String)
    /// The redaction would overlap one already made in this version.
    case overlapsRedaction(letter: Int64, span: String)
    /// A date that has not come yet, where only a past or present date makes sense.
    case futureDate(String)
    /// A date that has already passed, where only a future date makes sense.
    case pastDate(String)
    case noStore(String)
    case firstStaffMustBeAdmin
    case lastAdmin(String)
    /// An office name that cannot be one.
    case invalidOffice(String)
    /// A PostgreSQL store names its key file: there is no folder to keep it beside.
    case keyFileRequired(String)
    /// The store's tables are older than this version of rj (or not there).
    case notMigrated(String)
    /// Copying a store into one that already holds records.
    case notEmpty(String)

    // Records that cannot change unseen
    case recordsAltered([Discrepancy])
    case keyFile(String, KeyProblem)
    case store(String)

    /// "a, b or c".
    static func list(_ items: [String], _ conjunction: String) -> String {
        items.count <= 2 ? items.joined(separator: " \(conjunction) ")
            : items.dropLast().joined(separator: ", ") + " \(conjunction) " + items.last!
    }

    public enum KeyProblem: Sendable, Equatable {
        case missing, unreadable, malformed, readableByOthers, notThisStore
        case cannotCreate(String)
    }

    public var description: String {
        switch self {
        case .noStaff: "the store has no staff yet; first add an admin, who then adds everyone else"
        case .noActor: "every action names the member of staff who acts"
        case .notSignedIn: "you are not signed in, or your session has ended"
        case .signInRefused(let wait):
            wait.map { "too many failed sign-ins; try again in \($0) second\($0 == 1 ? "" : "s")" }
                ?? "that staff id and password do not match"
        case .passwordTooShort(let length): "a password needs at least \(length) characters"
        case .unknownStaff(let id): "'\(id)' is not on the staff list"
        case .staffDisabled(let id): "\(id) is disabled and can no longer act"
        case .lacksRole(let staff, let action, let needs):
            "\(staff) may not \(action.rawValue): that needs the \(Self.list(needs.sorted().map(\.rawValue), "or")) role"
        case .notCleared(let staff, let letter):
            "\(letter.map { "letter \($0) is" } ?? "the case is") sensitive and complex and \(staff) is not cleared for sensitive and complex work (BPG 2011 §B skills 3-4)"
        case .participantCannotAct(let staff, let reference):
            "\(staff) takes part in case \(reference) and cannot act on its letters or its agreement"
        case .alreadyApproved(let staff, let letter, let version):
            "\(staff) has already approved version \(version) of letter \(letter); a second approval must be someone else's"
        case .notFound(let id): "no letter \(id) in the store"
        case .noSuchVersion(let letter, let version): "letter \(letter) has no version \(version)"
        case .closed(let letter, let status): "letter \(letter) is \(status.rawValue); nothing more can be done with it"
        case .returnedToWriter(let id): "letter \(id) was returned to the writer; it can be approved once they revise it"
        case .blockFindings(let letter, let findings):
            "letter \(letter) has \(findings.count) block finding\(findings.count == 1 ? "" : "s") (\(findings.prefix(3).map { "\($0.rule) at \($0.line):\($0.column)" }.joined(separator: ", "))) that are neither redacted nor approved with a written reason"
        case .findingsUnreadable(let letter, let version):
            "the screening findings of letter \(letter) version \(version) cannot be read, so it counts as blocked"
        case .notReleasable(let letter, let obstacles):
            "letter \(letter) cannot be released: " + obstacles.map(\.description).joined(separator: "; ")
        case .followUpNotWanted(let id): "the writer of letter \(id) asked for no response or feedback"
        case .followUpNotReleased(let id): "letter \(id) has not been released; its follow-up comes after"
        case .alreadyFollowedUp(let id): "the follow-up of letter \(id) is already marked done"
        case .notASignatory(let id, let reference, let signatories):
            "'\(id)' is not a signatory of the outcome agreement of case \(reference) (its signatories are \(signatories.isEmpty ? "none yet" : signatories.joined(separator: ", "))) (BPG 2011 §3b.9)"
        case .noAgreement(let reference): "case \(reference) has no outcome agreement"
        case .agreementNotReady(let reference, let problems):
            "the outcome agreement of case \(reference) is not ready to sign: " + problems.joined(separator: "; ")
        case .alreadySigned(let signatory, let version, let date):
            "\(signatory) already signed version \(version) of this agreement, on \(date)"
        case .notFullySigned(let reference, let unsigned, let earlier):
            "the outcome agreement of case \(reference) as it reads now is not signed by \(Self.list(unsigned, "and")) yet"
                + (earlier.isEmpty ? "" : " (\(Self.list(earlier, "and")) signed an earlier version and must sign again)")
                + "; it is sealed, and copies given, once every signatory has signed it (BPG 2011 §3b.9)"
        case .alreadySealed(let reference, let version, let date):
            "version \(version) of the outcome agreement of case \(reference) was already sealed on \(date)"
        case .alreadyGivenCopy(let person, let version, let date):
            "\(person) was already given their copy of version \(version), on \(date)"
        case .dateTooEarly(let date, let earliest, let what):
            "\(date) is before \(what) (\(earliest))"
        case .notACopyHolder(let id, let reference, let copies):
            "'\(id)' is not named to receive a copy of the agreement of case \(reference) (copies go to \(copies.isEmpty ? "nobody yet" : copies.joined(separator: ", "))) (BPG 2011 §3b.10)"
        case .agreementTextMismatch(let reference):
            "the agreement text given is not the current agreement of case \(reference)"
        case .sameWriterAndRecipient: "a letter's writer and recipient must be different people"
        case .unknownParticipant(let id, let reference, let known):
            "no participant of case \(reference) has the id '\(id)' (the ids are \(known.joined(separator: ", ")))"
        case .wrongCase(let letter, let expected, let given):
            "letter \(letter) belongs to case \(expected), not \(given)"
        case .spanOutside(let letter, let version, let span):
            "\(span) is not inside version \(version) of letter \(letter)"
        case .textNotFound(let letter, let version): "that text is not in version \(version) of letter \(letter)"
        case .textAmbiguous(let letter, let version, let count):
            "that text is in version \(version) of letter \(letter) \(count) times"
        case .missing(let what): "\(what) is needed and was empty"
        case .invalidDate(let text): "\(text) is not a date (YYYY-MM-DD)"
        case .invalidStaffId(let id):
            "'\(id)' cannot be a staff id: use 2 to 32 lower-case letters, digits, dots, dashes or underscores, starting with a letter"
        case .noRoles: "a member of staff needs at least one role"
        case .staffExists(let id): "\(id) is already on the staff list"
        case .noSuchStaff(let id): "'\(id)' is not on the staff list"
        case .alreadyDisabled(let id): "\(id) is already disabled"
        case .overlapsRedaction(let letter, let span): "\(span) overlaps words of letter \(letter) already redacted"
        case .futureDate(let date): "\(date) has not come yet"
        case .pastDate(let date): "\(date) has already passed"
        case .noStore(let path): "\(path): there is no letter store here"
        case .firstStaffMustBeAdmin: "the first member of staff must hold the admin role, to add everyone else"
        case .lastAdmin(let id): "\(id) is the last admin able to act"
        case .invalidOffice(let name):
            "'\(name)' cannot be an office name: use 1 to 32 lower-case letters, digits or dashes, starting with a letter"
        case .keyFileRequired(let store): "\(store): a PostgreSQL store needs the path of its key file"
        case .notMigrated(let store): "\(store): the store's tables are missing or older than this version of rj"
        case .notEmpty(let store): "\(store) already holds staff or letters; a store is copied only into an empty one"
        case .recordsAltered(let discrepancies):
            "records differ from the audit trail, so nothing was done: " + discrepancies.map(\.description).joined(separator: "; ")
        case .keyFile(let path, let problem):
            switch problem {
            case .missing: "\(path): the store's key file is missing; without it the audit trail cannot be checked or extended. Restore it from the backup made when the store was set up"
            case .unreadable: "\(path): the store's key file cannot be read"
            case .malformed: "\(path): this is not an rj key file (a file of 64 hexadecimal digits)"
            case .readableByOthers: "\(path): the store's key file can be read by other accounts; make it readable by its owner only (mode 600)"
            case .notThisStore: "\(path): this key is not the one the store was made with"
            case .cannotCreate(let reason): "\(path): cannot create the store's key file: \(reason)"
            }
        case .store(let message): message
        }
    }
}
