import ArgumentParser
import CaseFiles
import Foundation
import LetterReview
import Reports
import Templating

extension RJ {
    /// `rj subject-access`: a copy of what the service holds about one participant.
    struct SubjectAccessCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "subject-access",
            abstract: "Make a copy of everything the service holds about one participant, for their request to see it.",
            discussion: """
                Writes FOLDER/index.html (to read or print) and FOLDER/subject-access.json: their \
                own details and feedback, the case as they may see it, the information about them \
                or shared with them, the agreement with their signatures and copies, the letters \
                they wrote (every version, as written) and the letters released to them (as handed \
                over), each with its steps but not who took them. What they may not see is not \
                read out: another participant's name appears only where that participant agreed, \
                and the service's own records (referral, risk assessment, notes) are listed as \
                left out, for the data protection lead to decide on (UK GDPR Art. 15; BPG 2011 §G.5).

                Reading the letter store needs a member of staff who may read letters (--as); each \
                letter read goes on the audit trail. --no-letters leaves the store out, saying so \
                in the copy. The folder is written whole or not at all.

                Examples:
                  rj subject-access Examples/cases/burglary-adult.yml --participant margaret --out sar-margaret --as kturner
                  rj subject-access case.yml --participant kai --out sar-kai --no-letters
                """
        )

        @OptionGroup var caseOptions: CaseOptions

        @Option(help: ArgumentHelp("Whose information: their participant id in the case.", valueName: "id"))
        var participant: String

        @Option(name: .shortAndLong, help: ArgumentHelp("The folder to write (it must not exist yet, or be empty).",
                                                       valueName: "folder"))
        var out: String

        @Flag(help: "Leave the letter store out (the copy says so).")
        var noLetters = false

        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            try reportingFailures {
                let loaded = try caseOptions.loadCase()
                let service = try caseOptions.loadService()
                let today = try caseOptions.date()
                guard loaded.participant(participant) != nil else {
                    throw CommandFailure(file: caseOptions.caseFile, message: "the case has no participant '\(participant)'",
                                         hint: "its participants are \(loaded.participants.map(\.id).joined(separator: ", "))")
                }
                try Self.checkFolder(out)
                var records: ParticipantRecords?
                if !noLetters {
                    guard let actor = storeOptions.actorIfNamed else {
                        throw CommandFailure(message: "reading the letter store needs a member of staff who may read letters",
                                             hint: "say who you are with --as STAFF-ID (or RJ_AS), or leave the letters out with --no-letters")
                    }
                    let queue = try storeOptions.open()
                    records = try attempt { () throws(LetterError) in
                        try queue.subjectAccess(case: loaded, participant: participant, by: actor)
                    }
                }
                let export = try SubjectAccess(case: loaded, participant: participant, service: service, records: records, today: today)
                try Self.writeFolder(out, files: ["index.html": export.html(service: service.name),
                                                  "subject-access.json": export.json])
                let letters = records.map { " and \($0.letters.count) letter\($0.letters.count == 1 ? "" : "s")" } ?? " (letters left out)"
                print("wrote \(out)/index.html and \(out)/subject-access.json: what the service holds about \(participant) in case \(loaded.reference)\(letters)")
            }
        }

        static func checkFolder(_ path: String) throws {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return }
            guard isFolder.boolValue, (try? FileManager.default.contentsOfDirectory(atPath: path))?.isEmpty == true else {
                throw CommandFailure(file: path, message: "already exists and is not an empty folder",
                                     hint: "name a new folder, so that no earlier copy is mixed with this one")
            }
        }

        /// Writes every file into a new folder beside `path`, then renames it into place.
        static func writeFolder(_ path: String, files: [String: String]) throws {
            let target = URL(fileURLWithPath: path)
            let staging = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString.prefix(8))")
            do {
                try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false,
                                                        attributes: [.posixPermissions: 0o700])
                for (name, text) in files {
                    try Data(text.utf8).write(to: staging.appendingPathComponent(name), options: .atomic)
                }
                if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(at: target) }
                try FileManager.default.moveItem(at: staging, to: target)
            } catch {
                try? FileManager.default.removeItem(at: staging)
                throw CommandFailure(file: path, message: "cannot write the folder", hint: "check that its parent folder exists and is writable")
            }
        }
    }
}
