import TextScan
import CaseFiles
import Foundation
import Templating
import Yams

/// A screening rule: what it looks for, how serious it is, and what to tell
/// the facilitator. Rules are data (`rules.yml`); a service can add its own or
/// override shipped ones by id.
public struct Rule: Sendable {
    public var id: String
    public var category: Category
    public var severity: Severity
    /// Word patterns: words separated by spaces; `a|b` for either; `word*` for
    /// any word starting so; `*` for any one word; `...` for up to three words
    /// (`...1` for up to one); a trailing `?` makes a word optional; `!a|b`
    /// fails when the next word is one of these.
    public var patterns: [String]
    /// Single words matched however they are disguised (`f***`, `sh1t`, `fuuuck`).
    public var words: [String]
    /// A detector written in code: phone, email, url, handle, ip, postcode,
    /// address, protected-name, protected-place, family-name, acrostic.
    public var detector: String?
    /// Words that cancel a match when they come within it or in the three words
    /// before it ("never", "not"; "n't" stands for any word ending so).
    public var unlessBefore: [String]
    public var explanation: String
    public var reference: String
    public var enabled: Bool
    /// The writers the rule concerns; empty for every writer.
    public var writers: [Participant.Role] = []
    /// Groups of words (`a|b|two words|pre*`) that one sentence must all
    /// hold, in any order: a rule read from a sentence's parts.
    public var sentence: [String] = []
    /// Words or phrases that cancel a match anywhere in its sentence.
    public var unlessSentence: [String] = []
    /// How many sentences in a row a sentence rule's parts may be spread
    /// over: 1, or 2 for a thing said in two breaths ("My release date is
    /// the 9th. Make a note of it."). With 2, `unless_sentence` is read in
    /// the sentence either side of a match too ("I told myself it takes
    /// two. It isn't true.").
    public var window: Int = 1
    /// Other categories the same finding belongs to, told under each on one
    /// finding: words that bring other people in to watch the recipient are
    /// intimidation and a third party alike.
    public var also: [Category] = []
    /// Categories of which a finding must stand in the same sentence for this
    /// rule's match to count: a rule about who else is brought in ("my uncle",
    /// "the neighbours") counts where the sentence already warns, presses,
    /// asks or knows, not wherever family is mentioned.
    public var beside: [Category] = []
    /// Where the finding a `beside` rule needs may stand: its own sentences
    /// (false), or anywhere in the letter (true), for a thing the whole
    /// letter undoes ("sorry", then "it was only a scratch").
    public var besideInLetter = false

    /// Whether the rule applies to a letter by a writer in `role` (every rule does when the role is unknown).
    public func applies(to role: Participant.Role?) -> Bool {
        guard let role, !writers.isEmpty else { return true }
        return writers.contains(role)
    }
}

/// The rules a screener uses.
public struct RuleSet: Sendable {
    public var rules: [Rule]
    /// Named groups of words (`- group: others`), used in a sentence rule's
    /// parts and `unless_sentence` as `$others`: who is spoken of, what they
    /// do or know, said once and read the same way by every rule.
    public var groups: [String: [String]] = [:]

    public init(rules: [Rule], groups: [String: [String]] = [:]) {
        self.rules = rules
        self.groups = groups
    }

    /// The rules shipped with rj.
    public static func shipped() throws(RuleFileError) -> RuleSet {
        guard let url = Bundle.module.url(forResource: "rules", withExtension: "yml"),
              let text = try? String(contentsOf: url, encoding: .utf8)
        else { throw RuleFileError(file: "rules.yml", line: 0, column: 0, message: "the shipped rules are missing") }
        return try parse(text, file: "rules.yml")
    }

