import Agreements
import ArgumentParser
import CaseFiles
import Documents
import Foundation
import LetterReview
import Templating

extension SignatureMethod: ExpressibleByArgument {}

extension RJ {
    /// `rj agreement`: signing, sealing and checking outcome agreements.
    struct AgreementCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "agreement",
            abstract: "Sign and seal outcome agreements, check a sealed copy, and record the copies given.",
            discussion: """
                Everyone involved signs and receives a copy (BPG 2011 §3b.9-10). Each signature \
                is recorded in the letter store with the SHA-256 of the exact text signed, the \
                facilitator who witnessed it, and how it was signed. If the agreement's text \
                changes after someone signed, their signature no longer counts: status says who \
                must sign again. Once everyone has signed, seal makes the PDF and signs it with \
                the service's seal key (rj keys init); verify checks a copy with the certificate \
                alone.

                Example (a facilitator, kturner, at the meeting):
                  rj agreement sign case.yml --signatory margaret --method typed \\
                    --typed-name "Margaret Ellis" --as kturner
                  rj agreement status case.yml --as kturner
                  rj agreement seal case.yml --out agreement.pdf --as kturner
                  rj agreement verify agreement.pdf --key rj-seal.crt
                """,
            subcommands: [Sign.self, Status.self, Seal.self, Verify.self, Copies.self])
    }
}

/// Where the service's seal key and its certificate are.
struct SealOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The seal's private key (default: $RJ_SEAL_KEY, else rj-seal.key here).", valueName: "path"))
    var sealKey: String?

    @Option(name: .customLong("certificate"),
            help: ArgumentHelp("The seal's certificate (default: $RJ_SEAL_CERTIFICATE, else rj-seal.crt here).", valueName: "path"))
    var certificate: String?

    var keyPath: String { sealKey ?? StoreOptions.environment("RJ_SEAL_KEY") ?? "rj-seal.key" }
    var certificatePath: String { certificate ?? StoreOptions.environment("RJ_SEAL_CERTIFICATE") ?? "rj-seal.crt" }

    func read() throws -> SealKey {
        do {
            return try SealKey.read(keyPath: keyPath, certificatePath: certificatePath)
        } catch {
            throw CommandFailure(message: error.description,
                                 hint: "an admin makes the service's seal once with rj keys init; name the files with --seal-key and --certificate",
                                 exitCode: ExitStatus.badInput)
        }
    }
}

/// Runs an agreement call, turning a refusal into advice and its exit code.
func attemptAgreement<T>(_ body: () throws(AgreementError) -> T) throws -> T {
    do {
        return try body()
    } catch {
        switch error {
        case .store(let refusal): throw LetterAdvice.failure(for: refusal)
        case .document(let problem):
            if case .printEngine = problem {
                throw CommandFailure(message: problem.description.replacingOccurrences(of: "error: ", with: ""),
                                     hint: nil, exitCode: ExitStatus.badInput)
            }
            throw CommandFailure(lines: [problem.description], exitCode: ExitStatus.refused)
        case .keyFile, .keyExists: throw CommandFailure(message: error.description, exitCode: ExitStatus.badInput)
        case .notSealed, .sealFailed: throw CommandFailure(message: error.description, exitCode: ExitStatus.refused)
        }
    }
}

extension CaseOptions {
    /// The case, its renderer and the agreement's text as every party reads it now.
    func agreement() throws -> (case: Case, renderer: DocumentRenderer, text: AgreementText) {
        let loaded = try loadCase()
        // The text is the same drafted or not; the store refuses to sign an agreement that fails its checks.
        let renderer = try self.renderer(redact: false, draft: true)
        guard loaded.agreement != nil else {
            throw CommandFailure(file: caseFile, message: "the case has no agreement yet",
                                 hint: "add agreement: with its actions, signatories and copies to the case file")
        }
        let text = try attemptAgreement { () throws(AgreementError) in try Agreement.text(of: loaded, renderer: renderer) }
        return (loaded, renderer, text)
    }
}

