import Foundation
import Templating

/// The desk's pages: HTML templates in `Pages/`, compiled once, every value
/// escaped for HTML, a missing name an error rather than a blank.
struct Pages: Sendable {
    let templates: [String: Template]
    let css: String
    let script: String

    init() throws {
        guard let folder = Bundle.module.url(forResource: "Pages", withExtension: nil) else {
            throw DeskError.missingPages
        }
        let partials = DirectoryPartials(folder: folder, extensions: ["html"])
        var options = TemplateOptions()
        options.escaping = .html
        var templates: [String: Template] = [:]
        for name in ["login", "queue", "letter", "letter-text", "letter-findings", "cases", "staff", "message"] {
            templates[name] = try Template(contentsOf: folder.appendingPathComponent("\(name).html"), options: options,
                                           escaping: .html, partials: partials)
        }
        self.templates = templates
        css = try String(contentsOf: folder.appendingPathComponent("desk.css"), encoding: .utf8)
        script = try String(contentsOf: folder.appendingPathComponent("desk.js"), encoding: .utf8)
    }

    func render(_ name: String, _ data: [String: TemplateValue]) throws -> String {
        try templates[name]!.render(.map(data))
    }
}

enum DeskError: Error, CustomStringConvertible {
    case missingPages
    var description: String { "the desk's page templates are missing from the build" }
}
