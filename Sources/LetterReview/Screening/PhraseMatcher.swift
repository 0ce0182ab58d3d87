import TextScan
/// Finds word patterns in a letter's words: compiled once for all rules,
/// indexed by each pattern's first word, so a letter is read once. Every word
/// the patterns name gets a number, and each word of a letter is looked up
/// once, so matching compares numbers, not strings.
struct PhraseMatcher: Sendable {
    enum Element: Sendable {
        case words(Set<Int32>, prefixes: [String], optional: Bool)
        case any
        case gap(Int)
        /// Matches nothing, and fails when the next word is one of these.
        case notFollowedBy(Set<Int32>)
    }

    struct Pattern: Sendable {
        var rule: Int
        var elements: [Element]
    }

    private var patterns: [Pattern] = []
    /// The number of each word the patterns name.
    private var vocabulary: [String: Int32] = [:]
    /// The patterns whose first word is the word numbered so.
    private var byFirstWord: [[Int]] = []
    private var unindexed: [Int] = []

    init(rules: [Rule]) {
        for (ruleIndex, rule) in rules.enumerated() where rule.enabled {
            for text in rule.patterns {
                let elements = compile(text)
                guard !elements.isEmpty else { continue }
                let index = patterns.count
                patterns.append(Pattern(rule: ruleIndex, elements: elements))
                if case .words(let words, let prefixes, false) = elements[0], prefixes.isEmpty {
                    for word in words { byFirstWord[Int(word)].append(index) }
                } else {
                    unindexed.append(index)
                }
            }
        }
    }

    private mutating func number(_ word: Substring) -> Int32 {
        if let known = vocabulary[String(word)] { return known }
        let next = Int32(vocabulary.count)
        vocabulary[String(word)] = next
        byFirstWord.append([])
        return next
    }

    private mutating func compile(_ text: String) -> [Element] {
        text.lowercased().replacingOccurrences(of: "\u{2019}", with: "'").split(separator: " ").map { piece in
            if piece == "..." { return .gap(3) }
            if piece.hasPrefix("..."), let limit = Int(piece.dropFirst(3)) { return .gap(limit) }
            if piece == "*" { return .any }
            if piece.hasPrefix("!") {
                return .notFollowedBy(Set(piece.dropFirst().split(separator: "|").map { number(Substring(ScannedText.standard(String($0)))) }))
            }
            var body = Substring(piece)
            let optional = body.hasSuffix("?") && body.count > 1
            if optional { body = body.dropLast() }
            var words = Set<Int32>(), prefixes: [String] = []
            for alternative in body.split(separator: "|") {
                if alternative.hasSuffix("*") {
                    prefixes.append(String(alternative.dropLast()))
                } else {
                    words.insert(number(Substring(ScannedText.standard(String(alternative)))))
                }
            }
            return .words(words, prefixes: prefixes, optional: optional)
        }
    }

    /// Every match: the rule and the range of tokens it covers, within one
    /// sentence ("I'm sorry. If you ever want to meet" is no "sorry if").
    func matches(in text: ScannedText, sentences: [Range<Int>]) -> [(rule: Int, first: Int, last: Int)] {
        let tokens = text.tokens
        let numbers = tokens.map { vocabulary[$0.plain] ?? -1 }
        var found: [(Int, Int, Int)] = []
        for sentence in sentences {
            let limit = sentence.upperBound
            for start in sentence {
                let first = numbers[start]
                for index in first >= 0 ? byFirstWord[Int(first)] : [] {
                    if let end = match(patterns[index].elements, 0, tokens, numbers, start, limit) {
                        found.append((patterns[index].rule, start, end - 1))
                    }
                }
                for index in unindexed {
                    if let end = match(patterns[index].elements, 0, tokens, numbers, start, limit) {
                        found.append((patterns[index].rule, start, end - 1))
                    }
                }
            }
        }
        return found
    }

    /// The token index after a match of `elements[element...]` starting at `position` and
    /// ending before `limit`, if any.
    private func match(_ elements: [Element], _ element: Int, _ tokens: [ScannedText.Token], _ numbers: [Int32],
                       _ position: Int, _ limit: Int) -> Int? {
        if element == elements.count { return position > 0 ? position : nil }
        switch elements[element] {
        case .notFollowedBy(let words):
            if position < limit && words.contains(numbers[position]) { return nil }
            return match(elements, element + 1, tokens, numbers, position, limit)
        case .any:
            guard position < limit else { return nil }
            return match(elements, element + 1, tokens, numbers, position + 1, limit)
        case .gap(let most):
            for skip in 0...most where position + skip <= limit {
                if let end = match(elements, element + 1, tokens, numbers, position + skip, limit) { return end }
            }
            return nil
        case .words(let words, let prefixes, let optional):
            if position < limit {
                if words.contains(numbers[position])
                    || !prefixes.isEmpty && prefixes.contains(where: { tokens[position].plain.hasPrefix($0) }) {
                    if let end = match(elements, element + 1, tokens, numbers, position + 1, limit) { return end }
                }
            }
            return optional ? match(elements, element + 1, tokens, numbers, position, limit) : nil
        }
    }
}
