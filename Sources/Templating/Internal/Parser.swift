/// Turns a template's text into nodes: scans tags (following delimiter
/// changes), removes standalone lines as the Mustache spec says, and builds the
/// tree of sections, partials, parents and blocks, collecting every error.
struct Parser {
    let source: SourceText
    let options: TemplateOptions
    private(set) var errors: [TemplateError] = []
    /// Every partial or parent named, with where, for resolving after parsing.
    private(set) var references: [(name: String, location: Location)] = []

    init(source: SourceText, options: TemplateOptions) {
        self.source = source
        self.options = options
    }

    enum Kind: Equatable {
        case text, variable, unescaped, section, inverted, close, comment, partial, parent, block, delimiters

        var canStandAlone: Bool {
            switch self {
            case .section, .inverted, .close, .comment, .partial, .parent, .block, .delimiters: true
            case .text, .variable, .unescaped: false
            }
        }
    }

    struct Token {
        var kind: Kind
        var range: Range<Int>
        var content: Range<Int>
        var standalone = false
        var lineStart = 0
        var indentation: Range<Int>?
        var closesParent = false
    }

    /// Parses the text from `start` (after any front matter) to the end.
    mutating func parse(from start: Int) -> [Node] {
        var tokens = scan(from: start)
        markParentCloses(&tokens)
        let cuts = standaloneLines(&tokens, from: start)
        return build(tokens, cuts: cuts)
    }

    // MARK: Scanning

    private mutating func scan(from start: Int) -> [Token] {
        let bytes = source.bytes
        var open = Array("{{".utf8), close = Array("}}".utf8)
        var tokens: [Token] = []
        var position = start
        while position < bytes.count {
            guard let tagStart = source.find(open, from: position) else {
                tokens.append(Token(kind: .text, range: position..<bytes.count, content: position..<bytes.count))
                break
            }
            if tagStart > position {
                tokens.append(Token(kind: .text, range: position..<tagStart, content: position..<tagStart))
            }
            var cursor = tagStart + open.count
            var closing = close
            var kind = Kind.variable
            if cursor < bytes.count {
                switch bytes[cursor] {
                case UInt8(ascii: "{"): kind = .unescaped; closing = [UInt8(ascii: "}")] + close
                case UInt8(ascii: "&"): kind = .unescaped
                case UInt8(ascii: "#"): kind = .section
                case UInt8(ascii: "^"): kind = .inverted
                case UInt8(ascii: "/"): kind = .close
                case UInt8(ascii: "!"): kind = .comment
                case UInt8(ascii: ">"): kind = .partial
                case UInt8(ascii: "<"): kind = .parent
                case UInt8(ascii: "$"): kind = .block
                case UInt8(ascii: "="): kind = .delimiters; closing = [UInt8(ascii: "=")] + close
                default: break
                }
                if kind != .variable { cursor += 1 }
            }
            guard let contentEnd = source.find(closing, from: cursor) else {
                errors.append(source.error(at: tagStart, .unclosedTag(closing: String(decoding: closing, as: UTF8.self))))
                tokens.append(Token(kind: .text, range: tagStart..<bytes.count, content: tagStart..<bytes.count))
                break
            }
            let end = contentEnd + closing.count
            let content = source.trimmed(cursor..<contentEnd)
            tokens.append(Token(kind: kind, range: tagStart..<end, content: content))
            position = end
            if kind == .delimiters {
                let parts = source.string(content).split(whereSeparator: { $0 == " " || $0 == "\t" })
                if parts.count == 2, !parts.contains(where: { $0.contains("=") }) {
                    open = Array(parts[0].utf8)
                    close = Array(parts[1].utf8)
                } else {
                    errors.append(source.error(at: tagStart, .badDelimiters(source.string(tagStart..<end))))
                }
            }
        }
        return tokens
    }

    /// Marks the closing tags that close a parent: a line holding one of them
    /// may hold other tags and still stand alone.
    private func markParentCloses(_ tokens: inout [Token]) {
        var open: [(kind: Kind, name: Range<Int>)] = []
        for index in tokens.indices {
            switch tokens[index].kind {
            case .section, .inverted, .parent, .block:
                open.append((tokens[index].kind, tokens[index].content))
            case .close:
                if let last = open.last, source.bytes[last.name] == source.bytes[tokens[index].content] {
                    tokens[index].closesParent = last.kind == .parent
                    open.removeLast()
                }
            default:
                break
            }
        }
    }

    // MARK: Standalone lines

