@testable import Agreements
import Foundation
import Testing

/// The seal inside the PDF: a detached CMS signature over every byte but
/// itself. On a small PDF written here, so that these run everywhere; with
/// poppler's pdfsig, as a PDF reader sees it, where poppler is installed.
struct SealTests {
    static let key = try! SealKey.make(serviceName: "Northfield Restorative Justice Service")
    static let record = SealRecord(
        service: "Northfield Restorative Justice Service", caseReference: "NRJ-2026-0142", version: 1,
        textHash: String(repeating: "ab", count: 32), sealedBy: "Amira Hussain", sealedOn: "2026-03-14",
        signatures: [.init(name: "Margaret Ellis", method: "typed signature", date: "2026-03-14", witness: "Amira Hussain")])

    /// A one-page PDF with a classic cross-reference table, as WeasyPrint writes.
    static func smallPDF() -> [UInt8] {
        let bodies = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [ 3 0 R ] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [ 0 0 595 842 ] /Contents 4 0 R /Resources << >> >>",
            "<< /Length 5 >>\nstream\nBT ET\nendstream",
        ]
        var pdf = Array("%PDF-1.7\n".utf8)
        var offsets: [Int] = []
        for (index, body) in bodies.enumerated() {
            offsets.append(pdf.count)
            pdf += Array("\(index + 1) 0 obj\n\(body)\nendobj\n".utf8)
        }
        let xref = pdf.count
        var table = "xref\n0 \(bodies.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { table += String(format: "%010d 00000 n \n", offset) }
        table += "trailer\n<<\n/Size \(bodies.count + 1)\n/Root 1 0 R\n>>\nstartxref\n\(xref)\n%%EOF\n"
        return pdf + Array(table.utf8)
    }

    static func sealed() throws -> [UInt8] {
        try PDFSeal.seal(smallPDF(), record: record, key: key, at: Date(timeIntervalSince1970: 1_773_480_000))
    }

    @Test func aSealedPDFVerifiesWithItsCertificateAndCarriesItsRecord() throws {
        let result = try PDFSeal.verify(try Self.sealed(), certificate: Self.key.certificate)
        #expect(result.unchanged && result.addedAfter == 0 && result.isServiceCertificate == true)
        #expect(result.record == Self.record)
        #expect(result.isValid)
        #expect(result.certificate.subject.contains("Northfield Restorative Justice Service agreement seal"))
    }

    @Test func everyByteOfTheSignedRangeIsCovered() throws {
        let pdf = try Self.sealed()
        let contents = try #require(PDFFile.lastIndex(of: Array("/Contents <".utf8), in: pdf, before: pdf.count))
        let start = contents + "/Contents ".utf8.count, end = start + PDFSeal.signatureRoom * 2 + 2
        var checked = 0
        for position in stride(from: 0, to: pdf.count, by: 7) where position < start || position >= end {
            var changed = pdf
            changed[position] ^= 0x01
            let result = try? PDFSeal.verify(changed, certificate: Self.key.certificate)
            #expect(result?.isValid != true, "a change at byte \(position) went unseen")
            checked += 1
        }
        #expect(checked > 100)
    }

    @Test func aDamagedFileIsRefusedNeverTrusted() throws {
        let pdf = try Self.sealed()
        // Cut short anywhere, or with its byte ranges rewritten to nonsense: refused or found changed, never valid.
        for length in stride(from: 0, to: pdf.count, by: 53) {
            #expect((try? PDFSeal.verify(Array(pdf.prefix(length)), certificate: Self.key.certificate))?.isValid != true)
        }
        let at = try #require(PDFFile.lastIndex(of: Array("/ByteRange [".utf8), in: pdf, before: pdf.count)) + "/ByteRange [".utf8.count
        for ranges in ["0 10 11 5", "0 10 9 5", "0 99999999 99999999 1", "0 -1 2 3", "1 2 3 4"] {
            var changed = pdf
            let padded = Array((ranges + String(repeating: " ", count: PDFSeal.byteRangeWidth)).utf8.prefix(PDFSeal.byteRangeWidth - 2))
            changed.replaceSubrange(at..<at + padded.count, with: padded)
            #expect((try? PDFSeal.verify(changed, certificate: Self.key.certificate))?.isValid != true, "\(ranges)")
        }
    }

    @Test func bytesAddedAfterTheSealShow() throws {
        let result = try PDFSeal.verify(try Self.sealed() + Array("\n9 0 obj\n(later)\nendobj\n".utf8), certificate: Self.key.certificate)
        #expect(result.unchanged && result.addedAfter == 24 && !result.isValid)
    }

    @Test func anotherServicesSealIsNotThisServices() throws {
        let other = try SealKey.make(serviceName: "Another Service")
        let result = try PDFSeal.verify(try Self.sealed(), certificate: other.certificate)
        #expect(result.unchanged && result.isServiceCertificate == false && !result.isValid)
        // Without a certificate, only whether it is unchanged can be said.
        let unknown = try PDFSeal.verify(try Self.sealed(), certificate: nil)
        #expect(unknown.unchanged && unknown.isServiceCertificate == nil && !unknown.isValid)
    }

    @Test func aPDFWithoutASealIsSaidToBeNone() {
        #expect(throws: AgreementError.self) { try PDFSeal.verify(Self.smallPDF(), certificate: Self.key.certificate) }
        #expect(throws: AgreementError.self) { try PDFSeal.seal(Array("not a pdf".utf8), record: Self.record, key: Self.key, at: Date()) }
    }

    @Test func theKeyFileIsItsOwnersAloneAndNeverOverwritten() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rj-seal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let keyPath = folder.appendingPathComponent("rj-seal.key").path, certificatePath = folder.appendingPathComponent("rj-seal.crt").path
        try Self.key.save(keyPath: keyPath, certificatePath: certificatePath)
        let mode = try FileManager.default.attributesOfItem(atPath: keyPath)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let read = try SealKey.read(keyPath: keyPath, certificatePath: certificatePath)
        #expect(read.certificate == Self.key.certificate)
        #expect(throws: AgreementError.self) { try Self.key.save(keyPath: keyPath, certificatePath: certificatePath + ".2") }
        // A certificate that is not the key's, and a key others can read, are refused.
        let other = folder.appendingPathComponent("other.crt").path
        try SealKey.make(serviceName: "Other").save(keyPath: folder.appendingPathComponent("other.key").path, certificatePath: other)
        #expect(throws: AgreementError.self) { try SealKey.read(keyPath: keyPath, certificatePath: other) }
        chmod(keyPath, 0o644)
        #expect(throws: AgreementError.self) { try SealKey.read(keyPath: keyPath, certificatePath: certificatePath) }
    }

    @Test(.enabled(if: Tool.path("pdfsig") != nil, "poppler's pdfsig is not installed (apt-get install poppler-utils)"))
    func pdfsigSaysTheSealIsValidAndThatAChangedFileIsNot() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rj-pdfsig-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // Every new key's seal, not one lucky one: each certificate has a random serial number.
        for round in 0..<8 {
            let key = try SealKey.make(serviceName: "Northfield Restorative Justice Service")
            let file = folder.appendingPathComponent("key-\(round).pdf")
            try Data(try PDFSeal.seal(Self.smallPDF(), record: Self.record, key: key, at: Date())).write(to: file)
            let output = try Tool.run("pdfsig", [file.path])
            #expect(output.contains("Signature Validation: Signature is Valid."), "seal \(round): \(output)")
            #expect(output.contains("Common Name: Northfield Restorative Justice Service agreement seal"))
        }
        let pdf = try Self.sealed()
        let good = folder.appendingPathComponent("good.pdf"), bad = folder.appendingPathComponent("bad.pdf")
        try Data(pdf).write(to: good)
        var changed = pdf
        // One letter of the page's content: the file still reads, and its digest no longer matches.
        changed[try #require(PDFFile.firstIndex(of: Array("BT ET".utf8), in: pdf, from: 0))] ^= 0x01
        try Data(changed).write(to: bad)
        let valid = try Tool.run("pdfsig", [good.path])
        #expect(valid.contains("Signature Validation: Signature is Valid."))
        #expect(valid.contains("ETSI.CAdES.detached") && valid.contains("Total document signed"))
        let invalid = try Tool.run("pdfsig", [bad.path])
        #expect(!invalid.contains("Signature is Valid."))
        #expect(invalid.contains("Digest Mismatch"))
    }
}

/// Programs the tests read PDFs back with.
enum Tool {
    static func path(_ name: String) -> String? {
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs a program and returns what it printed (both streams).
    static func run(_ name: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(path(name)))
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
