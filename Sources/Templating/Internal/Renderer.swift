/// Renders compiled nodes with data: one renderer per render call, so the
/// compiled template itself is never changed.
struct Renderer {
    let template: Template
    let options: TemplateOptions
    var output = ""
    var errors: [TemplateError] = []

    private struct Frame {
        var value: TemplateValue
        var loop: (index: Int, count: Int)?
    }
    private var stack: [Frame]
    /// Prepended to each line of template text while inside an indented partial or block.
    private var indentation = ""
    private var atLineStart = true
    /// Block contents that parents in force override, by block name; the outermost wins.
    private var overrides: [String: [Node]] = [:]
    private var depth = 0
    private var reported = Set<String>()

    init(template: Template, data: TemplateValue) {
        self.template = template
        options = template.options
        stack = [Frame(value: data)]
        output.reserveCapacity(4096)
    }

    mutating func render(_ nodes: [Node]) {
        for node in nodes {
            switch node {
            case .text(let text):
                emit(text)
            case .value(let tag):
                startLine()
                renderValue(tag)
            case .section(let tag, let children):
                renderSection(tag, children)
            case .partial(let tag):
                if tag.indentation == nil { startLine() }
                include(tag, overrides: [:])
            case .parent(let tag, let parentOverrides):
                if tag.indentation == nil { startLine() }
                include(tag, overrides: parentOverrides)
            case .block(let tag, let content):
                let body = overrides[tag.name] ?? content
                if let standalone = tag.standaloneIndentation {
                    indented(by: standalone, atLineStart: true) { $0.render(body) }
                } else if let inline = tag.inlineIndentation, !inline.isEmpty {
                    indented(by: inline, atLineStart: false) { $0.render(body) }
                } else {
                    render(body)
                }
            }
        }
    }

    // MARK: Text and indentation

    private mutating func emit(_ text: String) {
        guard !indentation.isEmpty else {
            output += text
            return
        }
        var rest = Substring(text)
        while !rest.isEmpty {
            let end = rest.firstIndex(of: "\n").map { rest.index(after: $0) } ?? rest.endIndex
            if atLineStart { output += indentation }
            output += rest[..<end]
            atLineStart = rest[rest.index(before: end)] == "\n"
            rest = rest[end...]
        }
    }

    /// Before a value at the start of an indented line, the indentation.
    private mutating func startLine() {
        if atLineStart && !indentation.isEmpty { output += indentation }
        atLineStart = false
    }

    private mutating func indented(by extra: String, atLineStart start: Bool, _ body: (inout Renderer) -> Void) {
        let saved = indentation
        indentation += extra
        atLineStart = start
        body(&self)
        indentation = saved
    }

    // MARK: Partials and parents

    private mutating func include(_ tag: PartialTag, overrides parentOverrides: [String: [Node]]) {
        guard let partial = template.partials[tag.name] else { return }  // lenient: a missing partial shows nothing
        guard depth < options.maxPartialDepth else {
            report(tag.location.error(.partialTooDeep(tag.name, limit: options.maxPartialDepth)))
            return
        }
        let savedOverrides = overrides
        for (name, content) in parentOverrides where overrides[name] == nil { overrides[name] = content }
        depth += 1
        if let indentation = tag.indentation {
            indented(by: indentation, atLineStart: true) { $0.render(partial.nodes) }
        } else {
            render(partial.nodes)
        }
        depth -= 1
        overrides = savedOverrides
    }

    // MARK: Values and sections

    private mutating func renderValue(_ tag: ValueTag) {
        guard var value = resolve(tag.path, at: tag.location) else { return }
        for call in tag.filters {
            do {
                value = try call.filter.apply(value, call.arguments, locale: options.locale,
                                              withheld: options.withheldPlaceholder)
            } catch {
                report(call.location.error(.filterFailed(call.filter.rawValue, message: error.message)))
                return
            }
        }
        let escaping = tag.escaped ? options.escaping : .none
        switch value {
        case .string(let text):
            Escaper.append(text, to: &output, escaping: escaping, singleLine: tag.singleLine)
        case .null:
            break
        case .withheld:
            if let placeholder = options.withheldPlaceholder {
                Escaper.append(placeholder, to: &output, escaping: escaping, singleLine: tag.singleLine)
            } else {
                report(tag.location.error(.withheld(tag.path.display)))
            }
        case .list, .map:
            if options.strict {
                report(tag.location.error(.notText(tag.path.display, kind: value.kindDescription)))
            }
        default:
            if let text = Filter.scalarText(value, locale: options.locale) {
                Escaper.append(text, to: &output, escaping: escaping, singleLine: tag.singleLine)
            }
        }
    }

