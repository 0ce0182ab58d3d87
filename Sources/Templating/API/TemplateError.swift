/// A problem in a template or its data, with the place in the template it concerns.
public struct TemplateError: Error, Sendable, Equatable {
    /// The template's name as given when it was compiled (usually its path).
    public var file: String
    /// 1-based line and column (in characters) of the tag or name concerned.
    public var line: Int
    public var column: Int
    public var reason: Reason

    public init(file: String, line: Int, column: Int, reason: Reason) {
        self.file = file
        self.line = line
        self.column = column
        self.reason = reason
    }

    public enum Reason: Sendable, Equatable {
        /// `{{` without a matching `}}`.
        case unclosedTag(closing: String)
        /// `{{}}` or `{{#}}`: a tag without a name.
        case emptyTag
        /// A name with spaces or other characters a name cannot hold.
        case badName(String)
        /// `{{#name}}` never closed.
        case unclosedSection(String)
        /// `{{/name}}` closing a different section.
        case mismatchedClose(expected: String, found: String)
        /// `{{/name}}` with no section open.
        case unexpectedClose(String)
        /// `{{=…=}}` that does not give two delimiters.
        case badDelimiters(String)
        /// `{{> name}}` or `{{< name}}` naming no partial.
        case unknownPartial(String, suggestion: String?)
        /// Partials including each other deeper than the limit.
        case partialTooDeep(String, limit: Int)
        /// `{{ x | name }}` with no filter of that name.
        case unknownFilter(String, suggestion: String?)
        /// A filter given the wrong arguments, or used where filters cannot go.
        case badFilter(String, message: String)
        /// A filter that cannot work on the value it was given.
        case filterFailed(String, message: String)
        /// A name the data does not have.
        case missingName(String, suggestion: String?)
        /// A list or group of values where text was expected.
        case notText(String, kind: String)
        /// A value the reader of the document may not see.
        case withheld(String)
        /// A name the template's front matter requires and the data lacks.
        case missingRequiredName(String)
        /// The YAML front matter does not parse.
        case frontMatter(String)
    }
}

extension TemplateError: CustomStringConvertible {
    public var description: String { "\(file):\(line):\(column): error: \(reason)" }
}

extension TemplateError.Reason: CustomStringConvertible {
    public var description: String {
        func mean(_ suggestion: String?) -> String { suggestion.map { " (did you mean '\($0)'?)" } ?? "" }
        switch self {
        case .unclosedTag(let closing):
            return "tag is never closed; add '\(closing)'"
        case .emptyTag:
            return "tag has no name"
        case .badName(let name):
            return "'\(name)' is not a name; names are letters, digits, '_', '-' and '.' between parts"
        case .unclosedSection(let name):
            return "section '\(name)' is never closed; add {{/\(name)}}"
        case .mismatchedClose(let expected, let found):
            return "{{/\(found)}} closes '\(found)' but the open section is '\(expected)'; close it with {{/\(expected)}}"
        case .unexpectedClose(let name):
            return "{{/\(name)}} closes a section that was never opened"
        case .badDelimiters(let text):
            return "'\(text)' does not set delimiters; write two delimiters separated by a space, like {{=<% %>=}}"
        case .unknownPartial(let name, let suggestion):
            return "no partial named '\(name)'\(mean(suggestion))"
        case .partialTooDeep(let name, let limit):
            return "partial '\(name)' includes partials more than \(limit) deep; does it include itself?"
        case .unknownFilter(let name, let suggestion):
            return "no filter named '\(name)'\(mean(suggestion))"
        case .badFilter(let name, let message):
            return "filter '\(name)': \(message)"
        case .filterFailed(let name, let message):
            return "filter '\(name)' \(message)"
        case .missingName(let name, let suggestion):
            return "no value named '\(name)'\(mean(suggestion))"
        case .notText(let name, let kind):
            return "'\(name)' is \(kind), not text; use a section {{#\(name)}}…{{/\(name)}} or a filter such as join"
        case .withheld(let name):
            return "'\(name)' may not be shown to the reader of this document"
        case .missingRequiredName(let name):
            return "the template requires a value named '\(name)' and the data has none"
        case .frontMatter(let message):
            return "front matter: \(message)"
        }
    }
}

/// Every problem found in a template or in rendering it, in the order found.
public struct TemplateErrors: Error, Sendable, Equatable, CustomStringConvertible {
    public var errors: [TemplateError]

    public init(_ errors: [TemplateError]) { self.errors = errors }

    /// One problem a line, like a compiler.
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
