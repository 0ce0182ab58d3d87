import Foundation
import Templating
import TestSupport
import Testing

/// Runs the Mustache specification's tests, when the project's shared
/// conformance suites sit beside the checkout. Rendered as the spec expects:
/// HTML escaping, and a missing name renders as nothing.
struct MustacheSpecConformanceTests {
    static let folder = Checkout.shared?.appendingPathComponent("conformance/mustache/specs")

    @Test(arguments: ["comments", "delimiters", "interpolation", "inverted", "partials", "sections", "~inheritance"])
    func specPasses(file: String) throws {
        guard let url = Self.folder?.appendingPathComponent(file + ".json"),
              let data = FileManager.default.contents(atPath: url.path)
        else {
            print("skipped: Mustache spec \(file).json not found (needs ../shared/conformance beside the checkout)")
            return
        }
        let spec = try JSONDecoder().decode(SpecFile.self, from: data)
        var passed = 0
        for test in spec.tests {
            let options = TemplateOptions(escaping: .html, strict: false)
            do {
                let template = try Template(source: test.template, name: test.name, options: options,
                                            partials: InMemoryPartials(test.partials ?? [:]))
                let output = try template.render(test.data.templateValue)
                if output == test.expected {
                    passed += 1
                } else {
                    Issue.record("\(file): \(test.name): got \(output.debugDescription), expected \(test.expected.debugDescription)")
                }
            } catch {
                Issue.record("\(file): \(test.name): \(error)")
            }
        }
        print("Mustache \(file): \(passed)/\(spec.tests.count) tests pass")
    }
}

struct SpecFile: Decodable {
    struct Test: Decodable {
        var name: String
        var data: JSONValue
        var template: String
        var partials: [String: String]?
        var expected: String
    }
    var tests: [Test]
}

/// Any JSON value, turned into template data.
enum JSONValue: Decodable {
    case null, bool(Bool), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    var templateValue: TemplateValue {
        switch self {
        case .null: .null
        case .bool(let value): .bool(value)
        case .number(let value): value == value.rounded() && abs(value) < 1e15 ? .int(Int(value)) : .double(value)
        case .string(let value): .string(value)
        case .array(let items): .list(items.map(\.templateValue))
        case .object(let values): .map(values.mapValues(\.templateValue))
        }
    }
}