    private mutating func renderSection(_ tag: SectionTag, _ children: [Node]) {
        guard let value = resolve(tag.path, at: tag.location) else {
            // Only a lenient render gets here with nothing: a missing name is falsey.
            return
        }
        if case .withheld = value {
            // Neither the section nor its inverse: either would tell the reader something.
            if options.withheldPlaceholder == nil { report(tag.location.error(.withheld(tag.path.display))) }
            return
        }
        if tag.inverted {
            if value.isFalsey { render(children) }
            return
        }
        guard !value.isFalsey else { return }
        if case .list(let items) = value {
            for (index, item) in items.enumerated() {
                stack.append(Frame(value: item, loop: (index, items.count)))
                render(children)
                stack.removeLast()
            }
        } else {
            stack.append(Frame(value: value))
            render(children)
            stack.removeLast()
        }
    }

    /// The value a path names, or nil after reporting a missing name (strict) —
    /// a lenient render gets `.null` instead.
    private mutating func resolve(_ path: ValuePath, at location: Location) -> TemplateValue? {
        switch path {
        case .implicit:
            return stack[stack.count - 1].value
        case .loop(let variable):
            guard let frame = stack.last(where: { $0.loop != nil }), let loop = frame.loop else {
                return missing(path.display, suggestion: nil, at: location)
            }
            switch variable {
            case .index: return .int(loop.index)
            case .number: return .int(loop.index + 1)
            case .first: return .bool(loop.index == 0)
            case .last: return .bool(loop.index == loop.count - 1)
            }
        case .names(let names):
            var current: TemplateValue?
            for frame in stack.reversed() {
                if case .map(let values) = frame.value, let found = values[names[0]] {
                    current = found
                    break
                }
            }
            guard var value = current else {
                // The suggestion is looked for only when it will be shown (a strict render).
                let stack = self.stack
                return missing(path.display, suggestion: {
                    var keys: [String] = []
                    for frame in stack { if case .map(let values) = frame.value { keys += values.keys } }
                    if stack.contains(where: { $0.loop != nil }) { keys += LoopVariable.allCases.map { "@" + $0.rawValue } }
                    return Suggestions.closest(to: names[0], in: keys)
                }(), at: location)
            }
            for name in names.dropFirst() {
                if case .withheld = value { return value }
                // `list.0` is the first item, or null when the list is shorter: `{{#actions.0}}` means "if any".
                if case .list(let items) = value, let index = Int(name), index >= 0 {
                    value = index < items.count ? items[index] : .null
                    continue
                }
                guard case .map(let values) = value, let next = values[name] else {
                    let parent = value
                    return missing(path.display, suggestion: {
                        guard case .map(let values) = parent else { return Suggestions.closest(to: name, in: []) }
                        return Suggestions.closest(to: name, in: Array(values.keys))
                    }(), at: location)
                }
                value = next
            }
            return value
        }
    }

    private mutating func missing(_ name: String, suggestion: @autoclosure () -> String?, at location: Location) -> TemplateValue? {
        guard options.strict else { return .null }
        report(location.error(.missingName(name, suggestion: suggestion())))
        return nil
    }

    /// Records an error once, however many times a loop meets it.
    private mutating func report(_ error: TemplateError) {
        if reported.insert(error.description).inserted { errors.append(error) }
    }

    mutating func checkRequiredNames(_ names: [String]) {
        for name in names {
            var value: TemplateValue? = stack[0].value
            for part in name.split(separator: ".") { value = value?[String(part)] }
            if value == nil || value == .null {
                report(TemplateError(file: template.name, line: 1, column: 1, reason: .missingRequiredName(name)))
            }
        }
    }
}