extension RJ.AgreementCommand {
    struct Sign: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record one signatory's signature of the agreement as it reads now.",
            discussion: """
                Needs the facilitator or supervisor role: you witness the signature. Only the \
                agreement's signatories sign, each once per version of the text, and only \
                once they have consented (RJ-AGR-010) and the agreement passes its checks.

                --method typed or on-screen records the name as the signatory typed it \
                (--typed-name) and the words they agreed to ("\(SignatureRequest.agreedWords)", \
                or --words): an electronic signature (Law Commission, Law Com No 386, 2019). \
                --method wet records where the signed paper is kept (--paper-held-at).

                Examples:
                  rj agreement sign case.yml --signatory margaret --method typed \\
                    --typed-name "Margaret Ellis" --as kturner
                  rj agreement sign case.yml --signatory daniel --method wet \\
                    --paper-held-at "in the case file, Northfield office" --as kturner
                """)
        @OptionGroup var options: CaseOptions
        @OptionGroup var storeOptions: StoreOptions
        @Option(help: ArgumentHelp("The signatory's participant id.", valueName: "id")) var signatory: String
        @Option(help: ArgumentHelp("wet, typed or on-screen.", valueName: "method")) var method: SignatureMethod
        @Option(help: ArgumentHelp("The day they signed, YYYY-MM-DD (default: today).", valueName: "date")) var date: String?
        @Option(help: ArgumentHelp("Typed or on-screen: their name as they typed it.", valueName: "name")) var typedName: String?
        @Option(help: ArgumentHelp("Typed or on-screen: the words they agreed to.", valueName: "text")) var words: String?
        @Option(help: ArgumentHelp("Wet: where the signed paper is kept.", valueName: "place")) var paperHeldAt: String?

        func validate() throws {
            switch method {
            case .wet:
                if paperHeldAt == nil { throw ValidationError("a wet signature records where the signed paper is kept: add --paper-held-at PLACE") }
                if typedName != nil || words != nil { throw ValidationError("--typed-name and --words go with --method typed or on-screen") }
            case .typed, .onScreen:
                if typedName == nil { throw ValidationError("a \(method.rawValue) signature records the name as the signatory typed it: add --typed-name NAME") }
                if paperHeldAt != nil { throw ValidationError("--paper-held-at goes with --method wet") }
            }
        }

        func run() throws {
            try reportingFailures {
                let (loaded, _, text) = try options.agreement()
                let actor = try storeOptions.actor()
                let queue = try storeOptions.open()
                let today = try options.date().description
                let request = SignatureRequest(signatory: signatory, method: method, date: try date.map { try Today.parse($0, option: "--date") },
                                               typedName: typedName, words: words, paperHeldAt: paperHeldAt)
                let record = try attempt { () throws(LetterError) in
                    try queue.sign(request, agreement: text, case: loaded, today: today, by: actor)
                }
                let status = try attempt { () throws(LetterError) in try queue.agreementStatus(agreement: text, case: loaded, by: actor) }
                print("\(record.personName ?? signatory) (\(signatory)) signed version \(record.version) of the outcome agreement of case \(loaded.reference): \(method.label), on \(CalendarDate(iso: record.onDate)!.formatted()), witnessed by \(record.staffName)")
                let missing = status.unsigned
                print(missing.isEmpty ? "everyone has signed; next: rj agreement seal \(options.caseFile) --out agreement.pdf"
                      : "still to sign: \(missing.joined(separator: ", "))")
            }
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Say who has signed the agreement as it reads now, who must sign again, and whether it is sealed.")
        @OptionGroup var options: CaseOptions
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            try reportingFailures {
                let (loaded, _, text) = try options.agreement()
                let actor = try storeOptions.actor()
                let queue = try storeOptions.open()
                let status = try attempt { () throws(LetterError) in try queue.agreementStatus(agreement: text, case: loaded, by: actor) }
                print(StatusReport.lines(status).joined(separator: "\n"))
            }
        }
    }

    struct Seal: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Seal the agreement once every signatory has signed: a PDF signed with the service's seal.",
            discussion: """
                Needs the facilitator or supervisor role. Prints the agreement with its signing \
                record (each signature's name, method, date and witness) through WeasyPrint, \
                signs the PDF inside the file (PAdES B-B, readable by PDF readers and pdfsig), \
                and records the seal and the PDF's SHA-256 in the store and on the audit trail. \
                It never writes over a file, and seals a text once: --again makes another \
                sealed copy of the same text (when one was lost).

                Example:
                  rj agreement seal case.yml --out agreement.pdf --as kturner
                """)
        @OptionGroup var options: CaseOptions
        @OptionGroup var storeOptions: StoreOptions
        @OptionGroup var seal: SealOptions
        @Option(name: .shortAndLong, help: ArgumentHelp("The PDF to write (atomically); never an existing file.", valueName: "file")) var out: String
        @Flag(help: "Seal the same text again, as another sealed copy (when one was lost).") var again = false

        func run() throws {
            try reportingFailures {
                let (loaded, renderer, _) = try options.agreement()
                let actor = try storeOptions.actor()
                let queue = try storeOptions.open()
                let key = try seal.read()
                try AtomicFile.checkWritable(out)
                if FileManager.default.fileExists(atPath: out) {
                    throw CommandFailure(file: out, message: "already exists; a sealed copy is never written over",
                                         hint: "choose another file name", exitCode: ExitStatus.badInput)
                }
                let today = try options.date()
                let sealed = try attemptAgreement { () throws(AgreementError) in
                    try Agreement.seal(loaded, renderer: renderer, queue: queue, key: key, today: today, again: again, by: actor)
                }
                try AtomicFile.write(Data(sealed.pdf), to: out)
                print("sealed version \(sealed.record.version) of the outcome agreement of case \(loaded.reference), signed by \(sealed.sealRecord.signatures.map(\.name).joined(separator: ", "))")
                print("wrote \(out) (PDF SHA-256 \(sealed.record.pdfHash ?? "?"))")
                print("check a copy with: rj agreement verify \(out) --key \(seal.certificatePath)")
            }
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check that a PDF is a sealed agreement of this service, unchanged, and say who signed it and when.",
            discussion: """
                Needs only the service's certificate, not the store. Exit 0 when the file is \
                exactly as the service sealed it; 1 when it was changed, added to, sealed by \
                someone else, or is not sealed.

                Example:
                  rj agreement verify agreement.pdf --key rj-seal.crt
                """)
        @Argument(help: "The PDF to check.") var file: String
        @Option(help: ArgumentHelp("The service's seal certificate (default: $RJ_SEAL_CERTIFICATE, else rj-seal.crt here).",
                                   valueName: "certificate"))
        var key: String?

        func run() throws {
            try reportingFailures {
                let data = try InputFile(path: file).bytes
                let path = key ?? StoreOptions.environment("RJ_SEAL_CERTIFICATE") ?? "rj-seal.crt"
                let certificate: SealCertificate? = FileManager.default.fileExists(atPath: path)
                    ? try attemptAgreement { () throws(AgreementError) in try SealCertificate.read(path: path) } : nil
                if certificate == nil && key != nil {
                    throw CommandFailure(file: path, message: "no such certificate", hint: "name the service's seal certificate (rj-seal.crt)")
                }
                let result = try attemptAgreement { () throws(AgreementError) in try Agreement.verify(Array(data), certificate: certificate) }
                for line in StatusReport.lines(result, file: file) { print(line) }
                if !result.isValid { throw ExitCode(ExitStatus.refused) }
            }
        }
    }

    struct Copies: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record that someone was given their copy of the agreement, or list who has theirs.",
            discussion: """
                Everyone involved receives a copy (BPG 2011 §3b.10). With --to, records that the \
                person (a participant id in the agreement's copies) was given theirs, --method \
                how, --date when; needs the facilitator or supervisor role. Without it, lists who \
                has theirs and who has not.

                Examples:
                  rj agreement copies case.yml --to margaret --method "in person" --as ahussain
                  rj agreement copies case.yml --as ahussain
                """)
        @OptionGroup var options: CaseOptions
        @OptionGroup var storeOptions: StoreOptions
        @Option(help: ArgumentHelp("Who was given their copy: a participant id.", valueName: "id")) var to: String?
        @Option(help: ArgumentHelp("How: in person, by post, by email…", valueName: "how")) var method: String?
        @Option(help: ArgumentHelp("When, YYYY-MM-DD (default: today).", valueName: "date")) var date: String?

        func validate() throws {
            if to != nil && method == nil { throw ValidationError("say how the copy was given with --method") }
            if to == nil && (method != nil || date != nil) { throw ValidationError("--method and --date go with --to ID") }
        }

        func run() throws {
            try reportingFailures {
                let (loaded, _, text) = try options.agreement()
                let actor = try storeOptions.actor()
                let queue = try storeOptions.open()
                if let to, let method {
                    let today = try options.date().description
                    let day = try date.map { try Today.parse($0, option: "--date") }
                    let record = try attempt { () throws(LetterError) in
                        try queue.recordCopy(to: to, method: method, date: day, agreement: text, case: loaded, today: today, by: actor)
                    }
                    print("recorded: \(record.personName ?? to) (\(to)) was given their copy of version \(record.version), \(method), on \(CalendarDate(iso: record.onDate)!.formatted())")
                }
                let status = try attempt { () throws(LetterError) in try queue.agreementStatus(agreement: text, case: loaded, by: actor) }
                let given = Set(status.copies.compactMap(\.person))
                let holders = loaded.agreement?.copies ?? []
                for record in status.copies where to == nil {
                    print("  \(record.personName ?? "?") (\(record.person ?? "?")): version \(record.version), \(record.method ?? "?"), \(CalendarDate(iso: record.onDate)?.formatted() ?? record.onDate), by \(record.staffName)")
                }
                let waiting = holders.filter { !given.contains($0) }
                print(waiting.isEmpty ? "everyone named in copies has theirs" : "still to be given a copy: \(waiting.joined(separator: ", "))")
            }
        }
    }
}

