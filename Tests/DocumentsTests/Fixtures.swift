import CaseFiles
import Documents
import Foundation
import Templating
import TestSupport

enum Fixtures {
    static let checkout = Checkout.root
    static let today = CalendarDate(year: 2026, month: 3, day: 20)!
    static let exampleNames = ["burglary-adult", "criminal-damage-youth", "assault-letters-sensitive", "neighbour-dispute"]

    static func example(_ name: String) throws -> Case {
        try Case.load(path: checkout.appendingPathComponent("Examples/cases/\(name).yml").path)
    }

    static func service() throws -> Service {
        try Service.load(path: checkout.appendingPathComponent("Examples/cases/service.yml").path)
    }

    static func renderer(redact: Bool = false, draft: Bool = false) throws -> DocumentRenderer {
        try DocumentRenderer(service: try service(), settings: .init(redact: redact, draft: draft, today: today),
                             shippedTemplates: checkout.appendingPathComponent("Templates"))
    }
}
