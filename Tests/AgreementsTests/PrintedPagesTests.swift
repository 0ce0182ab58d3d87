import Agreements
import CaseFiles
import Documents
import Foundation
import Templating
import TestSupport
import Testing

/// The examples printed through WeasyPrint and read back page by page with
/// poppler's pdftotext: the service and case on every page, "Page N of M",
/// and no page that holds only the footer.
@Suite(.enabled(if: PrintEngine.program != nil && Tool.path("pdftotext") != nil,
                "WeasyPrint or poppler-utils is not installed (make setup installs them)"))
struct PrintedPagesTests {
    static let service = try! Service.load(path: Checkout.path("Examples/cases/service.yml").path)
    static let renderer = try! DocumentRenderer(service: service, settings: .init(today: CalendarDate(iso: "2026-03-14")!))
    static let agreementCases = ["burglary-adult", "criminal-damage-youth", "neighbour-dispute"]

    static func load(_ name: String) throws -> Case {
        try Case.load(path: Checkout.path("Examples/cases/\(name).yml").path)
    }

    /// Each page's text.
    static func pages(of pdf: [UInt8]) throws -> [String] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("rj-pages-\(UUID().uuidString).pdf")
        try Data(pdf).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let info = try Tool.run("pdfinfo", [file.path])
        let count = try #require(info.split(separator: "\n").first { $0.hasPrefix("Pages:") }
            .flatMap { Int($0.split(separator: " ").last ?? "") })
        return try (1...count).map { try Tool.run("pdftotext", ["-f", "\($0)", "-l", "\($0)", "-layout", file.path, "-"]) }
    }

    /// What a page holds besides its running header and footer, the date line and the fingerprint.
    static func body(_ page: String, caseReference: String) -> [String] {
        page.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { line in
            !line.isEmpty && !line.hasPrefix("Page ") && !line.hasPrefix("Printed on") && !line.hasPrefix("SHA-256")
                && !line.hasPrefix("Tudalen ") && !line.hasPrefix("Argraffwyd ar")
                && !line.contains(service.name) && line != "Case \(caseReference)" && line != "Achos \(caseReference)"
                && !line.allSatisfy({ $0.isHexDigit })
        }
    }

    func checkPages(_ pages: [String], caseReference: String, what: String) {
        #expect(!pages.isEmpty)
        for (index, page) in pages.enumerated() {
            let where_ = "\(what), page \(index + 1)"
            // A Welsh reader's pages say it in Welsh.
            #expect(page.contains("Page \(index + 1) of \(pages.count)") || page.contains("Tudalen \(index + 1) o \(pages.count)"),
                    "\(where_) has no page number")
            #expect(page.contains(Self.service.name), "\(where_) has no service name at its head")
            #expect(page.contains("Case \(caseReference)") || page.contains("Achos \(caseReference)"), "\(where_) has no case reference at its head")
            #expect(!Self.body(page, caseReference: caseReference).isEmpty, "\(where_) holds only the footer")
        }
    }

    @Test(arguments: agreementCases)
    func everyPageOfAnAgreementIsNumberedHeadedAndNeverOnlyTheFooter(_ name: String) throws {
        let loaded = try Self.load(name)
        let document = try Self.renderer.render(.outcomeAgreement, of: loaded, for: .allParties, format: .pdf)
        let pages = try Self.pages(of: try PrintEngine.pdf(fromHTML: document.output))
        checkPages(pages, caseReference: loaded.reference, what: "\(name) agreement")
        // The fingerprint ends the document.
        let last = try #require(pages.last).replacingOccurrences(of: "\n", with: "").replacingOccurrences(of: " ", with: "")
        #expect(last.contains(document.fingerprint))
    }

    @Test func aLargePrintPackKeepsTheCoverLettersSignOffOnItsFirstPage() throws {
        let loaded = try Self.load("burglary-adult")
        let reader = try #require(loaded.participants.first { $0.needsLargePrint })
        let pack = try Self.renderer.pack(of: loaded, for: reader.id)
        let pages = try Self.pages(of: try PrintEngine.pdf(fromHTML: pack.print))
        checkPages(pages, caseReference: loaded.reference, what: "\(reader.id)'s large-print pack")
        let first = try #require(pages.firstIndex { $0.contains("Dear \(reader.addressAs)") })
        #expect(pages[first].contains("Yours sincerely"))
    }

    @Test(arguments: agreementCases + ["assault-letters-sensitive"])
    func everyPackPageIsNumberedAndHeaded(_ name: String) throws {
        let loaded = try Self.load(name)
        for participant in loaded.participants {
            let pack = try Self.renderer.pack(of: loaded, for: participant.id)
            checkPages(try Self.pages(of: try PrintEngine.pdf(fromHTML: pack.print)), caseReference: loaded.reference,
                       what: "\(participant.id)'s pack")
        }
    }
}
