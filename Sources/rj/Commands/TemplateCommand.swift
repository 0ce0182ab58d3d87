import ArgumentParser
import Documents
import Foundation
import Templating

extension Escaping: ExpressibleByArgument {}

extension RJ {
    /// `rj template`: render and check Markdown templates.
    struct TemplateCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "template",
            abstract: "Render a template with data, or check a folder of templates.",
            subcommands: [Render.self, Check.self]
        )
    }
}

extension RJ.TemplateCommand {
    struct Render: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Render a template with data from a YAML or JSON file.",
            discussion: """
                Values are escaped for Markdown in .md templates, so that nothing in the \
                data can turn into a heading, list, link or HTML. A name the data lacks is \
                an error that says where; --lenient renders it as nothing instead (for drafts).

                Partials ({{> name}}) are read from --partials, or else from partials/ beside \
                the template, or else from beside the template.

                Examples:
                  rj template render letter.md --data case.yml
                  rj template render agreement.md --data case.json --out agreement-draft.md
                """
        )

        @Argument(help: "The template file.")
        var template: String

        @Option(help: ArgumentHelp("The data: a YAML or JSON file.", valueName: "file"))
        var data: String

        @Option(help: ArgumentHelp("The folder partials are read from.", valueName: "folder"))
        var partials: String?

        @Option(help: ArgumentHelp("How values are escaped: markdown, html or none (default: from the template's extension).",
                                   valueName: "mode"))
        var escape: Escaping?

        @Flag(help: "Render names the data lacks as nothing instead of failing.")
        var lenient = false

        @Option(help: ArgumentHelp("Dates, money and lists in this locale: en-GB, cy-GB or en-US.", valueName: "locale"))
        var locale = "en-GB"

        @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file (atomically) instead of standard output.",
                                                       valueName: "file"))
        var out: String?

        func run() throws {
            try reportingFailures {
                let options = try TemplateFlags.options(strict: !lenient, locale: locale)
                let compiled = try TemplateFlags.compile(template, options: options, escaping: escape, partials: partials)
                let values = try TemplateFlags.loadData(data)
                let rendered: String
                do {
                    rendered = try compiled.render(values)
                } catch let error as TemplateErrors {
                    throw CommandFailure(errors: error)
                }
                try Output(path: out).write(rendered)
            }
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check that every template in a folder parses and its partials exist.",
            discussion: """
                Checks each .md, .mustache and .html file in the folder, with partials \
                from its partials/ folder. Prints one line per template, and each problem \
                with its line and column; exits 1 when any template has a problem. For \
                templates a participant reads, it gives the Flesch reading ease of the text \
                (aim for 60 or more: plain English most adults can follow).

                Example:
                  rj template check Templates
                """
        )

        @Argument(help: "The folder of templates.")
        var folder: String

        func run() throws {
            try reportingFailures {
                let url = URL(fileURLWithPath: folder)
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                    throw CommandFailure(file: folder, message: "no such folder", hint: "name the folder that holds the templates")
                }
                let partials = TemplateFlags.partialSource(beside: url.appendingPathComponent("x"), explicit: nil)
                let files = TemplateFlags.templateFiles(in: url)
                    + TemplateFlags.templateFiles(in: url.appendingPathComponent("partials"))
                var failed = 0
                for file in files {
                    do {
                        let template = try Templating.Template(contentsOf: file, partials: partials)
                        let title = template.frontMatter.title.map { "  \($0)" } ?? ""
                        var ease = ""
                        if !template.frontMatter.audience.contains("internal"),
                           let source = try? String(contentsOf: file, encoding: .utf8),
                           let score = Readability.score(template: source) {
                            let value = Int(score.fleschReadingEase.rounded())
                            ease = "  (reading ease \(value)\(value < 60 ? ": aim for 60 or more" : ""))"
                        }
                        print("ok     \(TemplateFlags.relative(file, to: url))\(title)\(ease)")
                    } catch let error as TemplateErrors {
                        failed += 1
                        print("error  \(TemplateFlags.relative(file, to: url))")
                        for problem in error.errors { Terminal.error(problem.description) }
                    }
                }
                print("\(files.count - failed) of \(files.count) templates ok")
                if failed > 0 { throw ExitCode(1) }
            }
        }
    }
}

/// What the template commands share: options, compiling and data loading with
/// errors the user can act on.
enum TemplateFlags {
    static func options(strict: Bool, locale identifier: String) throws -> TemplateOptions {
        guard let locale = TemplateLocale.builtIn[identifier] else {
            throw CommandFailure(message: "unknown locale '\(identifier)'",
                                 hint: "use one of \(TemplateLocale.builtIn.keys.sorted().joined(separator: ", "))")
        }
        return TemplateOptions(strict: strict, locale: locale)
    }

    static func compile(_ path: String, options: TemplateOptions, escaping: Escaping?, partials: String?) throws
        -> Templating.Template
    {
        let url = URL(fileURLWithPath: path)
        guard FileManager.default.fileExists(atPath: path) else {
            throw CommandFailure(file: path, message: "no such file", hint: "check the path and try again")
        }
        do {
            return try Templating.Template(contentsOf: url, options: options, escaping: escaping,
                                           partials: partialSource(beside: url, explicit: partials))
        } catch {
            throw CommandFailure(errors: error)
        }
    }

    static func loadData(_ path: String) throws -> TemplateValue {
        guard FileManager.default.fileExists(atPath: path) else {
            throw CommandFailure(file: path, message: "no such file", hint: "check the path and try again")
        }
        do {
            return try DataFile.load(URL(fileURLWithPath: path))
        } catch {
            throw CommandFailure(lines: [error.description], exitCode: 2)
        }
    }

    /// `--partials DIR` if given; else `partials/` beside the template, then the template's own folder.
    static func partialSource(beside template: URL, explicit: String?) -> any PartialSource {
        if let explicit { return DirectoryPartials(folder: URL(fileURLWithPath: explicit)) }
        let folder = template.deletingLastPathComponent()
        return LayeredPartials([DirectoryPartials(folder: folder.appendingPathComponent("partials")),
                                DirectoryPartials(folder: folder)])
    }

    static func templateFiles(in folder: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let base = folder.relativePath == "." ? "" : folder.relativePath + "/"
        return names.sorted()
            .filter { ["md", "mustache", "html"].contains(URL(fileURLWithPath: $0).pathExtension) && $0 != "README.md" }
            .map { URL(fileURLWithPath: base + $0) }
    }

    static func relative(_ file: URL, to folder: URL) -> String {
        let path = file.relativePath, base = folder.relativePath + "/"
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }
}