    /// Finds lines that hold only whitespace and one tag that can stand alone
    /// (or several, when one of them opens or closes a parent), marks those tags
    /// standalone with their indentation, and returns the byte ranges to drop.
    private func standaloneLines(_ tokens: inout [Token], from start: Int) -> [Range<Int>] {
        let bytes = source.bytes
        var cuts: [Range<Int>] = []
        var lineStart = start
        var lineTags: [Int] = []
        var clean = true

        func endLine(at end: Int, _ tokens: inout [Token]) {
            defer {
                lineTags.removeAll(keepingCapacity: true)
                clean = true
            }
            guard clean, !lineTags.isEmpty else { return }
            let hasParent = lineTags.contains { tokens[$0].kind == .parent || tokens[$0].closesParent }
            guard lineTags.count == 1 || hasParent else { return }
            let indentation = lineStart..<tokens[lineTags[0]].range.lowerBound
            for index in lineTags {
                tokens[index].standalone = true
                tokens[index].indentation = indentation
            }
            cuts.append(lineStart..<end)
        }

        for index in tokens.indices {
            tokens[index].lineStart = lineStart
            let token = tokens[index]
            if token.kind == .text {
                var offset = token.range.lowerBound
                while offset < token.range.upperBound {
                    let byte = bytes[offset]
                    if byte == UInt8(ascii: "\n") {
                        endLine(at: offset + 1, &tokens)
                        lineStart = offset + 1
                    } else if !byte.isLineWhitespace {
                        clean = false
                    }
                    offset += 1
                }
            } else if token.kind.canStandAlone {
                lineTags.append(index)
            } else {
                clean = false
            }
        }
        endLine(at: bytes.count, &tokens)
        return cuts
    }

    // MARK: Building the tree

    private struct Frame {
        var kind: Kind
        var name: String
        var token: Token
        var nodes: [Node] = []
        var overrides: [String: [Node]] = [:]
    }

    private mutating func build(_ tokens: [Token], cuts: [Range<Int>]) -> [Node] {
        var stack = [Frame(kind: .text, name: "", token: Token(kind: .text, range: 0..<0, content: 0..<0))]
        var cutIndex = 0

        func append(_ node: Node, to stack: inout [Frame]) {
            if case .text(let text) = node, case .text(let previous)? = stack[stack.count - 1].nodes.last {
                stack[stack.count - 1].nodes[stack[stack.count - 1].nodes.count - 1] = .text(previous + text)
            } else {
                stack[stack.count - 1].nodes.append(node)
            }
        }

        for token in tokens {
            let location = self.location(token.content.lowerBound)
            switch token.kind {
            case .text:
                // The text, less any standalone lines cut from it.
                var lower = token.range.lowerBound
                let upper = token.range.upperBound
                while cutIndex < cuts.count && cuts[cutIndex].upperBound <= lower { cutIndex += 1 }
                var pieces = ""
                var index = cutIndex
                while index < cuts.count && cuts[index].lowerBound < upper {
                    let cut = cuts[index]
                    if cut.lowerBound > lower { pieces += source.string(lower..<cut.lowerBound) }
                    lower = max(lower, cut.upperBound)
                    index += 1
                }
                if lower < upper { pieces += source.string(lower..<upper) }
                if !pieces.isEmpty && stack[stack.count - 1].kind != .parent { append(.text(pieces), to: &stack) }

            case .variable, .unescaped:
                if let tag = valueTag(token, escaped: token.kind == .variable, location: location),
                   stack[stack.count - 1].kind != .parent {
                    append(.value(tag), to: &stack)
                }

            case .section, .inverted, .parent, .block:
                let name = source.string(token.content)
                if name.isEmpty {
                    errors.append(location.error(.emptyTag))
                } else if token.kind == .section || token.kind == .inverted, name.contains("|") {
                    errors.append(location.error(.badFilter(
                        name, message: "filters apply to values; a section takes a name alone")))
                }
                stack.append(Frame(kind: token.kind, name: name, token: token))

            case .close:
                let name = source.string(token.content)
                guard stack.count > 1 else {
                    errors.append(location.error(.unexpectedClose(name)))
                    continue
                }
                if stack[stack.count - 1].name != name {
                    errors.append(location.error(.mismatchedClose(expected: stack[stack.count - 1].name, found: name)))
                    // Recover: close up to the section it names, if one is open.
                    guard stack.dropFirst().contains(where: { $0.name == name }) else { continue }
                    while stack.count > 1 && stack[stack.count - 1].name != name { close(&stack) }
                }
                close(&stack)

            case .comment, .delimiters:
                break

            case .partial:
                let name = source.string(token.content)
                if name.isEmpty { errors.append(location.error(.emptyTag)); continue }
                references.append((name, location))
                if stack[stack.count - 1].kind != .parent {
                    append(.partial(PartialTag(name: name, indentation: indentation(token), location: location)),
                           to: &stack)
                }
            }
        }
        while stack.count > 1 {
            let frame = stack[stack.count - 1]
            errors.append(self.location(frame.token.content.lowerBound).error(.unclosedSection(frame.name)))
            close(&stack)
        }
        return stack[0].nodes
    }

