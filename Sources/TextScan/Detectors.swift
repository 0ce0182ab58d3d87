import Foundation

/// Detectors that patterns cannot express, written as code.
package enum Detectors {
    package static let names: Set<String> = ["phone", "email", "url", "handle", "ip", "postcode", "address", "street", "protected-name",
                                     "protected-place", "family-name", "acrostic", "acrostic-contact", "spelled-number", "spelled-email",
                                     "platform-handle", "platform-invitation"]

    package struct Hit {
        package var range: Range<Int>
        package var note: String?
        /// What the first letters spell, for a message found down a letter.
        package var spelled: String? = nil
    }

    // MARK: Helpers

    package static func isDigit(_ scalar: Unicode.Scalar) -> Bool { scalar.isFastDigit }
    package static func isLetter(_ scalar: Unicode.Scalar) -> Bool { scalar.isFastLetter }
    package static func isWord(_ scalar: Unicode.Scalar) -> Bool { scalar.isFastDigit || scalar.isFastLetter || scalar == "_" }
    package static func isSpace(_ scalar: Unicode.Scalar) -> Bool { scalar.isFastSpace }

    // MARK: Phone numbers

    /// 7 to 15 digits, with the spaces, dots, dashes and brackets people write
    /// between groups; not dates, times, sums of money or long card numbers.
    package static func phones(_ text: ScannedText) -> [Hit] {
        let s = text.scalars
        var hits: [Hit] = []
        var index = 0
        while index < s.count {
            let scalar = s[index]
            let startsNumber = isDigit(scalar) || ((scalar == "+" || scalar == "(") && index + 1 < s.count && (isDigit(s[index + 1]) || s[index + 1] == "+"))
            if !startsNumber || (index > 0 && (isWord(s[index - 1]) || s[index - 1] == "." || s[index - 1] == "-" || s[index - 1] == "/")) {
                index += 1
                continue
            }
            if index > 0 && ["£", "$", "€", "#"].contains(s[index - 1]) { index += 1; continue }
            var end = index, digits = 0, separators = 0, slashes = 0, groups = 0
            var previousWasSpace = false
            var cursor = index
            while cursor < s.count {
                let c = s[cursor]
                if isDigit(c) {
                    if cursor == index || !isDigit(s[cursor - 1]) { groups += 1 }
                    digits += 1
                    end = cursor + 1
                    previousWasSpace = false
                } else if c == " " || c == "\u{A0}" {
                    if previousWasSpace { break }
                    previousWasSpace = true
                    separators += 1
                } else if c == "-" || c == "." || c == "(" || c == ")" || c == "+" || c == "/" || c == "\u{2013}" {
                    if c == "/" { slashes += 1 }
                    if c == ")" { end = cursor + 1 }
                    separators += 1
                    previousWasSpace = false
                } else {
                    break
                }
                cursor += 1
            }
            // An extension: "x769", "ext 12".
            if end < s.count, s[end] == "x" || s[end] == "X", end + 1 < s.count, isDigit(s[end + 1]) {
                end += 1
                while end < s.count, isDigit(s[end]) { end += 1 }
            }
            let candidate = text.text(index..<end)
            let plus = candidate.hasPrefix("+") || candidate.hasPrefix("(+")
            // What comes next: a word straight after the number, or after one space (a house number and street).
            var next = end
            while next < s.count && s[next] == " " { next += 1 }
            let followedByWord = end < s.count && (isLetter(s[end]) || s[end] == "%")
                || (!plus && next < s.count && next - end == 1 && s[next].isFastUppercase && digits <= 10)
            let isDate = slashes > 0 || candidate.range(of: #"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$"#, options: .regularExpression) != nil
            let quads = candidate.split(separator: ".", omittingEmptySubsequences: false)
            let isIPv4 = quads.count == 4 && quads.allSatisfy { Int($0).map { $0 <= 255 } ?? false }
            // One unbroken run of digits is a card or account number unless it is written as a
            // national number (10 or 11 digits from 0) or with its country code.
            let unbrokenOK = groups > 1 || plus || (10...11).contains(digits)
            // Without a country code, a number needs 9 digits, or 7-8 written as two groups (555-1234).
            let lengthOK = plus ? digits >= 7 : (digits >= 9 || (groups >= 2 && digits >= 7))
            if digits <= 15 && lengthOK && unbrokenOK && !isDate && !isIPv4 && !followedByWord {
                hits.append(Hit(range: index..<end, note: nil))
            }
            index = max(end, index + 1)
        }
        return hits
    }

    // MARK: Email, web addresses, handles, IP addresses

    package static func emails(_ text: ScannedText) -> [Hit] {
        let s = text.scalars
        var hits: [Hit] = []
        for (at, scalar) in s.enumerated() where scalar == "@" {
            var left = at
            while left > 0, isWord(s[left - 1]) || ".%+-'".unicodeScalars.contains(s[left - 1]) { left -= 1 }
            var right = at + 1
            while right < s.count, isWord(s[right]) || s[right] == "." || s[right] == "-" { right += 1 }
            while right > at + 1, s[right - 1] == "." || s[right - 1] == "-" { right -= 1 }
            while left < at, s[left] == "." { left += 1 }
            let domain = text.text(at + 1..<right)
            let parts = domain.split(separator: ".")
            guard left < at, parts.count >= 2, let tld = parts.last, tld.count >= 2, tld.allSatisfy(\.isLetter) else { continue }
            hits.append(Hit(range: left..<right, note: nil))
        }
        return hits
    }

    package static let topLevelDomains: Set<String> = [
        "com", "org", "net", "uk", "co", "io", "me", "info", "biz", "gov", "edu", "ly", "gl", "tv", "us", "de", "fr",
        "ie", "eu", "es", "it", "nl", "be", "ch", "at", "au", "ca", "nz", "in", "jp", "cn", "ru", "br", "app", "dev",
        "online", "site", "xyz", "club", "shop", "blog", "ai", "to", "cc", "ws", "fm", "gg", "mx", "pl", "se", "no",
        "dk", "fi", "pt", "gr", "tr", "za", "kr", "sg", "hk", "tw", "ar", "cl", "ke", "ng", "onion", "link", "live",
    ]

    package static func urls(_ text: ScannedText) -> [Hit] {
        let s = text.scalars
        var hits: [Hit] = []
        var index = 0
        while index < s.count {
            // Look only at each run of non-space characters, and only at runs with a dot.
            while index < s.count, isSpace(s[index]) { index += 1 }
            let chunkStart = index
            var hasDot = false
            while index < s.count, !isSpace(s[index]) {
                if s[index] == "." { hasDot = true }
                index += 1
            }
            guard hasDot else { continue }
            var start = chunkStart
            while start < index, s[start].isOneOf("\"<>()[]{}|^`,'") || s[start] == "\u{2018}" || s[start] == "\u{201C}" { start += 1 }
            var end = start
            while end < index, !s[end].isOneOf("\"<>()[]{}|\\^`,") { end += 1 }
            while end > start, s[end - 1].isOneOf(".,;:!?'") || s[end - 1] == "\u{2019}" { end -= 1 }
            guard end > start else { continue }
            let candidate = text.text(start..<end).lowercased()
            var isURL = candidate.hasPrefix("http://") || candidate.hasPrefix("https://")
            if !isURL && !candidate.contains("@") {
                let host = candidate.split(separator: "/", maxSplits: 1).first.map(String.init) ?? candidate
                let labels = host.split(separator: ".", omittingEmptySubsequences: false)
                if labels.count >= 2, labels.allSatisfy({ !$0.isEmpty }), let tld = labels.last,
                   topLevelDomains.contains(String(tld)), labels.dropLast().allSatisfy({ label in
                       label.unicodeScalars.allSatisfy { isWord($0) || $0 == "-" }
                   }), labels[0].count >= 2 {
                    isURL = true
                }
            }
            if isURL { hits.append(Hit(range: start..<end, note: nil)) }
        }
        return hits
    }

    package static func handles(_ text: ScannedText) -> [Hit] {
        let s = text.scalars
        var hits: [Hit] = []
        for (at, scalar) in s.enumerated() where scalar == "@" || scalar == "\u{FF20}" {
            if at > 0, isWord(s[at - 1]) || s[at - 1] == "@" || s[at - 1] == "!" || s[at - 1] == "#" || s[at - 1] == "$" { continue }
            var end = at + 1
            while end < s.count, s[end].isASCII, isWord(s[end]) { end += 1 }
            guard end - at - 1 >= 1, end - at - 1 <= 30 else { continue }
            // An email's domain or a word glued on after (`@user@domain`) is not a handle.
            if end < s.count, s[end] == "@" { continue }
            hits.append(Hit(range: at..<end, note: nil))
        }
        return hits
    }

    package static func ipAddresses(_ text: ScannedText) -> [Hit] {
        let s = text.scalars
        var hits: [Hit] = []
        var index = 0
        while index < s.count {
            guard index == 0 || !(isWord(s[index - 1]) || s[index - 1] == "." || s[index - 1] == ":") else { index += 1; continue }
            var end = index, separators = 0
            while end < s.count, isDigit(s[end]) || s[end] == "." || s[end] == ":" || s[end].isOneOf("abcdefABCDEF") {
                if s[end] == "." || s[end] == ":" { separators += 1 }
                end += 1
            }
            guard separators >= 2 else { index = max(index + 1, end); continue }
            while end > index, s[end - 1] == "." { end -= 1 }
            let candidate = text.text(index..<end)
            if end < s.count && isWord(s[end]) { index = max(index + 1, end); continue }
            if isIPv4(candidate[...]) {
                hits.append(Hit(range: index..<end, note: nil))
            } else if candidate.contains(":"), isIPv6(candidate) {
                hits.append(Hit(range: index..<end, note: nil))
            } else if let colon = candidate.lastIndex(of: ":"), isIPv4(candidate[..<colon]),
                      candidate[candidate.index(after: colon)...].allSatisfy(\.isNumber) {
                // With its port: "10.0.0.1:8080".
                hits.append(Hit(range: index..<index + candidate[..<colon].unicodeScalars.count, note: nil))
            }
            index = max(index + 1, end)
        }
        return hits
    }

    /// Four numbers up to 255 with dots between.
    package static func isIPv4(_ text: Substring) -> Bool {
        let quads = text.split(separator: ".", omittingEmptySubsequences: false)
        return quads.count == 4 && quads.allSatisfy { !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isNumber) && Int($0)! <= 255 }
    }

    /// An IPv6 address by RFC 4291's text forms: eight groups of up to four hex
    /// digits, or fewer with one "::" standing for zeros, the last two groups
    /// optionally an IPv4 address ("::ffff:192.168.1.1"). Six groups with no
    /// "::" is a MAC address, not an IP.
    package static func isIPv6(_ text: String) -> Bool {
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return false }
        var groups = 0
        for (halfIndex, half) in halves.enumerated() where !half.isEmpty {
            let parts = half.split(separator: ":", omittingEmptySubsequences: false)
            for (index, part) in parts.enumerated() {
                let last = halfIndex == halves.count - 1 && index == parts.count - 1
                if last && part.contains(".") {
                    let quads = part.split(separator: ".", omittingEmptySubsequences: false)
                    guard quads.count == 4, quads.allSatisfy({ Int($0).map { $0 <= 255 } ?? false }) else { return false }
                    groups += 2
                } else {
                    guard (1...4).contains(part.count), part.allSatisfy(\.isHexDigit) else { return false }
                    groups += 1
                }
            }
        }
        // "::" alone is the unspecified address; in prose it is punctuation.
        return halves.count == 2 ? groups >= 1 && groups <= 7 : groups == 8
    }

    // MARK: Names and places

    /// Each phrase (a name or a place), matched word by word, case-insensitively.
    package static func phrases(_ phrases: [String], in text: ScannedText) -> [Hit] {
        var hits: [Hit] = []
        for phrase in phrases {
            let words = ScannedText(phrase).tokens.map(\.word)
            guard !words.isEmpty else { continue }
            let tokens = text.tokens
            var index = 0
            while index + words.count <= tokens.count {
                if (0..<words.count).allSatisfy({ tokens[index + $0].word == words[$0] }) {
                    hits.append(Hit(range: tokens[index].start..<tokens[index + words.count - 1].end, note: phrase))
                    index += words.count
                } else {
                    index += 1
                }
            }
        }
        return hits
    }

    package static let familyWords: Set<String> = [
        "wife", "husband", "partner", "son", "daughter", "mum", "mom", "mother", "dad", "father", "brother", "sister",
        "grandson", "granddaughter", "nan", "nana", "grandad", "grandma", "grandpa", "girlfriend", "boyfriend", "cousin",
        "aunt", "auntie", "uncle", "niece", "nephew", "stepson", "stepdaughter", "baby", "kid", "child",
    ]

    /// A family member of someone other than the writer named: "your
    /// daughter Sophie", "his brother Liam". The writer's own ("my husband,
    /// Derek") is theirs to name.
    package static func familyNames(_ text: ScannedText) -> [Hit] {
        var hits: [Hit] = []
        let tokens = text.tokens
        for index in tokens.indices.dropLast() where familyWords.contains(tokens[index].word) {
            if index > 0, ["my", "our"].contains(tokens[index - 1].word) { continue }
            let next = tokens[index + 1]
            guard next.isCapitalised, next.start - tokens[index].end <= 2,
                  text.scalars[tokens[index].end..<next.start].allSatisfy({ $0 == " " || $0 == "," }),
                  !["I", "And", "But", "The", "He", "She", "They", "We", "You"].contains(text.text(next.start..<next.end))
            else { continue }
            hits.append(Hit(range: tokens[index].start..<next.end, note: nil))
        }
        return hits
    }

    // MARK: Acrostics

    /// Words that make a run of first letters a message: asking for contact,
    /// a meeting or a reply, or carrying a threat.
    static let messageCues: Set<String> = [
        "text", "call", "ring", "meet", "snap", "find", "come", "over", "dead", "kill", "hurt", "hate", "soon", "wait",
        "home", "help", "back", "know", "watch", "seen", "lies", "liar", "grass", "rat", "run", "hide", "die", "pay",
        "love", "miss", "mine", "free", "near", "here", "phone", "write", "reply", "visit", "door", "night",
        "still", "never", "done", "out", "bail", "snitch", "fear", "sorry",
    ]
    /// The short words a message spelled down a letter is made of besides its cues.
    static let messageWords: Set<String> = messageCues.union([
        "me", "you", "we", "us", "it", "is", "not", "no", "so", "to", "too", "now", "am", "are", "be", "go", "get",
        "got", "see", "at", "on", "in", "my", "ur", "he", "she", "the", "up", "all", "yet", "ever", "just", "again",
        "end", "will", "can", "im", "its", "your", "his", "her", "they", "them", "do", "did", "if", "or", "of", "by",
    ])

    /// Each message word packed into a number (a byte a letter), and whether it is a cue.
    private static let messageCodes: [UInt64: Bool] = Dictionary(uniqueKeysWithValues: messageWords.map { word in
        (word.utf8.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }, messageCues.contains(word))
    })

    /// Runs of six letters or more that read wholly as two words or more
    /// of a short message, one of them a cue ("meetme", "notover"), each
    /// the longest from where it starts.
    package static func spelledMessages(_ letters: [Character]) -> [Range<Int>] {
        guard letters.count >= 6 else { return [] }
        // ASCII letters as bytes; anything else can be in no word.
        let bytes = letters.map { $0.isASCII ? ($0.asciiValue ?? 0) : 0 }
        var found: [Range<Int>] = []
        var start = 0
        while start + 6 <= bytes.count {
            var best: Int?
            // reach[end - start]: (words, has a cue) for a split of bytes[start..<end]; words 0 means none.
            let limit = min(bytes.count, start + 16)
            var reach = [(words: Int, cue: Bool)](repeating: (0, false), count: limit - start + 1)
            var reached = [Bool](repeating: false, count: limit - start + 1)
            reached[0] = true
            for end in (start + 1)...limit {
                for length in 2...7 where end - length >= start && reached[end - length - start] {
                    var code: UInt64 = 0
                    for index in (end - length)..<end { code = code << 8 | UInt64(bytes[index]) }
                    guard let cue = messageCodes[code] else { continue }
                    let before = reach[end - length - start]
                    let next = (words: before.words + 1, cue: before.cue || cue)
                    if reached[end - start], reach[end - start].cue || !next.cue { continue }
                    reach[end - start] = next
                    reached[end - start] = true
                }
                if reached[end - start], end - start >= 6, reach[end - start].words >= 2, reach[end - start].cue { best = end }
            }
            if let best {
                found.append(start..<best)
                start = best
            } else {
                start += 1
            }
        }
        return found
    }

    /// The words of a message spelled down a letter that ask to be reached.
    static let contactCues = ["text", "call", "ring", "meet", "snap", "find", "phone", "write", "reply", "visit", "come"]

    /// Messages spelled by first letters (``acrostics(_:words:names:)``) that ask for contact ("TEXTME", "MEETME").
    package static func acrosticRequests(_ messages: [Hit]) -> [Hit] {
        messages.filter { hit in
            guard let spelled = hit.spelled?.lowercased() else { return false }
            return contactCues.contains { spelled.contains($0) }
        }
    }

    /// Concerning words or protected names spelled by the first letters of
    /// lines, sentences or paragraphs.
    package static func acrostics(_ text: ScannedText, words: [String], names: [String]) -> [Hit] {
        let s = text.scalars
        var lineStarts: [Int] = [], sentenceStarts: [Int] = [], paragraphStarts: [Int] = []
        var atLine = true, atSentence = true, atParagraph = true, blankRun = 0
        for (index, scalar) in s.enumerated() {
            if scalar == "\n" {
                if atLine { blankRun += 1 }
                if blankRun >= 1 && atLine { atParagraph = true }
                atLine = true
                continue
            }
            if isLetter(scalar) || isDigit(scalar) {
                if atLine { lineStarts.append(index) }
                if atSentence { sentenceStarts.append(index) }
                if atParagraph { paragraphStarts.append(index) }
                atLine = false; atSentence = false; atParagraph = false; blankRun = 0
            } else if ".!?".unicodeScalars.contains(scalar) {
                atSentence = true
            } else if !isSpace(scalar) {
                if atLine { atLine = false; blankRun = 0 }
            }
        }
        var targets = words.map { $0.lowercased().filter(\.isLetter) }.filter { $0.count >= 4 }
        for name in names {
            for part in name.lowercased().split(whereSeparator: { !$0.isLetter }) where part.count >= 3 { targets.append(String(part)) }
        }
        var hits: [Hit] = []
        for starts in [lineStarts, sentenceStarts, paragraphStarts] where starts.count >= 3 {
            let initials = starts.map { String(s[$0].properties.lowercaseMapping) }.joined()
            // A message made of words, not one word of concern: "meet me", "not over", "text me".
            for window in spelledMessages(Array(initials)) where !hits.contains(where: {
                $0.range.lowerBound <= starts[window.lowerBound] && starts[window.upperBound - 1] < $0.range.upperBound
            }) {
                let spelled = String(Array(initials)[window]).uppercased()
                hits.append(Hit(range: starts[window.lowerBound]..<(starts[window.upperBound - 1] + 1),
                                note: "the first letters spell \"\(spelled)\"", spelled: spelled))
            }
            for target in Set(targets) {
                var searchStart = initials.startIndex
                while let range = initials.range(of: target, range: searchStart..<initials.endIndex) {
                    let first = initials.distance(from: initials.startIndex, to: range.lowerBound)
                    let last = first + target.count - 1
                    hits.append(Hit(range: starts[first]..<(starts[last] + 1),
                                    note: "the first letters spell \"\(target.uppercased())\""))
                    searchStart = range.upperBound
                }
            }
        }
        return hits
    }
}
