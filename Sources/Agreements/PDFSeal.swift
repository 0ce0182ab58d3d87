import Crypto
import Foundation
import LetterReview

/// The seal inside a PDF, as PDF readers expect it (ISO 32000-1 §12.8;
/// PAdES B-B, ETSI EN 319 142-1): an incremental update appended to the
/// file adds an invisible signature field whose signature dictionary holds
/// a detached CMS signature of every byte of the file but the signature
/// itself (`/ByteRange`). Anything changed in those bytes, or added after
/// them, shows.
///
/// It reads the classic cross-reference tables that WeasyPrint writes; a
/// file with cross-reference streams is refused with a reason.
enum PDFSeal {
    /// Room for the CMS signature, in bytes (one certificate, P-256: about 1 KB).
    static let signatureRoom = 8192
    static let byteRangeWidth = 48

    /// `pdf` with the seal appended.
    static func seal(_ pdf: [UInt8], record: SealRecord, key: SealKey, at date: Date) throws(AgreementError) -> [UInt8] {
        let file = try PDFFile(pdf)
        guard file.catalog.value("/AcroForm") == nil else {
            throw .sealFailed("the PDF already has a form or a signature; rj seals only the agreements it prints")
        }
        let page = try file.lastPage()
        let signature = file.size, widget = file.size + 1
        var objects: [(number: Int, body: String)] = []

        let catalog = file.catalog.adding("/AcroForm << /Fields [\(widget) 0 R] /SigFlags 3 >>")
        objects.append((file.root, catalog.text))
        if let annots = page.dictionary.value("/Annots") {
            if annots.hasPrefix("[") {
                objects.append((page.number, page.dictionary.replacing("/Annots", with: "[\(widget) 0 R " + annots.dropFirst()).text))
            } else if let reference = PDFFile.reference(annots), let array = try? file.object(reference), array.hasPrefix("[") {
                objects.append((reference, "[\(widget) 0 R " + array.dropFirst()))
            } else {
                throw .sealFailed("the PDF's last page lists its annotations in a way rj cannot extend")
            }
        } else {
            objects.append((page.number, page.dictionary.adding("/Annots [\(widget) 0 R]").text))
        }
        let placeholder = "[0 0 0 0" + String(repeating: " ", count: byteRangeWidth - 9) + "]"
        let signatureBody = """
            << /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached
            /ByteRange \(placeholder)
            /Contents <\(String(repeating: "0", count: signatureRoom * 2))>
            /M \(PDFText.date(date))
            /Name \(PDFText.string(record.service))
            /Reason \(PDFText.string("Outcome agreement of case \(record.caseReference), version \(record.version), signed by every signatory"))
            /RJ.Record <\(Digest.hex(record.encoded))>
            >>
            """
        objects.append((signature, signatureBody))
        objects.append((widget, """
            << /Type /Annot /Subtype /Widget /FT /Sig /T (Seal) /V \(signature) 0 R /F 132 /Rect [0 0 0 0] /P \(page.number) 0 R >>
            """))

        // The update: the objects, their cross-reference section, a trailer pointing back.
        var output = pdf
        if output.last != 0x0A { output.append(0x0A) }
        var offsets: [Int: Int] = [:]
        for object in objects {
            offsets[object.number] = output.count
            output += Array("\(object.number) 0 obj\n\(object.body)\nendobj\n".utf8)
        }
        let xref = output.count
        var table = "xref\n"
        var numbers = offsets.keys.sorted()[...]
        while let first = numbers.first {
            var run = [first]
            numbers = numbers.dropFirst()
            while let next = numbers.first, next == run.last! + 1 { run.append(next); numbers = numbers.dropFirst() }
            table += "\(run[0]) \(run.count)\n"
            for number in run { table += String(format: "%010d 00000 n \n", offsets[number]!) }
        }
        var trailer = "/Size \(file.size + 2) /Root \(file.root) 0 R /Prev \(file.startxref)"
        if let info = file.trailer.value("/Info") { trailer += " /Info \(info)" }
        if let id = file.trailer.value("/ID") { trailer += " /ID \(id)" }
        table += "trailer\n<< \(trailer) >>\nstartxref\n\(xref)\n%%EOF\n"
        output += Array(table.utf8)

        // Now the byte ranges: everything but the signature's hex string.
        guard let rangeAt = PDFFile.lastIndex(of: Array("/ByteRange [0 0 0 0".utf8), in: output, before: output.count),
              let contentsAt = PDFFile.lastIndex(of: Array("/Contents <".utf8), in: output, before: output.count)
        else { throw .sealFailed("the signature's place was lost") }
        let start = contentsAt + "/Contents ".utf8.count
        let end = start + signatureRoom * 2 + 2
        var ranges = "[0 \(start) \(end) \(output.count - end)"
        ranges += String(repeating: " ", count: byteRangeWidth - ranges.utf8.count - 1) + "]"
        output.replaceSubrange(rangeAt + "/ByteRange ".utf8.count ..< rangeAt + "/ByteRange ".utf8.count + byteRangeWidth,
                               with: Array(ranges.utf8))
        var hasher = SHA256()
        hasher.update(data: output[0..<start])
        hasher.update(data: output[end...])
        let cms = try CMSSignature.sign(digest: Array(hasher.finalize()), with: key)
        guard cms.count <= signatureRoom else { throw .sealFailed("the signature is larger than the room kept for it") }
        let hex = Array(Digest.hex(cms).utf8)
        output.replaceSubrange(start + 1 ..< start + 1 + hex.count, with: hex)
        return output
    }

