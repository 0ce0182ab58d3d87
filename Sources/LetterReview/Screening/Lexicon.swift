import TextScan
/// Single words matched however they are disguised: capitals, repeated
/// letters (`fuuuck`), digits and symbols for letters (`sh1t`, `a$$`),
/// separators (`f.u.c.k`, `f*u*c*k`) and masks (`f***`, `b*tch`), while words
/// that merely contain one (Scunthorpe, Sussex, assess) stay clear.
struct Lexicon: Sendable {
    private var exact: [String: Int] = [:]
    /// By length, for masked words: (word, rule).
    private var byLength: [Int: [(String, Int)]] = [:]
    static let suffixes = ["", "s", "es", "ed", "er", "ers", "ing", "in", "y", "ies", "head", "heads", "face", "hole", "holes"]

    init(rules: [Rule]) {
        // A detector's words are its own (the acrostic detector's list); the lexicon takes the rest.
        for (index, rule) in rules.enumerated() where rule.enabled && rule.detector == nil {
            for word in rule.words {
                let base = word.lowercased()
                for suffix in Self.suffixes where exact[base + suffix] == nil { exact[base + suffix] = index }
                byLength[base.count, default: []].append((base, index))
            }
        }
    }

    var isEmpty: Bool { exact.isEmpty }

    /// Every disguised or plain match: the rule and the scalar range.
    func matches(in text: ScannedText) -> [(rule: Int, range: Range<Int>)] {
        let s = text.scalars
        var found: [(Int, Range<Int>)] = []
        var index = 0
        while index < s.count {
            while index < s.count, s[index].isFastSpace { index += 1 }
            let start = index
            while index < s.count, !s[index].isFastSpace { index += 1 }
            guard index > start else { continue }
            var chunk = Array(s[start..<index])
            var lower = start
            // Trim surrounding punctuation, keeping masks and symbols used as letters.
            while let first = chunk.first, !Self.isCore(first) { chunk.removeFirst(); lower += 1 }
            while let last = chunk.last, !Self.isCore(last) || last == "!" { chunk.removeLast() }
            guard !chunk.isEmpty else { continue }
            // Hyphenated and slashed compounds are checked part by part too.
            var pieces = [(chunk, lower)]
            if chunk.contains(where: { $0 == "-" || $0 == "/" }) {
                var offset = lower, current: [Unicode.Scalar] = []
                for scalar in chunk {
                    if scalar == "-" || scalar == "/" {
                        if !current.isEmpty { pieces.append((current, offset)) }
                        offset += current.count + 1
                        current = []
                    } else {
                        current.append(scalar)
                    }
                }
                if !current.isEmpty { pieces.append((current, offset)) }
            }
            for (piece, offset) in pieces {
                if let rule = match(piece) {
                    found.append((rule, offset..<(offset + piece.count)))
                    break
                }
            }
        }
        return found
    }

    static func isCore(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isFastLetter || scalar.isFastDigit || scalar.isOneOf("*$@#!_.-/")
    }

    private func match(_ chunk: [Unicode.Scalar]) -> Int? {
        var letters = String.UnicodeScalarView()
        var masked = 0, unmaskedCount = 0
        var doubled = false
        func append(_ scalar: Unicode.Scalar) {
            if let last = letters.last, last == scalar, scalar != "?" { doubled = true }
            letters.append(scalar)
            if scalar != "?" { unmaskedCount += 1 }
        }
        for scalar in chunk {
            switch scalar {
            case "*", "#", "_": append("?"); masked += 1
            case "0": append("o")
            case "1", "!": append("i")
            case "3": append("e")
            case "4", "@": append("a")
            case "5", "$": append("s")
            case "7": append("t")
            case ".", "-", "/": continue
            default:
                guard scalar.isFastLetter else { return nil }
                if scalar.value < 0x80 {
                    append(scalar.isFastUppercase ? Unicode.Scalar(scalar.value + 32)! : scalar)
                } else {
                    for lower in scalar.properties.lowercaseMapping.unicodeScalars { append(lower) }
                }
            }
        }
        guard letters.count >= 2, unmaskedCount > 0 else { return nil }
        let word = String(letters)
        if masked == 0 {
            if let rule = exact[word] { return rule }
            // Letters stretched for effect: "fuuuuck", "shhhhiiiiter".
            // Only words with a doubled letter can be stretched.
            guard doubled else { return nil }
            for variant in [Self.collapse(word, longerThan: 2), Self.collapse(word, longerThan: 1)] where variant != word {
                if let rule = exact[variant] { return rule }
            }
            return nil
        }
        // `f***` or `f*u*c*k`: masks standing for letters, or separating them.
        let unmasked = word.filter { $0 != "?" }
        if unmasked.count >= 3, let rule = exact[unmasked] { return rule }
        guard word.first != "?" else { return nil }
        for (candidate, rule) in byLength[word.count] ?? [] {
            if zip(candidate, word).allSatisfy({ $1 == "?" || $0 == $1 }) { return rule }
        }
        return nil
    }

    /// Runs of a letter longer than `limit` made one.
    static func collapse(_ text: String, longerThan limit: Int) -> String {
        var result = ""
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            var end = index
            while end < characters.count && characters[end] == characters[index] { end += 1 }
            result += String(repeating: String(characters[index]), count: end - index > limit ? 1 : end - index)
            index = end
        }
        return result
    }
}
