import Templating
import Yams

/// Reads typed values out of a YAML tree, collecting every problem with its
/// line and column: unknown keys (with "did you mean"), missing keys, wrong
/// types, impossible dates and choices outside their list.
struct NodeReader {
    let file: String
    private(set) var errors: [CaseFileError] = []

    init(file: String) { self.file = file }

    /// A mapping's entries by key, with where each key sits.
    struct Mapping {
        var values: [String: Yams.Node] = [:]
        var keyLocations: [String: SourceLocation] = [:]
        var location: SourceLocation
        /// What the mapping is, for messages: "participant 2", "action 1".
        var name: String
    }

    func location(_ node: Yams.Node?) -> SourceLocation {
        guard let mark = node?.mark else { return .unknown }
        return SourceLocation(line: mark.line, column: mark.column)
    }

    mutating func report(_ message: String, at location: SourceLocation) {
        errors.append(CaseFileError(file: file, line: location.line, column: location.column, message: message))
    }

    /// The node as a mapping, reporting keys outside `keys`.
    mutating func mapping(_ node: Yams.Node?, name: String, keys: [String]) -> Mapping? {
        guard let node else { return nil }
        guard case .mapping(let mapping) = node else {
            report("\(name) should be a set of keys and values", at: location(node))
            return nil
        }
        var result = Mapping(location: location(node), name: name)
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else {
                report("a key in \(name) must be plain text", at: location(key))
                continue
            }
            let text = scalar.string
            if !keys.contains(text) {
                let hint = Suggestions.closest(to: text, in: keys).map { " (did you mean '\($0)'?)" } ?? ""
                report("unknown key '\(text)' in \(name)\(hint)", at: location(key))
                continue
            }
            result.values[text] = value
            result.keyLocations[text] = location(key)
        }
        return result
    }

    /// The location of a key, or of the mapping when the key is absent.
    func location(of key: String, in mapping: Mapping) -> SourceLocation {
        mapping.keyLocations[key] ?? mapping.location
    }

    private func scalar(_ node: Yams.Node) -> Yams.Node.Scalar? {
        if case .scalar(let scalar) = node { return scalar }
        return nil
    }

    mutating func string(_ mapping: Mapping, _ key: String, required: Bool = false, hint: String = "") -> String? {
        guard let node = mapping.values[key] else {
            if required { report("\(mapping.name) has no '\(key)'\(hint.isEmpty ? "" : "; \(hint)")", at: mapping.location) }
            return nil
        }
        guard let scalar = scalar(node) else {
            report("'\(key)' in \(mapping.name) should be text", at: location(node))
            return nil
        }
        if scalar.style == .plain && ["", "~", "null"].contains(scalar.string) {
            if required { report("'\(key)' in \(mapping.name) is empty\(hint.isEmpty ? "" : "; \(hint)")", at: location(node)) }
            return nil
        }
        let text = scalar.string
        return text.hasSuffix("\n") ? String(text.dropLast()) : text
    }

    mutating func date(_ mapping: Mapping, _ key: String, required: Bool = false) -> CalendarDate? {
        guard let text = string(mapping, key, required: required, hint: "write it as YYYY-MM-DD") else { return nil }
        if let date = CalendarDate(iso: text) { return date }
        let node = mapping.values[key]
        let parts = text.split(separator: "-")
        if parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), (1...12).contains(month), Int(parts[2]) != nil {
            let days = [31, (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
            let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                          "October", "November", "December"]
            report("'\(key)' in \(mapping.name): \(text) is not a date (\(months[month - 1]) \(year) has \(days) days)",
                   at: location(node))
        } else {
            report("'\(key)' in \(mapping.name) should be a date written YYYY-MM-DD, like 2026-03-14", at: location(node))
        }
        return nil
    }

    mutating func bool(_ mapping: Mapping, _ key: String) -> Bool? {
        guard let node = mapping.values[key] else { return nil }
        guard let scalar = scalar(node), scalar.style == .plain, ["true", "false"].contains(scalar.string) else {
            // Say what was found: `yes` is a word here (YAML 1.2), and "true" in quotes is text.
            let found = self.scalar(node).map { value -> String in
                let lower = value.string.lowercased()
                if value.style != .plain { return ": \"\(value.string)\" is in quotes, so it is text; write true or false without quotes" }
                if ["yes", "y", "on"].contains(lower) { return ": '\(value.string)' is read as a word, not yes/no; write true" }
                if ["no", "n", "off"].contains(lower) { return ": '\(value.string)' is read as a word, not yes/no; write false" }
                return ", not '\(value.string)'"
            } ?? ""
            report("'\(key)' in \(mapping.name) should be true or false\(found)", at: location(node))
            return nil
        }
        return scalar.string == "true"
    }

    mutating func number(_ mapping: Mapping, _ key: String, required: Bool = false) -> Double? {
        guard let text = string(mapping, key, required: required) else { return nil }
        guard let number = Double(text.filter { $0 != "," }) else {
            report("'\(key)' in \(mapping.name) should be a number, like 150 or 150.00", at: location(mapping.values[key]))
            return nil
        }
        return number
    }

    mutating func choice<Choice: RawRepresentable<String> & CaseIterable>(
        _ mapping: Mapping, _ key: String, required: Bool = false, as type: Choice.Type = Choice.self
    ) -> Choice? {
        let options = Choice.allCases.map(\.rawValue)
        guard let text = string(mapping, key, required: required, hint: "use \(Self.list(options))") else { return nil }
        return choice(text, at: location(mapping.values[key]), key: key, in: mapping.name)
    }

    mutating func choice<Choice: RawRepresentable<String> & CaseIterable>(
        _ text: String, at location: SourceLocation, key: String, in name: String
    ) -> Choice? {
        if let value = Choice(rawValue: text) { return value }
        let options = Choice.allCases.map(\.rawValue)
        let hint = Suggestions.closest(to: text, in: options).map { " (did you mean '\($0)'?)" } ?? ""
        report("'\(key)' in \(name) is '\(text)'\(hint); use \(Self.list(options))", at: location)
        return nil
    }

    /// The items of a list (a single value counts as a list of one).
    mutating func list(_ mapping: Mapping, _ key: String) -> [Yams.Node] {
        guard let node = mapping.values[key] else { return [] }
        switch node {
        case .sequence(let sequence): return Array(sequence)
        case .scalar(let scalar) where scalar.style == .plain && ["", "~", "null"].contains(scalar.string): return []
        default: return [node]
        }
    }

    mutating func strings(_ mapping: Mapping, _ key: String) -> [(String, SourceLocation)] {
        list(mapping, key).compactMap { node in
            guard let scalar = scalar(node) else {
                report("each item of '\(key)' in \(mapping.name) should be text", at: location(node))
                return nil
            }
            return (scalar.string, location(node))
        }
    }

    static func list(_ options: [String]) -> String {
        options.count > 1 ? options.dropLast().joined(separator: ", ") + " or " + options[options.count - 1] : options.joined()
    }
}
