import Foundation
import Yams

/// Data for a template from a YAML or JSON file.
///
/// Plain YAML scalars are typed by the YAML 1.2 core rules, so that `no`,
/// `yes`, `on` and `off` stay text (a language code `no` is Norwegian, not
/// false); `true`/`false`, numbers, `null`/`~` and `YYYY-MM-DD` dates are typed.
/// Quoted scalars are always text.
public enum DataFile {
    /// Reads a YAML or JSON file (JSON is read as the YAML it is a subset of).
    /// - Throws: ``DataFileError`` naming the file, line and column.
    public static func load(_ url: URL) throws(DataFileError) -> TemplateValue {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw DataFileError(file: url.relativePath, line: 0, column: 0, message: "cannot read the file; check the path")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DataFileError(file: url.relativePath, line: 0, column: 0, message: "not valid UTF-8; save the file as UTF-8")
        }
        return try parse(text, file: url.relativePath)
    }

    /// Parses YAML or JSON text.
    public static func parse(_ text: String, file: String) throws(DataFileError) -> TemplateValue {
        let node: Yams.Node?
        let composable = try composable(text, file: file)
        do {
            node = try Yams.compose(yaml: composable)
        } catch let error as YamlError {
            throw DataFileError(yaml: error, file: file)
        } catch {
            throw DataFileError(file: file, line: 0, column: 0, message: "\(error)")
        }
        guard let node else { return .map([:]) }
        return try value(of: node, file: file)
    }

    /// The text for the YAML composer: JSON checked by JSON's grammar and
    /// rewritten where YAML reads it differently (``JSONText``); YAML as it is.
    /// Text that starts like JSON but is not, in a file not named `.json`,
    /// is read as the YAML it may be.
    public static func composable(_ text: String, file: String) throws(DataFileError) -> String {
        guard JSONText.isJSON(text, file: file) else { return text }
        do {
            return try JSONText.yamlCompatible(text, file: file)
        } catch {
            if file.lowercased().hasSuffix(".json") { throw error }
            return text
        }
    }

    static func value(of node: Yams.Node, file: String) throws(DataFileError) -> TemplateValue {
        switch node {
        case .scalar(let scalar):
            return value(of: scalar)
        case .sequence(let sequence):
            var items: [TemplateValue] = []
            items.reserveCapacity(sequence.count)
            for item in sequence { items.append(try value(of: item, file: file)) }
            return .list(items)
        case .mapping(let mapping):
            var values: [String: TemplateValue] = [:]
            values.reserveCapacity(mapping.count)
            for (key, item) in mapping {
                guard case .scalar(let keyScalar) = key else {
                    throw DataFileError(file: file, line: key.mark?.line ?? 0, column: key.mark?.column ?? 0,
                                        message: "a key must be plain text")
                }
                values[keyScalar.string] = try value(of: item, file: file)
            }
            return .map(values)
        case .alias(let alias):
            throw DataFileError(file: file, line: alias.mark?.line ?? 0, column: alias.mark?.column ?? 0,
                                message: "aliases (*name) are not supported; write the value out")
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// Types a scalar by the YAML 1.2 core schema.
    static func value(of scalar: Yams.Node.Scalar) -> TemplateValue {
        let text = scalar.string
        guard scalar.style == .plain else { return .string(text) }
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default: break
        }
        guard let first = text.utf8.first, isDigit(first) || first == 0x2D || first == 0x2B || first == 0x2E else {
            return .string(text)
        }
        if let date = CalendarDate(iso: text) { return .date(date) }
        let signs: Set<UInt8> = [0x2D, 0x2B]
        if text.utf8.allSatisfy({ isDigit($0) || signs.contains($0) }), let number = Int(text) {
            return .int(number)
        }
        let numeric: Set<UInt8> = [0x2D, 0x2B, 0x2E, 0x65, 0x45]
        if text.utf8.allSatisfy({ isDigit($0) || numeric.contains($0) }), let number = Double(text) {
            return .double(number)
        }
        return .string(text)
    }
}

/// A data file that cannot be read, with where and why.
public struct DataFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// 1-based; 0 when the problem concerns the whole file.
    public var line: Int
    public var column: Int
    public var message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    init(yaml error: YamlError, file: String) {
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            // A block (indented) collection that finds what it did not expect: the mistake is
            // where it was found, most often a line indented unlike the lines around it.
            if let context, context.text.contains("block") {
                self.init(file: file, line: mark.line, column: mark.column,
                          message: "not valid YAML: \(problem) here, in the \(context.text.replacingOccurrences(of: "while parsing a ", with: "")) that starts at line \(context.mark.line); check this line's indentation: it should line up with the lines around it")
                return
            }
            // Otherwise point at what was left open (a quote, a bracket) when libyaml says so.
            let detail = context.map { "\($0.text), \(problem)" } ?? problem
            let place = context?.mark ?? mark
            self.init(file: file, line: place.line, column: place.column,
                      message: "not valid YAML or JSON: \(detail)")
        default:
            self.init(file: file, line: 0, column: 0, message: "not valid YAML or JSON: \(error)")
        }
    }

    public var description: String {
        line > 0 ? "\(file):\(line):\(column): error: \(message)" : "\(file): error: \(message)"
    }
}
