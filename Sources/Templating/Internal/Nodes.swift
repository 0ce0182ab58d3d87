/// The compiled form of a template: a tree of nodes, parsed once and rendered
/// many times. Immutable, so that any number of threads can render it.
indirect enum Node: Sendable {
    case text(String)
    case value(ValueTag)
    case section(SectionTag, [Node])
    case partial(PartialTag)
    case parent(PartialTag, overrides: [String: [Node]])
    case block(BlockTag, [Node])
}

/// Where a tag sits, for messages.
struct Location: Sendable, Hashable {
    var file: String
    var line: Int
    var column: Int

    func error(_ reason: TemplateError.Reason) -> TemplateError {
        TemplateError(file: file, line: line, column: column, reason: reason)
    }
}

/// What a tag names: the implicit iterator `.`, a loop variable such as
/// `@index`, or a dotted name.
enum ValuePath: Sendable, Hashable {
    case implicit
    case loop(LoopVariable)
    case names([String])

    var display: String {
        switch self {
        case .implicit: "."
        case .loop(let variable): "@" + variable.rawValue
        case .names(let names): names.joined(separator: ".")
        }
    }
}

enum LoopVariable: String, Sendable, CaseIterable {
    case index, number, first, last
}

struct ValueTag: Sendable {
    var path: ValuePath
    var filters: [FilterCall]
    var escaped: Bool
    /// In a Markdown heading line, where a line break would end the heading.
    var singleLine: Bool
    var location: Location
}

struct SectionTag: Sendable {
    var path: ValuePath
    var inverted: Bool
    var location: Location
}

struct PartialTag: Sendable {
    var name: String
    /// The whitespace before a standalone tag, prepended to each line of the partial.
    var indentation: String?
    var location: Location
}

struct BlockTag: Sendable {
    var name: String
    /// The indentation of each line of the block's content when the opening tag
    /// stands alone on its line (the content has been dedented by it).
    var standaloneIndentation: String?
    /// For an opening tag preceded on its line by whitespace only, that whitespace:
    /// later lines of the content are indented by it.
    var inlineIndentation: String?
}

/// `name: arguments` after a pipe.
struct FilterCall: Sendable {
    var filter: Filter
    var arguments: [FilterArgument]
    var location: Location
}

enum FilterArgument: Sendable, Hashable {
    case string(String)
    case number(Double)

    var text: String {
        switch self {
        case .string(let text): text
        case .number(let number): number == number.rounded() ? String(Int(number)) : String(number)
        }
    }
}