    /// Closes the innermost open section, parent or block into its parent frame.
    private mutating func close(_ stack: inout [Frame]) {
        let frame = stack.removeLast()
        let location = self.location(frame.token.content.lowerBound)
        let node: Node
        switch frame.kind {
        case .section, .inverted:
            node = .section(SectionTag(path: path(frame.name, at: frame.token.content.lowerBound),
                                       inverted: frame.kind == .inverted, location: location), frame.nodes)
        case .parent:
            references.append((frame.name, location))
            node = .parent(PartialTag(name: frame.name, indentation: indentation(frame.token), location: location),
                           overrides: frame.overrides)
        default:
            node = blockNode(frame)
        }
        if case .block(let tag, let content) = node, stack[stack.count - 1].kind == .parent {
            stack[stack.count - 1].overrides[tag.name] = content
        } else if stack[stack.count - 1].kind != .parent {
            stack[stack.count - 1].nodes.append(node)
        }
    }

    /// A block, reindented: a standalone block's content loses the indentation
    /// of its first line, and regains the indentation of wherever it is shown.
    private func blockNode(_ frame: Frame) -> Node {
        let token = frame.token
        if token.standalone {
            let tagIndentation = indentation(token) ?? ""
            var indentation = tagIndentation
            if !frame.nodes.isEmpty {
                indentation = ""
                if case .text(let text)? = frame.nodes.first {
                    indentation = String(text.prefix { $0 == " " || $0 == "\t" })
                }
            }
            var atLineStart = true
            let content = Self.dedent(frame.nodes, by: indentation, atLineStart: &atLineStart)
            return .block(BlockTag(name: frame.name, standaloneIndentation: indentation, inlineIndentation: nil),
                          content)
        }
        let before = token.lineStart..<token.range.lowerBound
        let inline = source.bytes[before].allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
            ? source.string(before) : nil
        return .block(BlockTag(name: frame.name, standaloneIndentation: nil, inlineIndentation: inline), frame.nodes)
    }

