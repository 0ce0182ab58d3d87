import ArgumentParser
import CommonMark

extension OutputFormat: ExpressibleByArgument {}

extension RJ {
    /// `rj markdown`: render a Markdown file through cmark.
    struct Markdown: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Render a Markdown file as HTML, CommonMark, XML, LaTeX or man.",
            discussion: """
                Raw HTML in the input is left out of the rendering unless you pass \
                --unsafe; use that only for files you trust.

                Examples:
                  rj markdown Examples/documents/what-happens-next.md
                  rj markdown notes.md --to latex --smart --out notes.tex
                  cat notes.md | rj markdown -
                """
        )

        @Argument(help: "The Markdown file to read, or - for standard input.")
        var file: String

        @Option(name: .long, help: ArgumentHelp("The output format.", valueName: "format"))
        var to: OutputFormat = .html

        @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file (atomically) instead of standard output.", valueName: "file"))
        var out: String?

        @Flag(help: "Curly quotes, dashes and ellipses.")
        var smart = false

        @Flag(help: "Render soft line breaks as hard line breaks.")
        var hardBreaks = false

        @Flag(help: "Mark each block with its lines in the source.")
        var sourcepos = false

        @Flag(help: "Let raw HTML and unsafe links through. For trusted input only.")
        var unsafe = false

        func run() throws {
            try reportingFailures {
                let text = try InputFile(path: file).text()
                var options: RenderOptions = []
                if smart { options.insert(.smartPunctuation) }
                if hardBreaks { options.insert(.hardBreaks) }
                if sourcepos { options.insert(.sourcePositions) }
                if unsafe { options.insert(.unsafe) }
                let rendered = Document.render(markdown: text, as: to, options: options)
                try Output(path: out).write(rendered)
            }
        }
    }
}
