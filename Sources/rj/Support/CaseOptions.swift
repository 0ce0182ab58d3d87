import ArgumentParser
import CaseFiles
import Documents
import Foundation
import Templating

/// The options every case command shares: the case file, the service file,
/// a service's own templates, and the date documents are made on.
struct CaseOptions: ParsableArguments {
    @Argument(help: "The case file (YAML or JSON).")
    var caseFile: String

    @Option(help: ArgumentHelp("The service file (default: service.yml beside the case file).", valueName: "file"))
    var service: String?

    @Option(help: ArgumentHelp("A folder of the service's own templates; any it lacks come from the shipped ones.",
                               valueName: "folder"))
    var templates: String?

    @Option(help: ArgumentHelp("The date documents are made on, YYYY-MM-DD (default: today).", valueName: "date"))
    var today: String?

    func loadCase() throws -> Case { try Self.loadCase(caseFile) }

    /// Reads a case file, or fails with every problem in it, placed.
    static func loadCase(_ path: String) throws -> Case {
        guard FileManager.default.fileExists(atPath: path) else {
            throw CommandFailure(file: path, message: "no such file", hint: "check the path and try again")
        }
        do {
            return try Case.load(path: path)
        } catch {
            throw CommandFailure(lines: error.errors.map(\.description), exitCode: 2)
        }
    }

    func loadService() throws -> Service {
        try Self.loadService(service ?? URL(fileURLWithPath: caseFile).deletingLastPathComponent().appendingPathComponent("service.yml").relativePath)
    }

    /// Reads a service file, or fails with every problem in it, placed.
    static func loadService(_ path: String) throws -> Service {
        guard FileManager.default.fileExists(atPath: path) else {
            throw CommandFailure(file: path, message: "no service file",
                                 hint: "write one (name, retention, complaints, support_services) or pass --service FILE")
        }
        do {
            return try Service.load(path: path)
        } catch {
            throw CommandFailure(lines: error.errors.map(\.description), exitCode: 2)
        }
    }

    func date() throws -> CalendarDate {
        if let today {
            guard let date = CalendarDate(iso: today) else {
                throw CommandFailure(message: "--today \(today) is not a date", hint: "write it as YYYY-MM-DD")
            }
            return date
        }
        return Today.date
    }

    func renderer(redact: Bool, draft: Bool, bilingual: Bool = false) throws -> DocumentRenderer {
        let settings = DocumentRenderer.Settings(redact: redact, draft: draft, today: try date(), bilingual: bilingual)
        if let templates, !FileManager.default.fileExists(atPath: templates) {
            throw CommandFailure(file: templates, message: "no such folder", hint: "name the folder of the service's templates")
        }
        let service = try loadService()
        do {
            return try DocumentRenderer(service: service, settings: settings,
                                        serviceTemplates: templates.map { URL(fileURLWithPath: $0) })
        } catch {
            throw CommandFailure(lines: ["\(error)"], exitCode: 1)
        }
    }
}