/// What status and verify print: a facilitator's sentences.
enum StatusReport {
    static func day(_ iso: String) -> String { CalendarDate(iso: iso)?.formatted() ?? iso }

    static func lines(_ status: AgreementStatus) -> [String] {
        var lines = ["Outcome agreement of case \(status.caseReference), version \(status.version) (text SHA-256 \(status.text.hash.prefix(16))…)"]
        if status.changedSinceSigned {
            lines.append("The text has changed since it was last signed: earlier signatures no longer count, and the earlier version is kept.")
        }
        for (id, name) in status.signatories {
            if let signature = status.signed[id] {
                var how = signature.signatureMethod?.label ?? signature.method ?? "signed"
                if let typed = signature.typedName { how += " “\(typed)”" }
                lines.append("  signed       \(name) (\(id)): \(how), \(day(signature.onDate)), witnessed by \(signature.staffName)")
            } else if let old = status.mustSignAgain[id] {
                lines.append("  sign again   \(name) (\(id)): signed version \(old.version) on \(day(old.onDate)), not this text")
            } else {
                lines.append("  not signed   \(name) (\(id))")
            }
        }
        for earlier in status.history where earlier.kind == .seal && earlier.textHash != status.text.hash {
            lines.append("Version \(earlier.version) was sealed on \(day(earlier.onDate)) by \(earlier.staffName); that seal is of the earlier text.")
        }
        if let seal = status.seal {
            lines.append("Sealed on \(day(seal.onDate)) by \(seal.staffName) (PDF SHA-256 \(seal.pdfHash?.prefix(16) ?? "?")…)"
                         + (status.seals.count > 1 ? "; \(status.seals.count) sealed copies made." : "."))
        } else if status.isFullySigned {
            lines.append("Everyone has signed; not sealed yet (rj agreement seal).")
        } else {
            lines.append("Not sealed: it is sealed once everyone has signed.")
        }
        if !status.copies.isEmpty {
            lines.append("Copies of version \(status.version) given: " + status.copies.map { "\($0.person ?? "?") (\(day($0.onDate)))" }.joined(separator: ", "))
        }
        return lines
    }

