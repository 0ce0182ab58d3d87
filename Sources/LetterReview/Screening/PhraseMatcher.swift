import TextScan
/// Finds word patterns in a letter's words: compiled once for all rules,
/// indexed by each pattern's first word, so a letter is read once. Every word
/// the patterns name gets a number, and each word of a letter is looked up
/// once, so matching compares numbers, not strings. A pattern is a run of
/// plain elements over shared tables, so reading one copies nothing.
struct PhraseMatcher: Sendable {
    enum Element: Sendable {
        /// One of the word numbers `words[start..<end]` (sorted), or a word
        /// starting with one of `prefixes[prefixStart..<prefixEnd]`.
        case words(start: Int32, end: Int32, prefixStart: Int32, prefixEnd: Int32, optional: Bool)
        case any
        case gap(Int)
        /// Matches nothing, and fails when the next word is one of `words[start..<end]`.
        case notFollowedBy(start: Int32, end: Int32)
    }

    struct Pattern: Sendable {
        var rule: Int
        /// Where its elements are in `elements`.
        var first: Int
        var count: Int
    }

    private var patterns: [Pattern] = []
    private var elements: [Element] = []
    /// The word numbers of every element, each element's sorted in a run of its own.
    private var words: [Int32] = []
    private var prefixes: [String] = []
    /// The number of each word the patterns name.
    private var vocabulary: [String: Int32] = [:]
    /// The patterns whose first word is the word numbered so.
    private var byFirstWord: [[Int]] = []
    private var unindexed: [Int] = []

    init(rules: [Rule]) {
        for (ruleIndex, rule) in rules.enumerated() where rule.enabled {
            for text in rule.patterns {
                let first = elements.count
                compile(text)
                guard elements.count > first else { continue }
                let index = patterns.count
                patterns.append(Pattern(rule: ruleIndex, first: first, count: elements.count - first))
                if case .words(let start, let end, let prefixStart, let prefixEnd, false) = elements[first], prefixStart == prefixEnd {
                    for word in words[Int(start)..<Int(end)] { byFirstWord[Int(word)].append(index) }
                } else {
                    unindexed.append(index)
                }
            }
        }
    }

    private mutating func number(_ word: String) -> Int32 {
        if let known = vocabulary[word] { return known }
        let next = Int32(vocabulary.count)
        vocabulary[word] = next
        byFirstWord.append([])
        return next
    }

    /// Appends the word numbers given, sorted and once each, and returns where they stand.
    private mutating func store(_ numbers: [Int32]) -> (Int32, Int32) {
        let start = Int32(words.count)
        words += Set(numbers).sorted()
        return (start, Int32(words.count))
    }

    private mutating func compile(_ text: String) {
        for piece in text.lowercased().replacingOccurrences(of: "\u{2019}", with: "'").split(separator: " ") {
            if piece == "..." { elements.append(.gap(3)); continue }
            if piece.hasPrefix("..."), let limit = Int(piece.dropFirst(3)) { elements.append(.gap(limit)); continue }
            if piece == "*" { elements.append(.any); continue }
            if piece.hasPrefix("!") {
                let (start, end) = store(piece.dropFirst().split(separator: "|").map { number(ScannedText.standard(String($0))) })
                elements.append(.notFollowedBy(start: start, end: end))
                continue
            }
            var body = Substring(piece)
            let optional = body.hasSuffix("?") && body.count > 1
            if optional { body = body.dropLast() }
            var numbers: [Int32] = []
            let prefixStart = Int32(prefixes.count)
            for alternative in body.split(separator: "|") {
                if alternative.hasSuffix("*") {
                    prefixes.append(String(alternative.dropLast()))
                } else {
                    numbers.append(number(ScannedText.standard(String(alternative))))
                }
            }
            let (start, end) = store(numbers)
            elements.append(.words(start: start, end: end, prefixStart: prefixStart, prefixEnd: Int32(prefixes.count), optional: optional))
        }
    }

    /// Every match: the rule and the range of tokens it covers, within one
    /// sentence ("I'm sorry. If you ever want to meet" is no "sorry if").
    func matches(in text: ScannedText, sentences: [Range<Int>]) -> [(rule: Int, first: Int, last: Int)] {
        let tokens = text.tokens
        let numbers = tokens.map { vocabulary[$0.plain] ?? -1 }
        var found: [(Int, Int, Int)] = []
        let reader = Reader(elements: elements, words: words, prefixes: prefixes, tokens: tokens, numbers: numbers)
        for sentence in sentences {
            let limit = sentence.upperBound
            for start in sentence {
                let first = numbers[start]
                if first >= 0 {
                    for index in byFirstWord[Int(first)] {
                        let pattern = patterns[index]
                        if let end = reader.match(pattern.first, pattern.first + pattern.count, start, limit) {
                            found.append((pattern.rule, start, end - 1))
                        }
                    }
                }
                for index in unindexed {
                    let pattern = patterns[index]
                    if let end = reader.match(pattern.first, pattern.first + pattern.count, start, limit) {
                        found.append((pattern.rule, start, end - 1))
                    }
                }
            }
        }
        return found
    }

    /// One letter read against the tables.
    private struct Reader {
        let elements: [Element]
        let words: [Int32]
        let prefixes: [String]
        let tokens: [ScannedText.Token]
        let numbers: [Int32]

        /// Whether `word` is among `words[start..<end]`, found by halving.
        func holds(_ start: Int32, _ end: Int32, _ word: Int32) -> Bool {
            var low = Int(start), high = Int(end)
            while low < high {
                let middle = (low + high) >> 1
                let value = words[middle]
                if value == word { return true }
                if value < word { low = middle + 1 } else { high = middle }
            }
            return false
        }

        /// The token index after a match of `elements[element..<last]` starting at `position` and
        /// ending before `limit`, if any.
        func match(_ element: Int, _ last: Int, _ position: Int, _ limit: Int) -> Int? {
            if element == last { return position > 0 ? position : nil }
            switch elements[element] {
            case .notFollowedBy(let start, let end):
                if position < limit && holds(start, end, numbers[position]) { return nil }
                return match(element + 1, last, position, limit)
            case .any:
                guard position < limit else { return nil }
                return match(element + 1, last, position + 1, limit)
            case .gap(let most):
                for skip in 0...most where position + skip <= limit {
                    if let end = match(element + 1, last, position + skip, limit) { return end }
                }
                return nil
            case .words(let start, let end, let prefixStart, let prefixEnd, let optional):
                if position < limit {
                    var fits = holds(start, end, numbers[position])
                    if !fits && prefixStart < prefixEnd {
                        let plain = tokens[position].plain
                        fits = prefixes[Int(prefixStart)..<Int(prefixEnd)].contains { plain.hasPrefix($0) }
                    }
                    if fits, let after = match(element + 1, last, position + 1, limit) { return after }
                }
                return optional ? match(element + 1, last, position, limit) : nil
            }
        }
    }
}
