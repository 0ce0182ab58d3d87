import ArgumentParser
import Foundation

/// The `rj` command line: thin commands over the rj libraries.
@main
struct RJ: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rj",
        abstract: "Paperwork and letter screening for restorative justice services.",
        discussion: """
            rj turns case files into outcome agreements, information packs and risk \
            assessments, checks them against the Best Practice Guidance, and screens \
            letters between participants before they are handed over. `rj --version` \
            prints its version.

            Exit codes: 0 done; 1 refused or a check failed (nothing changed); 2 input \
            that cannot be used; 3 the letter store cannot be used.
            """,
        subcommands: [Check.self, Render.self, Pack.self, Actions.self, ReportCommand.self, Retention.self, SubjectAccessCommand.self, AgreementCommand.self, Keys.self, Letters.self, Staff.self, Store.self, Serve.self, TemplateCommand.self, Markdown.self]
    )

    static let release = "0.2.0"

    func run() throws {
        print(RJ.helpMessage())
    }

    /// Runs the command line. Usage errors exit 2, as bad input does in
    /// every command, and `rj help NAME` for a name that is no command says so.
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        // Only `rj --version` itself: a subcommand may have a --version of its own.
        if arguments == ["--version"] {
            print(release)
            return
        }
        do {
            if arguments.first == "help" { try checkHelpTarget(Array(arguments.dropFirst())) }
            var command = try parseAsRoot(arguments)
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                Terminal.error(fullMessage(for: error))
                Foundation.exit(ExitStatus.badInput)
            }
            exit(withError: error)
        }
    }

    /// Fails when `rj help a b` names a command that does not exist.
    static func checkHelpTarget(_ names: [String]) throws {
        var current: ParsableCommand.Type = RJ.self
        for name in names where !name.hasPrefix("-") {
            guard let next = current.configuration.subcommands.first(where: { $0._commandName == name }) else {
                let path = (["rj"] + names.prefix { $0 != name }).joined(separator: " ")
                Terminal.error("error: '\(name)' is not a command of \(path); `\(path) --help` lists them")
                Foundation.exit(ExitStatus.badInput)
            }
            current = next
        }
    }
}