    /// Removes `prefix` from the start of each line of the nodes' text, and from
    /// the indentation of standalone partials and blocks within.
    static func dedent(_ nodes: [Node], by prefix: String, atLineStart: inout Bool) -> [Node] {
        guard !prefix.isEmpty else { return nodes }
        return nodes.map { node in
            switch node {
            case .text(let text):
                var result = ""
                var lineStart = atLineStart
                for line in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    if line.offset > 0 { result += "\n"; lineStart = true }
                    var piece = Substring(line.element)
                    if lineStart && piece.hasPrefix(prefix) { piece = piece.dropFirst(prefix.count) }
                    result += piece
                    if !line.element.isEmpty { lineStart = false }
                }
                atLineStart = text.hasSuffix("\n") || (atLineStart && text.isEmpty)
                return .text(result)
            case .value:
                atLineStart = false
                return node
            case .section(let tag, let children):
                return .section(tag, dedent(children, by: prefix, atLineStart: &atLineStart))
            case .partial(var tag):
                tag.indentation = tag.indentation.map { $0.hasPrefix(prefix) ? String($0.dropFirst(prefix.count)) : $0 }
                return .partial(tag)
            case .parent(var tag, let overrides):
                tag.indentation = tag.indentation.map { $0.hasPrefix(prefix) ? String($0.dropFirst(prefix.count)) : $0 }
                return .parent(tag, overrides: overrides)
            case .block(var tag, let content):
                tag.standaloneIndentation = tag.standaloneIndentation.map {
                    $0.hasPrefix(prefix) ? String($0.dropFirst(prefix.count)) : $0
                }
                return .block(tag, content)
            }
        }
    }

    private func indentation(_ token: Token) -> String? {
        guard token.standalone, let range = token.indentation else { return nil }
        return source.string(range)
    }

    private func location(_ offset: Int) -> Location {
        let (line, column) = source.position(of: offset)
        return Location(file: source.file, line: line, column: column)
    }

    // MARK: Names and filters

    private mutating func valueTag(_ token: Token, escaped: Bool, location: Location) -> ValueTag? {
        let segments = splitOutsideQuotes(token.content, on: UInt8(ascii: "|"))
        let nameRange = source.trimmed(segments[0])
        let name = source.string(nameRange)
        guard !name.isEmpty else {
            errors.append(location.error(.emptyTag))
            return nil
        }
        var filters: [FilterCall] = []
        for segment in segments.dropFirst() {
            if let call = filterCall(source.trimmed(segment)) { filters.append(call) }
        }
        return ValueTag(path: path(name, at: nameRange.lowerBound), filters: filters, escaped: escaped,
                        singleLine: isHeadingLine(from: token.lineStart, to: token.range.lowerBound),
                        location: self.location(nameRange.lowerBound))
    }

    private mutating func path(_ name: String, at offset: Int) -> ValuePath {
        if name == "." { return .implicit }
        if name.hasPrefix("@") {
            if let variable = LoopVariable(rawValue: String(name.dropFirst())) { return .loop(variable) }
        }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if parts.contains(where: { $0.isEmpty || $0.contains(where: \.isWhitespace) }) {
            errors.append(location(offset).error(.badName(name)))
        }
        return .names(parts)
    }

    private mutating func filterCall(_ range: Range<Int>) -> FilterCall? {
        let location = self.location(range.lowerBound)
        let text = source.string(range)
        let colon = text.firstIndex(of: ":")
        let name = String(text[..<(colon ?? text.endIndex)]).trimmingWhitespace
        guard let filter = Filter(rawValue: name) else {
            let suggestion = Suggestions.closest(to: name, in: Filter.allCases.map(\.rawValue))
            errors.append(location.error(name.isEmpty
                ? .badFilter("", message: "a '|' must be followed by a filter name")
                : .unknownFilter(name, suggestion: suggestion)))
            return nil
        }
        var arguments: [FilterArgument] = []
        if let colon {
            let argumentsStart = range.lowerBound + text[..<text.index(after: colon)].utf8.count
            for piece in splitOutsideQuotes(argumentsStart..<range.upperBound, on: UInt8(ascii: ",")) {
                let trimmed = source.trimmed(piece)
                let argument = source.string(trimmed)
                if let value = FilterArgument(parsing: argument) {
                    arguments.append(value)
                } else {
                    errors.append(self.location(trimmed.lowerBound).error(.badFilter(
                        name, message: "'\(argument)' is not an argument; write text in quotes, like \(name): \"short\"")))
                    return nil
                }
            }
        }
        if let problem = filter.check(arguments) {
            errors.append(location.error(.badFilter(name, message: problem)))
            return nil
        }
        return FilterCall(filter: filter, arguments: arguments, location: location)
    }

    private func splitOutsideQuotes(_ range: Range<Int>, on separator: UInt8) -> [Range<Int>] {
        var pieces: [Range<Int>] = []
        var start = range.lowerBound
        var quote: UInt8?
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = source.bytes[index]
            if let open = quote {
                if byte == UInt8(ascii: "\\") { index += 1 } else if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == separator {
                pieces.append(start..<index)
                start = index + 1
            }
            index += 1
        }
        pieces.append(start..<range.upperBound)
        return pieces
    }

    /// Whether the text before a tag on its line opens a Markdown heading (`# `).
    private func isHeadingLine(from lineStart: Int, to tagStart: Int) -> Bool {
        guard options.escaping == .markdown else { return false }
        let bytes = source.bytes
        var index = lineStart, spaces = 0
        while index < tagStart && bytes[index] == UInt8(ascii: " ") && spaces < 4 { index += 1; spaces += 1 }
        guard spaces < 4 else { return false }
        var hashes = 0
        while index < tagStart && bytes[index] == UInt8(ascii: "#") { index += 1; hashes += 1 }
        guard (1...6).contains(hashes) else { return false }
        return index == tagStart || bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t")
    }
}

extension FilterArgument {
    /// A quoted string ("…" or '…', with \" inside) or a number.
    init?(parsing text: String) {
        if let first = text.first, first == "\"" || first == "'", text.count >= 2, text.last == first {
            var result = ""
            var escaping = false
            for character in text.dropFirst().dropLast() {
                if escaping { result.append(character); escaping = false } else if character == "\\" { escaping = true } else {
                    result.append(character)
                }
            }
            self = .string(result)
        } else if let number = Double(text) {
            self = .number(number)
        } else {
            return nil
        }
    }
}

extension String {
    var trimmingWhitespace: String {
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice = slice.dropFirst() }
        while let last = slice.last, last.isWhitespace { slice = slice.dropLast() }
        return String(slice)
    }
}
