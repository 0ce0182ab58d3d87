import ArgumentParser

/// The `rj` command line: thin commands over the rj libraries.
@main
struct RJ: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rj",
        abstract: "Paperwork and letter screening for restorative justice services.",
        discussion: """
            rj turns case files into outcome agreements, information packs and risk \
            assessments, checks them against the Best Practice Guidance, and screens \
            letters between participants before they are handed over.
            """,
        version: RJ.version,
        subcommands: [Check.self, Render.self, Pack.self, Letters.self, TemplateCommand.self, Markdown.self]
    )

    static let version = "0.1.0"
}
