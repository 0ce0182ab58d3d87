import Foundation
import LetterReview
import TestSupport
import Testing
import Yams

/// The labelled letters in `Examples/letters/`: the screener's verdict and
/// categories match what a reader marked.
struct ExampleLetterTests {
    static let folder = Checkout.path("Examples/letters")

    struct Labels: Decodable {
        struct Label: Decodable {
            var verdict: String
            var categories: [String]
        }
        var protect_names: [String]
        var protect_places: [String]
        var letters: [String: Label]
    }

    static let labels: Labels = {
        let text = try! String(contentsOf: folder.appendingPathComponent("labels.yml"), encoding: .utf8)
        return try! YAMLDecoder().decode(Labels.self, from: text)
    }()

    static func screen(_ name: String) throws -> ScreeningResult {
        let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        let context = ScreeningContext(protectedNames: labels.protect_names, protectedPlaces: labels.protect_places)
        return try Screener.standard().screen(text, context: context)
    }

    @Test(arguments: labels.letters.keys.sorted())
    func letterMatchesItsLabel(name: String) throws {
        let label = try #require(Self.labels.letters[name])
        let result = try Self.screen(name)
        #expect(result.verdict.rawValue == label.verdict)
        let found = Set(result.findings.filter { $0.severity != .info }.flatMap(\.categories).map(\.rawValue))
        #expect(found == Set(label.categories), "\(result.findings.map { "\($0.rule) '\($0.excerpt)'" })")
    }

    @Test func everyCategoryHasAnExampleLetter() {
        let labelled = Set(Self.labels.letters.values.flatMap(\.categories))
        #expect(labelled == Set(Category.allCases.map(\.rawValue)))
        #expect(Self.labels.letters.values.filter { $0.categories.isEmpty }.count >= 4)
    }

    /// Precision and recall per category over the example letters, for the README.
    @Test func precisionAndRecallPerCategory() throws {
        var truePositives: [String: Int] = [:], falsePositives: [String: Int] = [:], falseNegatives: [String: Int] = [:]
        for (name, label) in Self.labels.letters {
            let found = Set(try Self.screen(name).findings.filter { $0.severity != .info }.flatMap(\.categories).map(\.rawValue))
            let expected = Set(label.categories)
            for category in found.intersection(expected) { truePositives[category, default: 0] += 1 }
            for category in found.subtracting(expected) { falsePositives[category, default: 0] += 1 }
            for category in expected.subtracting(found) { falseNegatives[category, default: 0] += 1 }
        }
        for category in Category.allCases.map(\.rawValue) {
            let tp = truePositives[category] ?? 0, fp = falsePositives[category] ?? 0, fn = falseNegatives[category] ?? 0
            print("example letters \(category): precision \(tp + fp == 0 ? "-" : String(tp * 100 / (tp + fp)) + "%"), recall \(tp + fn == 0 ? "-" : String(tp * 100 / (tp + fn)) + "%")")
        }
        #expect(falsePositives.values.reduce(0, +) == 0)
        #expect(falseNegatives.values.reduce(0, +) == 0)
    }
}
