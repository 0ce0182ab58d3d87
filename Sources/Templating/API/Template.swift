import Foundation

/// A compiled template: parse once, render any number of times, from any thread.
///
/// ```swift
/// let template = try Template(source: "Dear {{ name }},", name: "letter.md")
/// let text = try template.render(["name": "Sam"])
/// ```
public struct Template: Sendable {
    /// The name messages use for the template, usually its path.
    public let name: String
    public let frontMatter: FrontMatter
    public let options: TemplateOptions
    let nodes: [Node]
    /// Every partial and parent the template uses, compiled, by name.
    let partials: [String: CompiledPartial]

    struct CompiledPartial: Sendable {
        var nodes: [Node]
        var file: String
    }

    /// Compiles a template.
    ///
    /// - Parameters:
    ///   - source: the template's text, with optional YAML front matter.
    ///   - name: the name to use in messages (usually the path).
    ///   - options: escaping, strictness and locale.
    ///   - partials: where `{{> name}}` finds partials; they are compiled now.
    /// - Throws: ``TemplateErrors`` listing every problem found, each with its position.
    public init(source: String, name: String = "template", options: TemplateOptions = TemplateOptions(),
                partials: (any PartialSource)? = nil) throws(TemplateErrors) {
        var errors: [TemplateError] = []
        let text = SourceText(source, file: name)
        let (frontMatter, bodyStart) = Self.frontMatter(of: text, errors: &errors)
        var parser = Parser(source: text, options: options)
        let nodes = parser.parse(from: bodyStart)
        errors += parser.errors

        // Compile every partial reachable from the template, once each.
        var compiled: [String: CompiledPartial] = [:]
        var pending = parser.references
        var reported = Set<String>()
        while let (partialName, location) = pending.popLast() {
            guard compiled[partialName] == nil else { continue }
            guard let found = partials?.partial(named: partialName) else {
                if options.strict && reported.insert("\(location.file):\(location.line):\(location.column)").inserted {
                    let suggestion = partials.flatMap { Suggestions.closest(to: partialName, in: $0.partialNames) }
                    errors.append(location.error(.unknownPartial(partialName, suggestion: suggestion)))
                }
                continue
            }
            let partialText = SourceText(found.source, file: found.file)
            let (_, partialStart) = Self.frontMatter(of: partialText, errors: &errors)
            var partialParser = Parser(source: partialText, options: options)
            compiled[partialName] = CompiledPartial(nodes: partialParser.parse(from: partialStart), file: found.file)
            errors += partialParser.errors
            pending += partialParser.references
        }
        guard errors.isEmpty else {
            // In reading order: the template's own lines first, then each partial's.
            let order = Dictionary(errors.map(\.file).enumerated().map { ($1, $0) }, uniquingKeysWith: min)
            throw TemplateErrors(errors.enumerated().sorted { a, b in
                let (fileA, fileB) = (a.element.file == name ? -1 : order[a.element.file]!,
                                      b.element.file == name ? -1 : order[b.element.file]!)
                return (fileA, a.element.line, a.element.column, a.offset)
                    < (fileB, b.element.line, b.element.column, b.offset)
            }.map(\.element))
        }
        self.name = name
        self.frontMatter = frontMatter
        self.options = options
        self.nodes = nodes
        self.partials = compiled
    }

    /// Compiles the template in a file; its escaping follows the file's
    /// extension unless `escaping` is given.
    public init(contentsOf url: URL, options: TemplateOptions = TemplateOptions(), escaping: Escaping? = nil,
                partials: (any PartialSource)? = nil) throws(TemplateErrors) {
        guard let data = FileManager.default.contents(atPath: url.path),
              let source = String(data: data, encoding: .utf8) else {
            throw TemplateErrors([TemplateError(file: url.relativePath, line: 1, column: 1,
                                                reason: .frontMatter("cannot read the file as UTF-8 text"))])
        }
        var options = options
        options.escaping = escaping ?? Escaping.implied(byFileName: url.lastPathComponent)
        try self.init(source: source, name: url.relativePath, options: options, partials: partials)
    }

    /// Renders the template with `data`.
    /// - Throws: ``TemplateErrors`` listing every name the data lacks (in strict
    ///   mode), every filter that failed, and every withheld value shown.
    public func render(_ data: TemplateValue) throws(TemplateErrors) -> String {
        var renderer = Renderer(template: self, data: data)
        renderer.checkRequiredNames(frontMatter.requires)
        renderer.render(nodes)
        guard renderer.errors.isEmpty else { throw TemplateErrors(renderer.errors) }
        return renderer.output
    }

    /// The partials the template uses, by name.
    public var partialNames: [String] { partials.keys.sorted() }

    private static func frontMatter(of text: SourceText, errors: inout [TemplateError]) -> (FrontMatter, Int) {
        guard let (yaml, bodyStart) = FrontMatter.split(text.bytes) else { return (FrontMatter(), 0) }
        do {
            let value = try DataFile.parse(yaml, file: text.file)
            switch value {
            case .map(let values): return (FrontMatter(values: values), bodyStart)
            case .null: return (FrontMatter(), bodyStart)
            default:
                errors.append(TemplateError(file: text.file, line: 2, column: 1,
                                            reason: .frontMatter("expected keys and values, like title: Outcome agreement")))
            }
        } catch {
            // The YAML starts on the line after the opening ---.
            errors.append(TemplateError(file: text.file, line: error.line + 1, column: error.column,
                                        reason: .frontMatter(error.message)))
        }
        return (FrontMatter(), bodyStart)
    }
}
