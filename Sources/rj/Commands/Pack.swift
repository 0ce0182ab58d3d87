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
                document on new pages. Large print when their access needs say so. With --pdf, \
                also pack.pdf, the print file printed by WeasyPrint (apt-get install weasyprint).

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

        @Flag(help: "Also print each pack as pack.pdf, through WeasyPrint.")
        var pdf = false

        @Flag(help: "For a reader of Welsh: Welsh and English side by side, Welsh first.")
        var bilingual = false

        func validate() throws {
            guard (participant != nil) != all else {
                throw ValidationError("name one participant with --for ID, or use --all")
            }
        }

        func run() throws {
            try reportingFailures {
                let loaded = try options.loadCase()
                let renderer = try options.renderer(redact: redact, draft: false, bilingual: bilingual)
                let ids = all ? loaded.participants.map(\.id) : [participant!]
                // Every pack is made before any file is written: a failure leaves nothing half done.
                var packs: [(pack: InformationPack, pdf: [UInt8]?)] = []
                for id in ids {
                    do {
                        let pack = try renderer.pack(of: loaded, for: id)
                        packs.append((pack, pdf ? try PrintEngine.pdf(fromHTML: pack.print) : nil))
                    } catch {
                        throw CommandFailure(lines: ["\(options.caseFile): pack for \(id):\n\(error)"], exitCode: 1)
                    }
                }
                for (pack, printed) in packs {
                    let folder = URL(fileURLWithPath: out).appendingPathComponent(pack.participant)
                    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                    for file in pack.files {
                        try AtomicFile.write(Data(file.contents.utf8), to: folder.appendingPathComponent(file.name).relativePath)
                    }
                    if let printed { try AtomicFile.write(Data(printed), to: folder.appendingPathComponent("pack.pdf").relativePath) }
                    print("wrote \(folder.relativePath)/ (\(pack.files.count + (printed == nil ? 0 : 1)) files; open index.html\(printed == nil ? "" : " or pack.pdf"))")
                }
            }
        }
    }
}