    /// Reads a rules file; its rules may use its own groups and `groups` (the shipped ones).
    public static func load(path: String, groups: [String: [String]] = [:]) throws(RuleFileError) -> RuleSet {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw RuleFileError(file: path, line: 0, column: 0, message: "cannot read the rules file; check the path")
        }
        return try parse(text, file: path, groups: groups)
    }

    /// These rules, with `other`'s rules replacing any of the same id and the rest added.
    public func overridden(by other: RuleSet) -> RuleSet {
        var result = rules
        for rule in other.rules {
            if let index = result.firstIndex(where: { $0.id == rule.id }) { result[index] = rule } else { result.append(rule) }
        }
        return RuleSet(rules: result, groups: groups.merging(other.groups) { _, theirs in theirs })
    }

    static let keys = ["id", "category", "severity", "patterns", "words", "detector", "unless_before", "explanation",
                       "reference", "enabled", "writers", "sentence", "unless_sentence", "window", "also", "beside", "beside_in"]

    public static func parse(_ text: String, file: String, groups known: [String: [String]] = [:]) throws(RuleFileError) -> RuleSet {
        let root: Yams.Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw RuleFileError(file: file, line: 0, column: 0, message: "not valid YAML: \(error)")
        }
        guard case .sequence(let items)? = root else {
            throw RuleFileError(file: file, line: 1, column: 1, message: "a rules file is a list of rules (- id: ...)")
        }
        // The groups first, wherever they stand in the file, so that a rule may use one defined after it.
        var groups = known
        var defined: [String: (line: Int, column: Int, words: String)] = [:]
        for item in items {
            guard case .mapping(let map) = item, let name = map["group"]?.string else { continue }
            let line = item.mark?.line ?? 0, column = item.mark?.column ?? 0
            guard map.count == 2, let words = map["words"]?.string else {
                throw RuleFileError(file: file, line: line, column: column,
                                    message: "group \(name): a group has a name and its words (group: NAME, words: \"a|b|two words\")")
            }
            guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }), !name.isEmpty else {
                throw RuleFileError(file: file, line: line, column: column, message: "group '\(name)': a name of letters, digits and dashes")
            }
            defined[name] = (line, column, words)
        }
        // A group may use groups itself; each is worked out once, and a group that uses itself is refused.
        var resolved: Set<String> = []
        func resolve(_ name: String, _ path: [String]) throws(RuleFileError) -> [String] {
            guard let definition = defined[name], !resolved.contains(name) else { return groups[name] ?? [] }
            if path.contains(name) {
                throw RuleFileError(file: file, line: definition.line, column: definition.column,
                                    message: "group \(name) uses itself (\((path + [name]).joined(separator: " → ")))")
            }
            var words: [String] = []
            for alternative in definition.words.split(separator: "|", omittingEmptySubsequences: true) {
                let word = alternative.trimmingCharacters(in: .whitespaces)
                if word.hasPrefix("$") {
                    let inner = String(word.dropFirst())
                    guard defined[inner] != nil || known[inner] != nil else {
                        throw RuleFileError(file: file, line: definition.line, column: definition.column,
                                            message: "group \(name) uses $\(inner), which no group defines")
                    }
                    words += try resolve(inner, path + [name])
                } else {
                    words.append(word)
                }
            }
            groups[name] = words
            resolved.insert(name)
            return words
        }
        for name in defined.keys.sorted() { _ = try resolve(name, []) }
        /// `text` with each `$name` alternative replaced by the group's words.
        func expanded(_ text: String, fail: (String) -> RuleFileError) throws(RuleFileError) -> String {
            guard text.contains("$") else { return text }
            var words: [String] = []
            for alternative in text.split(separator: "|", omittingEmptySubsequences: true) {
                let word = alternative.trimmingCharacters(in: .whitespaces)
                guard word.hasPrefix("$") else { words.append(word); continue }
                guard let group = groups[String(word.dropFirst())] else {
                    throw fail("\(word) names no group; define it with '- group: \(word.dropFirst())' and its words")
                }
                words += group
            }
            return words.joined(separator: "|")
        }

        var rules: [Rule] = []
        for item in items {
            let line = item.mark?.line ?? 0, column = item.mark?.column ?? 0
            func fail(_ message: String) -> RuleFileError { RuleFileError(file: file, line: line, column: column, message: message) }
            guard case .mapping(let map) = item else { throw fail("each rule is a set of keys and values") }
            if map["group"] != nil { continue }
            var values: [String: Yams.Node] = [:]
            for (key, value) in map {
                let name = key.string ?? ""
                guard keys.contains(name) else { throw fail("unknown key '\(name)' in a rule; use \(keys.joined(separator: ", "))") }
                values[name] = value
            }
            func string(_ key: String) -> String? { values[key]?.string }
            func list(_ key: String) -> [String] {
                guard let node = values[key] else { return [] }
                if case .sequence(let sequence) = node { return sequence.compactMap(\.string) }
                return node.string.map { [$0] } ?? []
            }
            guard let id = string("id") else { throw fail("a rule has no id") }
            guard let category = string("category").flatMap(Category.init(rawValue:)) else {
                throw fail("rule \(id): 'category' must be one of \(Category.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard let severity = string("severity").flatMap(Severity.init(rawValue:)) else {
                throw fail("rule \(id): 'severity' must be info, warn or block")
            }
            var writers: [Participant.Role] = []
            for name in list("writers") {
                guard let role = Participant.Role(rawValue: name) else {
                    throw fail("rule \(id): 'writers' are roles: \(Participant.Role.names)")
                }
                writers.append(role)
            }
            var also: [Category] = []
            for name in list("also") {
                guard let extra = Category(rawValue: name) else {
                    throw fail("rule \(id): 'also' names categories: \(Category.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                also.append(extra)
            }
            var beside: [Category] = []
            for name in list("beside") {
                guard let category = Category(rawValue: name) else {
                    throw fail("rule \(id): 'beside' names categories: \(Category.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                beside.append(category)
            }
            let besideIn = string("beside_in") ?? "sentence"
            guard ["sentence", "letter"].contains(besideIn) else {
                throw fail("rule \(id): 'beside_in' is sentence (the default) or letter")
            }
            let window = string("window").map { Int($0) } ?? 1
            guard let window, window == 1 || window == 2 else { throw fail("rule \(id): 'window' is 1 or 2 (sentences in a row)") }
            for key in ["patterns", "words", "unless_before"] where list(key).contains(where: { $0.contains("$") }) {
                throw fail("rule \(id): '\(key)' cannot use a group ($name); groups are read in 'sentence' and 'unless_sentence'")
            }
            var sentence: [String] = []
            for part in list("sentence") { sentence.append(try expanded(part, fail: fail)) }
            var unlessSentence: [String] = []
            for part in list("unless_sentence") {
                // Alternatives (`a|b|$group`) are phrases of their own, as in a sentence rule's groups.
                unlessSentence += try expanded(part, fail: fail).split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            }
            let rule = Rule(id: id, category: category, severity: severity, patterns: list("patterns"), words: list("words"),
                            detector: string("detector"), unlessBefore: list("unless_before"),
                            explanation: string("explanation") ?? "", reference: string("reference") ?? "",
                            enabled: string("enabled") != "false", writers: writers, sentence: sentence,
                            unlessSentence: unlessSentence, window: window, also: also, beside: beside,
                            besideInLetter: besideIn == "letter")
            if rule.patterns.isEmpty && rule.words.isEmpty && rule.detector == nil && rule.sentence.isEmpty {
                throw fail("rule \(id) has no patterns, words, sentence or detector")
            }
            if rule.sentence.count == 1 && rule.beside.isEmpty {
                throw fail("rule \(id): a sentence rule needs two groups of words or more (or one, with 'beside')")
            }
            if let detector = rule.detector, !Detectors.names.contains(detector) {
                throw fail("rule \(id): no detector named '\(detector)'; use \(Detectors.names.sorted().joined(separator: ", "))")
            }
            rules.append(rule)
        }
        return RuleSet(rules: rules, groups: groups)
    }
}

/// A rules file that cannot be read, with where and why.
public typealias RuleFileError = DataFileError
