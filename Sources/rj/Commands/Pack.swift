import ArgumentParser
import CaseFiles
import Documents
import Foundation

extension RJ {
    /// `rj pack`: information packs for participants.
    struct Pack: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a participant's information pack: one page per document, an index and a print file.",
            discussion: """
                Each pack goes in its own folder, OUT/ID/: index.html, a page per document \
                (cover letter, information sheet for their role, what happens next, their \
                information, support and complaints, consent form) and print.html with every \
                document on new pages. Large print when their access needs say so.

                Examples:
                  rj pack Examples/cases/burglary-adult.yml --for margaret --out packs
                  rj pack case.yml --all --out packs
                """
        )

        @OptionGroup var options: CaseOptions

        @Option(name: .customLong("for"), help: ArgumentHelp("The participant's id.", valueName: "id"))
        var participant: String?

        @Flag(help: "A pack for every participant.")
        var all = false

        @Option(name: .shortAndLong, help: ArgumentHelp("The folder to write the packs in.", valueName: "folder"))
        var out: String

        @Flag(help: "Print [withheld] for what the reader may not see, instead of failing.")
        var redact = false

        func validate() throws {
            guard (participant != nil) != all else {
                throw ValidationError("name one participant with --for ID, or use --all")
            }
        }

        func run() throws {
            try reportingFailures {
                let loaded = try options.loadCase()
                let renderer = try options.renderer(redact: redact, draft: false)
                let ids = all ? loaded.participants.map(\.id) : [participant!]
                // Every pack is made before any file is written: a failure leaves nothing half done.
                var packs: [InformationPack] = []
                for id in ids {
                    do {
                        packs.append(try renderer.pack(of: loaded, for: id))
                    } catch {
                        throw CommandFailure(lines: ["\(options.caseFile): pack for \(id):\n\(error)"], exitCode: 1)
                    }
                }
                for pack in packs {
                    let folder = URL(fileURLWithPath: out).appendingPathComponent(pack.participant)
                    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                    for file in pack.files {
                        try AtomicFile.write(Data(file.contents.utf8), to: folder.appendingPathComponent(file.name).relativePath)
                    }
                    print("wrote \(folder.relativePath)/ (\(pack.files.count) files; open index.html)")
                }
            }
        }
    }
}
