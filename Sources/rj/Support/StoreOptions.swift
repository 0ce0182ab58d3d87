import ArgumentParser
import Foundation
import LetterReview

/// The letter store and who acts on it: `--store` (else `RJ_STORE`, else
/// `rj.sqlite` here), its key file, and `--as` (else `RJ_AS`).
struct StoreOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The letter store: a SQLite file, or postgres://USER@HOST[:PORT]/DB for several offices (default: $RJ_STORE, else rj.sqlite in this folder).",
                               valueName: "path-or-url"))
    var store: String?

    @Option(help: ArgumentHelp("The store's key file (default: $RJ_KEY_FILE, else, for a file, the store's path with .key added; a PostgreSQL store always names it).",
                               valueName: "path"))
    var keyFile: String?

    @Option(name: .customLong("as"), help: ArgumentHelp("Your staff id: who acts (default: $RJ_AS).", valueName: "staff-id"))
    var actingAs: String?

    var location: String { store ?? Self.environment("RJ_STORE") ?? "rj.sqlite" }

    /// The store as messages name it: a URL without its password.
    var displayLocation: String { ReviewQueue.displayed(location) }

    /// An environment variable, when set and not empty.
    static func environment(_ name: String) -> String? {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else { return nil }
        return value
    }

    var keyPath: String? { keyFile ?? Self.environment("RJ_KEY_FILE") }

    /// Opens the store, with the shipped screening rules (or a service's own,
    /// over them); makes a new one only when `create` (the first `staff add`).
    func open(rules: String? = nil, create: Bool = false) throws -> ReviewQueue {
        let screener = try LetterFlags.screener(rules: rules)
        return try attempt { () throws(LetterError) in
            try ReviewQueue(path: location, keyFile: keyPath, create: create, screener: screener)
        }
    }

    /// Who acts, if named.
    var actorIfNamed: Actor? {
        guard let id = actingAs ?? Self.environment("RJ_AS"), !id.isEmpty else { return nil }
        return .commandLine(id)
    }

    /// Who acts.
    /// - Throws: ``CommandFailure`` when nobody is named.
    func actor() throws -> Actor {
        guard let actor = actorIfNamed else { throw LetterAdvice.failure(for: .noActor) }
        return actor
    }
}

/// Runs a store call, turning a refusal into advice and its exit code.
func attempt<T>(_ body: () throws(LetterError) -> T) throws -> T {
    do {
        return try body()
    } catch {
        throw LetterAdvice.failure(for: error)
    }
}

/// What the command line says when the store refuses or fails: the library's
/// reason, then what to type. Exit codes are the same for the same kind of
/// failure everywhere (README, "Exit codes").
enum LetterAdvice {
    static func failure(for error: LetterError) -> CommandFailure {
        CommandFailure(message: error.description, hint: hint(for: error), exitCode: exitCode(for: error))
    }

    static func exitCode(for error: LetterError) -> Int32 {
        switch error {
        case .store, .keyFile, .noStore, .keyFileRequired, .notMigrated: ExitStatus.storeUnusable
        case .noActor, .notFound, .noSuchVersion, .unknownParticipant, .wrongCase, .spanOutside, .textNotFound,
             .textAmbiguous, .missing, .invalidDate, .invalidStaffId, .noRoles, .noSuchStaff, .futureDate, .pastDate,
             .passwordTooShort, .invalidOffice, .noAgreement, .agreementTextMismatch:
            ExitStatus.badInput
        default: ExitStatus.refused
        }
    }

    static func hint(for error: LetterError) -> String? {
        switch error {
        case .noStaff: "rj staff add ID --name NAME --role admin"
        case .noStore: "check --store or RJ_STORE; a new store is made by its first rj staff add ID --name NAME --role admin"
        case .noSuchStaff: "rj staff list shows them"
        case .overlapsRedaction(let letter, _): "rj letters show \(letter) lists what is redacted"
        case .noActor: "say who you are with --as STAFF-ID, or set RJ_AS"
        case .unknownStaff: "only the service's staff can act; rj staff list shows them"
        case .lacksRole: "rj staff list shows who holds which role"
        case .notCleared: "an admin clears staff with rj staff change ID --sensitive-complex"
        case .notFound: "rj letters queue lists the letters awaiting action"
        case .noSuchVersion(let letter, _): "rj letters show \(letter) lists its versions"
        case .returnedToWriter(let id): "store the writer's revision with rj letters revise \(id) FILE --case CASE"
        case .blockFindings(let id, _):
            "redact them (rj letters redact \(id) --text \"...\" --reason ...), return the letter (rj letters return \(id) --feedback ...), or approve with --override \"reason\""
        case .notReleasable(let id, let obstacles):
            obstacles.contains(.consentNotRecorded)
                ? "when the recipient agrees: rj letters consent \(id) --recipient-agreed" : "rj letters show \(id) --handover shows the copy and what is missing"
        case .spanOutside(let letter, _, _): "rj letters show \(letter) numbers its lines"
        case .textNotFound(let letter, _): "quote the words exactly as rj letters show \(letter) prints them"
        case .textAmbiguous: "add --occurrence N to say which (1 is the first)"
        case .recordsAltered: "run rj letters verify-log for the full list, and tell the service manager"
        case .keyFile(_, .missing): "if the key is kept elsewhere, name it with --key-file or RJ_KEY_FILE"
        case .invalidDate: "write the date as YYYY-MM-DD"
        case .keyFileRequired: "name it with --key-file or RJ_KEY_FILE (the store's first use makes it, mode 600)"
        case .notMigrated(let store): "as the tables' owner: rj store migrate --store \(store) --app-role ROLE"
        case .notEmpty: "copy into a new, migrated store"
        case .lastAdmin: "add another admin first: rj staff add ID --name NAME --role admin"
        case .notFullySigned, .alreadySigned, .alreadyGivenCopy: "rj agreement status CASE shows who has signed, who must sign again, and the copies given"
        case .alreadySealed: "its sealed copy is the one to give; to make another (one was lost): rj agreement seal CASE --again --out FILE"
        case .dateTooEarly: "check the date, and write it as YYYY-MM-DD"
        case .notASignatory: "the case file's agreement lists its signatories"
        case .notACopyHolder: "the case file's agreement lists who gets a copy (copies:)"
        case .agreementNotReady: "rj check CASE lists what to fix, each with its guidance paragraph"
        default: nil
        }
    }
}

/// The exit codes of every rj command.
enum ExitStatus {
    /// Refused by a rule, or a check failed (guidance errors, a letter that
    /// cannot be released, an audit trail that does not verify). Nothing changed.
    static let refused: Int32 = 1
    /// Input that cannot be used: a file, an option, a date, or a letter,
    /// version or participant that does not exist.
    static let badInput: Int32 = 2
    /// The store cannot be used: it cannot be opened, or its key is missing or wrong.
    static let storeUnusable: Int32 = 3
}
