import ArgumentParser
import Foundation

/// Plain-text output: aligned columns, and JSON for other tools.
enum Table {
    /// Rows padded to aligned columns, two spaces apart, one line each.
    static func render(_ rows: [[String]]) -> String {
        guard let first = rows.first else { return "" }
        let widths = (0..<first.count).map { column in rows.map { $0[column].count }.max()! }
        var output = ""
        for row in rows {
            output += row.enumerated().map { $0.element.padding(toLength: widths[$0.offset], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces) + "\n"
        }
        return output
    }
}

enum OutputStyle: String, ExpressibleByArgument {
    case text, json
}

enum JSON {
    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
