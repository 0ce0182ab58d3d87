import Foundation

/// What an audit entry records.
public enum AuditAction: String, Codable, Sendable, CaseIterable {
    case submit, revise, approve, `return`, redact, reject, withdraw, consent, hold, release
    case followUp = "follow-up"
    case staffAdd = "staff-add"
    case staffChange = "staff-change"
    case staffDisable = "staff-disable"
    case staffPassword = "staff-password"
    case staffOneTimeCode = "staff-one-time-code"
    /// A letter was read: who read what, when. Changes no record.
    case view
    case signIn = "sign-in"
    case signInFailed = "sign-in-failed"
    case signOut = "sign-out"
    /// A signatory signed a version of a case's outcome agreement.
    case agreementSign = "agreement-sign"
    /// The service sealed an agreement every signatory had signed.
    case agreementSeal = "agreement-seal"
    /// Someone was given their copy of the agreement.
    case agreementCopy = "agreement-copy"
    /// A record deleted when its case's retention period ended: its last entry.
    case retentionDelete = "retention-delete"

    /// Whether the entry records a record's new state; views and sign-ins do not.
    public var changesRecord: Bool { ![.view, .signIn, .signInFailed, .signOut].contains(self) }
}

/// One step on the audit trail: who did what, from which account, and a
/// digest of the record's state after it. Each entry is sealed with the
/// service key over its own fields and the seal of the entry before it, so an
/// entry altered, removed or forged breaks the chain, and a record changed
/// outside rj no longer matches its last entry.
public struct AuditEntry: Codable, Sendable, Equatable {
    public var sequence: Int64
    /// The letter it concerns, if any.
    public var letterId: Int64?
    /// The member of staff whose record it changed, if any.
    public var staffMember: String?
    /// An ``AuditAction`` by name.
    public var action: String
    /// The staff id of who acted.
    public var actor: String
    /// The operating-system account (or, later, the signed-in session) it came from.
    public var account: String
    /// What was done, as a JSON object with sorted keys.
    public var detail: String
    /// The state of the record after the change, part by part (``RecordState``).
    public var state: String
    public var at: String
    /// The seal of the entry before it in the same office's chain.
    public var previousSeal: String
    public var seal: String
    /// The office whose chain it is on: the letter's, or the member of staff's.
    public var office: String

    public var kind: AuditAction? { AuditAction(rawValue: action) }

    /// The details, or an empty map when they cannot be read.
    public var details: [String: String] {
        // Reads and most sign-ins record nothing more: no decoder for them.
        if detail == "{}" || detail.isEmpty { return [:] }
        if let flat = FlatJSON.object(detail) { return flat }
        return (try? JSONDecoder().decode([String: String].self, from: Data(detail.utf8))) ?? [:]
    }

    static let genesis = String(repeating: "0", count: 64)

    /// Every field but the seal, each length-prefixed so that no two entries
    /// share a text.
    var canonical: String {
        var text = Canonical()
        text.add(String(sequence))
        text.add(letterId.map(String.init))
        text.add(staffMember)
        text.add(action)
        text.add(actor)
        text.add(account)
        text.add(detail)
        text.add(state)
        text.add(at)
        text.add(previousSeal)
        // Entries of the main office read as they did before offices, so that older trails still verify.
        if office != StaffMember.mainOffice { text.add(office) }
        return text.value
    }

    static func encode(_ detail: [String: String]) -> String {
        if detail.isEmpty { return "{}" }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(detail)) ?? Data("{}".utf8), as: UTF8.self)
    }
}

/// A text that joins fields without ambiguity: each is its length, a colon,
/// the field and a comma; a missing field is a dash.
struct Canonical {
    private(set) var value = ""

    mutating func add(_ field: String?) {
        guard let field else {
            value += "-,"
            return
        }
        value += "\(field.utf8.count):\(field),"
    }

    mutating func add(_ field: Int) { add(String(field)) }
    mutating func add(_ field: Int64?) { add(field.map(String.init)) }
    mutating func add(_ field: Bool) { add(field ? "1" : "0") }
    mutating func add<T: RawRepresentable>(_ field: T?) where T.RawValue == String { add(field?.rawValue) }
}

/// A JSON object of strings, as the trail's details are written, read
/// without a decoder: a page of the trail reads hundreds. Anything else
/// (another shape, an escape it does not know) gives nil, for the decoder.
enum FlatJSON {
    static func object(_ text: String) -> [String: String]? {
        var text = text
        return text.withUTF8 { bytes -> [String: String]? in
            var index = 0
            func skipSpace() { while index < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 } }
            func expect(_ byte: UInt8) -> Bool {
                skipSpace()
                guard index < bytes.count, bytes[index] == byte else { return false }
                index += 1
                return true
            }
            func hex4() -> UInt32? {
                guard index + 4 <= bytes.count else { return nil }
                var value: UInt32 = 0
                for byte in bytes[index..<index + 4] {
                    guard let digit = Character(Unicode.Scalar(byte)).hexDigitValue else { return nil }
                    value = value << 4 | UInt32(digit)
                }
                index += 4
                return value
            }
            func string() -> String? {
                guard expect(0x22) else { return nil }
                var out: [UInt8] = []
                while index < bytes.count {
                    let byte = bytes[index]
                    index += 1
                    switch byte {
                    case 0x22: return String(decoding: out, as: UTF8.self)
                    case 0x5C:
                        guard index < bytes.count else { return nil }
                        let escaped = bytes[index]
                        index += 1
                        switch escaped {
                        case 0x22, 0x5C, 0x2F: out.append(escaped)
                        case UInt8(ascii: "b"): out.append(0x08)
                        case UInt8(ascii: "f"): out.append(0x0C)
                        case UInt8(ascii: "n"): out.append(0x0A)
                        case UInt8(ascii: "r"): out.append(0x0D)
                        case UInt8(ascii: "t"): out.append(0x09)
                        case UInt8(ascii: "u"):
                            guard var code = hex4() else { return nil }
                            if (0xD800..<0xDC00).contains(code) {
                                guard index + 2 <= bytes.count, bytes[index] == 0x5C, bytes[index + 1] == UInt8(ascii: "u") else { return nil }
                                index += 2
                                guard let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
                                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                            }
                            guard let scalar = Unicode.Scalar(code) else { return nil }
                            out += Array(String(Character(scalar)).utf8)
                        default: return nil
                        }
                    case 0x00..<0x20: return nil
                    default: out.append(byte)
                    }
                }
                return nil
            }
            guard expect(0x7B) else { return nil }
            var result: [String: String] = [:]
            if expect(0x7D) { return index == bytes.count ? result : nil }
            while true {
                guard let key = string(), expect(0x3A), let value = string() else { return nil }
                result[key] = value
                if expect(0x2C) { continue }
                guard expect(0x7D) else { return nil }
                skipSpace()
                return index == bytes.count ? result : nil
            }
        }
    }
}