    static func lines(_ result: SealVerification, file: String) -> [String] {
        var lines: [String] = []
        let whose = result.record.map { "a sealed outcome agreement of \($0.service)" } ?? "a signed PDF"

        if !result.unchanged {
            lines.append("\(file): CHANGED: its bytes are not the ones sealed; do not rely on this copy")
        } else if result.addedAfter > 0 {
            lines.append("\(file): CHANGED: \(result.addedAfter) bytes were added after it was sealed; what was sealed is unchanged, but the file is not the sealed copy")
        } else if result.isServiceCertificate == false {
            lines.append("\(file): NOT THIS SERVICE'S SEAL: it is sealed, and unchanged since, with a certificate (SHA-256 \(result.certificate.fingerprint)) that is not the one given; whatever name it carries, do not rely on it as the service's")
        } else if result.isServiceCertificate == nil {
            lines.append("\(file): NOT CHECKED: no certificate was given, so whose seal this is cannot be said (the file names \(result.certificate.subject), certificate SHA-256 \(result.certificate.fingerprint)); give the service's certificate with --key rj-seal.crt")
        } else if result.record == nil {
            lines.append("\(file): sealed by this service's key and unchanged, but it carries no signing record")
        } else {
            lines.append("\(file): \(whose), unchanged since it was sealed")
        }
        if let record = result.record {
            if !result.isValid { lines.append("  what the file says (not to be relied on):") }
            lines.append("  case \(record.caseReference), version \(record.version); text SHA-256 \(record.textHash)")
            lines.append("  sealed on \(day(record.sealedOn)) by \(record.sealedBy)")
            for signature in record.signatures {
                lines.append("  signed by \(signature.name): \(signature.method), \(day(signature.date)), witnessed by \(signature.witness)")
            }
        }
        return lines
    }
}
