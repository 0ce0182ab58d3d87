import ArgumentParser
import CaseFiles
import Documents
import Foundation

extension DocumentKind: ExpressibleByArgument {}
extension DocumentFormat: ExpressibleByArgument {}

extension RJ {
    /// `rj render`: one document of a case, for one audience.
    struct Render: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Render one document of a case for one audience.",
            discussion: """
                A document never shows what its reader may not see: a template that would \
                is an error, or with --redact prints [withheld] instead. An outcome agreement \
                or risk assessment with guidance errors is refused, or with --draft rendered \
                marked DRAFT. The risk assessment is for the service only (--for internal).

                Documents: \(DocumentKind.allCases.map(\.rawValue).joined(separator: ", ")).

                Examples:
                  rj render case.yml --document outcome-agreement --out agreement.html
                  rj render case.yml --document risk-assessment --for internal --format md
                  rj render case.yml --document cover-letter --for margaret
                  rj render case.yml --document outcome-agreement --format pdf --out agreement.pdf

                PDF is printed by WeasyPrint (apt-get install weasyprint): A4, the service and \
                case on every page, "Page N of M", the fingerprint at the end.
                """
        )

        @OptionGroup var options: CaseOptions

        @Option(help: ArgumentHelp("The document to render.", valueName: "document"))
        var document: DocumentKind

        @Option(name: .customLong("for"),
                help: ArgumentHelp("Who reads it: a participant id, all-parties or internal (default: all-parties; internal for the risk assessment).",
                                   valueName: "audience"))
        var audience: String?

        @Option(help: ArgumentHelp("html, md, latex or pdf.", valueName: "format"))
        var format: DocumentFormat = .html

        @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file (atomically) instead of standard output.",
                                                       valueName: "file"))
        var out: String?

        @Flag(help: "Print [withheld] for what the reader may not see, instead of failing.")
        var redact = false

        @Flag(help: "Render despite guidance errors, marked DRAFT.")
        var draft = false

        @Flag(help: "For a reader of Welsh: Welsh and English side by side, Welsh first.")
        var bilingual = false

        func run() throws {
            try reportingFailures {
                let loaded = try options.loadCase()
                let renderer = try options.renderer(redact: redact, draft: draft, bilingual: bilingual)
                let reader = Audience(audience ?? (document.isInternal ? "internal" : "all-parties"))
                let rendered: RenderedDocument
                do {
                    rendered = try renderer.render(document, of: loaded, for: reader, format: format)
                } catch {
                    throw CommandFailure(lines: ["\(error)"], exitCode: 1)
                }
                for finding in rendered.findings { Terminal.error(finding.description) }
                if format == .pdf {
                    if let out { try AtomicFile.checkWritable(out) }
                    if out == nil || out == "-", isatty(STDOUT_FILENO) != 0 {
                        throw CommandFailure(message: "a PDF is not for the terminal", hint: "name a file with --out FILE.pdf",
                                             exitCode: ExitStatus.badInput)
                    }
                    let pdf: [UInt8]
                    do {
                        pdf = try PrintEngine.pdf(fromHTML: rendered.output)
                    } catch {
                        throw CommandFailure(lines: ["\(error)"], exitCode: ExitStatus.badInput)
                    }
                    if let out, out != "-" {
                        try AtomicFile.write(Data(pdf), to: out)
                    } else {
                        FileHandle.standardOutput.write(Data(pdf))
                    }
                    return
                }
                try Output(path: out).write(rendered.output)
            }
        }
    }
}