    /// Checks a sealed PDF: its last signature covers the whole file but
    /// itself, the bytes are the ones signed, the signature is valid under
    /// the certificate it carries, and (when one is given) that certificate
    /// is the service's.
    static func verify(_ pdf: [UInt8], certificate expected: SealCertificate?) throws(AgreementError) -> SealVerification {
        guard let rangeAt = PDFFile.lastIndex(of: Array("/ByteRange".utf8), in: pdf, before: pdf.count) else {
            throw .notSealed("it has no signature")
        }
        let cursor = rangeAt + "/ByteRange".utf8.count
        guard let open = pdf[cursor...].firstIndex(of: UInt8(ascii: "[")), let close = pdf[open...].firstIndex(of: UInt8(ascii: "]")) else {
            throw .notSealed("its signature has no byte ranges")
        }
        let numbers = String(decoding: pdf[(open + 1)..<close], as: UTF8.self).split(separator: " ").compactMap { Int($0) }
        guard numbers.count == 4, numbers[0] == 0, numbers[1] > 0, numbers[2] >= numbers[1] + 2, numbers[3] >= 0,
              numbers[2] + numbers[3] <= pdf.count, pdf[numbers[1]] == UInt8(ascii: "<"), pdf[numbers[2] - 1] == UInt8(ascii: ">")
        else { throw .notSealed("its signature's byte ranges do not fit the file") }
        let signed = numbers[2] + numbers[3]
        guard let contents = Digest.bytes(hex: String(decoding: pdf[(numbers[1] + 1)..<(numbers[2] - 1)], as: UTF8.self)) else {
            throw .notSealed("its signature is not written in hexadecimal")
        }
        let parsed = try CMSSignature.parse(contents)
        var hasher = SHA256()
        hasher.update(data: pdf[0..<numbers[1]])
        hasher.update(data: pdf[numbers[2]..<signed])
        let digest = Array(hasher.finalize())
        let certificate = try SealCertificate(der: parsed.certificate)
        var record: SealRecord?
        if let at = PDFFile.lastIndex(of: Array("/RJ.Record <".utf8), in: pdf, before: signed), at > numbers[2],
           let end = pdf[at...].firstIndex(of: UInt8(ascii: ">")),
           let bytes = Digest.bytes(hex: String(decoding: pdf[(at + "/RJ.Record <".utf8.count)..<end], as: UTF8.self)) {
            record = SealRecord(decoding: bytes)
        }
        return SealVerification(
            unchanged: parsed.messageDigest == digest && parsed.signatureValid && parsed.namesItsCertificate,
            addedAfter: pdf.count - signed, certificate: certificate,
            isServiceCertificate: expected.map { $0 == certificate }, record: record)
    }
}

