import Foundation

/// How screening results are written out: JSON for tools, and text that shows
/// the letter with each finding marked under its line, like a compiler.
public enum ScreeningReport {
    struct JSONFinding: Encodable {
        var rule: String
        var category: String
        /// Other categories the same finding belongs to; left out when none.
        var also: [String]?
        var severity: String
        var line: Int
        var column: Int
        var start: Int?
        var end: Int?
        var excerpt: String
        var explanation: String
        var reference: String
    }

    struct JSONResult: Encodable {
        var id: JSONIdentifier?
        var verdict: String
        var findings: [JSONFinding]
    }

    /// `{"verdict": …, "findings": [{"rule", "category", "severity", "line", "column", "excerpt", "explanation", "reference"}]}`
    public static func json(_ result: ScreeningResult, id: JSONIdentifier? = nil, offsets: Bool = false) -> String {
        let value = JSONResult(id: id, verdict: result.verdict.reported, findings: result.findings.map {
            JSONFinding(rule: $0.rule, category: $0.category.rawValue, also: $0.also.isEmpty ? nil : $0.also.map(\.rawValue),
                        severity: $0.severity.rawValue, line: $0.line,
                        column: $0.column, start: offsets ? $0.start : nil, end: offsets ? $0.end : nil,
                        excerpt: $0.excerpt, explanation: $0.explanation, reference: $0.reference)
        })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try! encoder.encode(value), as: UTF8.self)
    }

    /// The letter, numbered, with a marker and message under each finding.
    public static func text(_ result: ScreeningResult, letter: String, name: String) -> String {
        let lines = letter.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        let width = String(lines.count).count
        var output = ""
        let byLine = Dictionary(grouping: result.findings, by: \.line)
        for (index, line) in lines.enumerated() {
            let number = index + 1
            if index == lines.count - 1 && line.isEmpty { break }
            output += String(repeating: " ", count: width - String(number).count) + "\(number) | \(line)\n"
            for finding in byLine[number] ?? [] {
                let lineLength = line.unicodeScalars.count
                let length = max(1, min(finding.end - finding.start, lineLength - finding.column + 1))
                output += String(repeating: " ", count: width) + " | " + String(repeating: " ", count: finding.column - 1)
                    + "^" + String(repeating: "~", count: max(0, length - 1)) + "\n"
                output += String(repeating: " ", count: width) + " | \(name):\(finding.line):\(finding.column): "
                    + "\(finding.severity.rawValue): \(finding.categories.map(\.rawValue).joined(separator: ", "))"
                    + (finding.rule == finding.category.rawValue ? "" : " (\(finding.rule))")
                    + ": \(finding.explanation) (\(finding.reference))\n"
            }
        }
        let blocks = result.count(.block), warns = result.count(.warn), infos = result.count(.info)
        output += "\nverdict: \(result.verdict.words) (\(blocks) block, \(warns) warn, \(infos) info)\n"
        return output
    }
}

/// A batch item's id, which may be a number or text.
public enum JSONIdentifier: Codable, Sendable {
    case string(String), number(Double)
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) { self = .string(text) } else { self = .number(try container.decode(Double.self)) }
    }
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let text): try container.encode(text)
        case .number(let number):
            if number == number.rounded() && abs(number) < 1e15 { try container.encode(Int(number)) } else { try container.encode(number) }
        }
    }
}

/// One line of a batch: `{"id": …, "text": …, "protect_names": […], "protect_places": […]}`.
public struct BatchItem: Decodable, Sendable {
    public var id: JSONIdentifier
    public var text: String
    public var protectNames: [String]?
    public var protectPlaces: [String]?
    /// harmed, responsible, supporter, parent-carer, community or agency.
    public var writerRole: String?

    enum CodingKeys: String, CodingKey {
        case id, text
        case protectNames = "protect_names"
        case protectPlaces = "protect_places"
        case writerRole = "writer_role"
    }
}