/// What checking a sealed PDF found.
public struct SealVerification: Sendable {
    /// The signed bytes are the ones sealed, under a valid signature.
    public var unchanged: Bool
    /// Bytes added to the file after the seal (0 when none).
    public var addedAfter: Int
    /// The certificate the seal carries.
    public var certificate: SealCertificate
    /// Whether that is the certificate given to check against; nil when none was given.
    public var isServiceCertificate: Bool?
    /// Who signed and when, as sealed into the file; nil when it does not carry rj's record.
    public var record: SealRecord?

    /// A sealed agreement of this service, exactly as sealed.
    public var isValid: Bool { unchanged && addedAfter == 0 && isServiceCertificate == true && record != nil }
}

/// The signing record sealed into the PDF, so that a copy can be checked
/// without the store: the case, the text's fingerprint, and each signature.
public struct SealRecord: Codable, Sendable, Equatable {
    public struct Signature: Codable, Sendable, Equatable {
        public var name: String
        public var method: String
        public var date: String
        public var witness: String
    }

    public var service: String
    public var caseReference: String
    public var version: Int
    /// SHA-256 of the agreement's text: the fingerprint printed in the document.
    public var textHash: String
    public var sealedBy: String
    public var sealedOn: String
    public var signatures: [Signature]

    var encoded: [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Array((try? encoder.encode(self)) ?? Data())
    }

    init(service: String, caseReference: String, version: Int, textHash: String, sealedBy: String, sealedOn: String,
         signatures: [Signature]) {
        self.service = service
        self.caseReference = caseReference
        self.version = version
        self.textHash = textHash
        self.sealedBy = sealedBy
        self.sealedOn = sealedOn
        self.signatures = signatures
    }

    init?(decoding bytes: [UInt8]) {
        guard let record = try? JSONDecoder().decode(SealRecord.self, from: Data(bytes)) else { return nil }
        self = record
    }
}

/// Text as PDF writes it.
enum PDFText {
    /// A text string in UTF-16BE with its byte-order mark, in hexadecimal: any character, nothing to escape.
    static func string(_ text: String) -> String {
        "<FEFF" + text.utf16.map { String(format: "%04X", $0) }.joined() + ">"
    }

    /// `(D:20261202143000Z)`.
    static func date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMddHHmmss"
        return "(D:\(formatter.string(from: date))Z)"
    }
}

/// The parts of a PDF file an incremental update needs: the last trailer,
/// the catalog, the page tree, and objects found by their numbers.
struct PDFFile {
    let bytes: [UInt8]
    let startxref: Int
    let trailer: PDFDictionary
    let size: Int
    let root: Int
    let catalog: PDFDictionary

    init(_ bytes: [UInt8]) throws(AgreementError) {
        self.bytes = bytes
        guard bytes.starts(with: Array("%PDF-".utf8)) else { throw .sealFailed("this is not a PDF file") }
        guard let at = Self.lastIndex(of: Array("startxref".utf8), in: bytes, before: bytes.count),
              let offset = Int(String(decoding: bytes[(at + 9)...].prefix(24), as: UTF8.self)
                .split(whereSeparator: \.isWhitespace).first ?? "")
        else { throw .sealFailed("the PDF has no cross-reference table") }
        startxref = offset
        guard offset < bytes.count, bytes[offset...].starts(with: Array("xref".utf8)),
              let trailerAt = Self.lastIndex(of: Array("trailer".utf8), in: bytes, before: at),
              let dictionary = PDFDictionary(bytes, at: trailerAt + 7)
        else { throw .sealFailed("the PDF uses cross-reference streams, which rj does not seal") }
        trailer = dictionary
        guard let size = dictionary.value("/Size").flatMap({ Int($0) }),
              let root = dictionary.value("/Root").flatMap(Self.reference)
        else { throw .sealFailed("the PDF's trailer names no catalog") }
        self.size = size
        self.root = root
        guard let catalog = Self.dictionary(of: root, in: bytes) else { throw .sealFailed("the PDF's catalog cannot be read") }
        self.catalog = catalog
    }

    /// The last page: where the seal's invisible field is placed.
    func lastPage() throws(AgreementError) -> (number: Int, dictionary: PDFDictionary) {
        guard var node = catalog.value("/Pages").flatMap(Self.reference) else { throw .sealFailed("the PDF has no pages") }
        for _ in 0..<32 {
            guard let dictionary = Self.dictionary(of: node, in: bytes) else { throw .sealFailed("a page of the PDF cannot be read") }
            guard let kids = dictionary.value("/Kids") else { return (node, dictionary) }
            guard let last = Self.references(kids).last else { throw .sealFailed("the PDF has no pages") }
            node = last
        }
        throw .sealFailed("the PDF's page tree is too deep")
    }

    /// The text of object `number` (its latest definition), between `obj` and `endobj`.
    func object(_ number: Int) throws -> String {
        guard let start = Self.objectStart(number, in: bytes),
              let end = Self.firstIndex(of: Array("endobj".utf8), in: bytes, from: start)
        else { throw AgreementError.sealFailed("object \(number) of the PDF cannot be read") }
        return String(decoding: bytes[start..<end], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func dictionary(of number: Int, in bytes: [UInt8]) -> PDFDictionary? {
        guard let start = objectStart(number, in: bytes) else { return nil }
        return PDFDictionary(bytes, at: start)
    }

    /// Where object `number`'s body starts: just after the last `N 0 obj` that begins a line or follows a space.
    static func objectStart(_ number: Int, in bytes: [UInt8]) -> Int? {
        let needle = Array("\(number) 0 obj".utf8)
        var before = bytes.count
        while let at = lastIndex(of: needle, in: bytes, before: before) {
            if at == 0 || [0x0A, 0x0D, 0x20].contains(bytes[at - 1]) { return at + needle.count }
            before = at
        }
        return nil
    }

    static func reference(_ text: String) -> Int? {
        let parts = text.split(separator: " ")
        guard parts.count == 3, parts[2] == "R", let number = Int(parts[0]) else { return nil }
        return number
    }

    static func references(_ array: String) -> [Int] {
        let tokens = array.trimmingCharacters(in: CharacterSet(charactersIn: "[] \n\r")).split(whereSeparator: \.isWhitespace)
        var numbers: [Int] = []
        var index = 0
        while index + 2 < tokens.count {
            if tokens[index + 2] == "R", let number = Int(tokens[index]) { numbers.append(number); index += 3 } else { index += 1 }
        }
        return numbers
    }

    static func lastIndex(of needle: [UInt8], in bytes: [UInt8], before end: Int) -> Int? {
        var index = end - needle.count
        while index >= 0 {
            if bytes[index] == needle[0] && bytes[index..<index + needle.count].elementsEqual(needle) { return index }
            index -= 1
        }
        return nil
    }

    static func firstIndex(of needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        var index = start
        while index + needle.count <= bytes.count {
            if bytes[index] == needle[0] && bytes[index..<index + needle.count].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}

/// A PDF dictionary as text, with its top-level keys and values, so that
/// one entry can be read, added or replaced and the rest kept as written.
struct PDFDictionary {
    /// Each key ("/Type") and its value's text, in order.
    private(set) var entries: [(key: String, value: String)]

    /// Reads the dictionary that starts at the first `<<` from `start`.
    init?(_ bytes: [UInt8], at start: Int) {
        var index = start
        while index < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 }
        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "<"), bytes[index + 1] == UInt8(ascii: "<"),
              let end = Self.skipValue(bytes, index)
        else { return nil }
        var cursor = index + 2
        var entries: [(String, String)] = []
        while true {
            cursor = Self.skipSpace(bytes, cursor)
            guard cursor < end - 2 else { break }
            guard bytes[cursor] == UInt8(ascii: "/"), let keyEnd = Self.skipValue(bytes, cursor) else { return nil }
            let valueStart = Self.skipSpace(bytes, keyEnd)
            guard var valueEnd = Self.skipValue(bytes, valueStart) else { return nil }
            // A reference: "12 0 R" is three tokens.
            let afterFirst = Self.skipSpace(bytes, valueEnd)
            if bytes[valueStart].isDigit, afterFirst < end, bytes[afterFirst].isDigit,
               let second = Self.skipValue(bytes, afterFirst) {
                let afterSecond = Self.skipSpace(bytes, second)
                if afterSecond < end, bytes[afterSecond] == UInt8(ascii: "R") { valueEnd = afterSecond + 1 }
            }
            entries.append((String(decoding: bytes[cursor..<keyEnd], as: UTF8.self),
                            String(decoding: bytes[valueStart..<valueEnd], as: UTF8.self)))
            cursor = valueEnd
        }
        self.entries = entries
    }

    func value(_ key: String) -> String? { entries.first { $0.key == key }?.value }

    func adding(_ entry: String) -> PDFDictionary {
        var copy = self
        copy.entries.append((entry, ""))
        return copy
    }

    func replacing(_ key: String, with value: String) -> PDFDictionary {
        var copy = self
        copy.entries = entries.map { $0.key == key ? ($0.key, value) : $0 }
        return copy
    }

    var text: String { "<<\n" + entries.map { $0.value.isEmpty ? $0.key : "\($0.key) \($0.value)" }.joined(separator: "\n") + "\n>>" }

    static func skipSpace(_ bytes: [UInt8], _ start: Int) -> Int {
        var index = start
        while index < bytes.count {
            if [0x20, 0x0A, 0x0D, 0x09, 0x0C, 0x00].contains(bytes[index]) { index += 1; continue }
            if bytes[index] == UInt8(ascii: "%") {
                while index < bytes.count, bytes[index] != 0x0A, bytes[index] != 0x0D { index += 1 }
                continue
            }
            break
        }
        return index
    }

    /// The index just after the value (or key) starting at `start`.
    static func skipValue(_ bytes: [UInt8], _ start: Int) -> Int? {
        guard start < bytes.count else { return nil }
        var index = start
        switch bytes[index] {
        case UInt8(ascii: "<") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "<"):
            index += 2
            while index < bytes.count {
                index = skipSpace(bytes, index)
                guard index < bytes.count else { return nil }
                if bytes[index] == UInt8(ascii: ">") && index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: ">") {
                    return index + 2
                }
                guard let next = skipValue(bytes, index) else { return nil }
                index = next
            }
            return nil
        case UInt8(ascii: "<"):
            return bytes[index...].firstIndex(of: UInt8(ascii: ">")).map { $0 + 1 }
        case UInt8(ascii: "["):
            index += 1
            while index < bytes.count {
                index = skipSpace(bytes, index)
                guard index < bytes.count else { return nil }
                if bytes[index] == UInt8(ascii: "]") { return index + 1 }
                guard let next = skipValue(bytes, index) else { return nil }
                index = next
            }
            return nil
        case UInt8(ascii: "("):
            var depth = 0
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\\"): index += 1
                case UInt8(ascii: "("): depth += 1
                case UInt8(ascii: ")"):
                    depth -= 1
                    if depth == 0 { return index + 1 }
                default: break
                }
                index += 1
            }
            return nil
        default:
            // A name, number or keyword: up to the next space or delimiter.
            index += 1
            while index < bytes.count, !Self.ends(bytes[index]) { index += 1 }
            return index
        }
    }

    static func ends(_ byte: UInt8) -> Bool {
        [0x20, 0x0A, 0x0D, 0x09, 0x0C, 0x00].contains(byte) || Array("()<>[]{}/%".utf8).contains(byte)
    }
}

extension UInt8 {
    var isDigit: Bool { self >= 0x30 && self <= 0x39 }
}
