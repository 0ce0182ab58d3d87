import Foundation

/// Contact details written so that a pattern for digits or `@` does not see
/// them: a number in words ("oh seven seven double nine …"), digits mixed
/// with look-alike letters or spread over lines, an email spelled out
/// ("jay at gmail dot com"), a handle introduced by a platform's nickname
/// ("my snap is jaybird99"), or an invitation to find the writer there.
/// Each is read from its parts, not from a list of phrases.
extension Detectors {
    /// Words for digits, and words that repeat the next one.
    package static let digitWords: [String: Int] = [
        "zero": 0, "oh": 0, "nought": 0, "nil": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
        "six": 6, "seven": 7, "eight": 8, "nine": 9,
    ]
    package static let repeatWords: [String: Int] = ["double": 2, "triple": 3, "treble": 3]
    /// Words that say a digit is followed by noughts, as numbers are read aloud ("nine hundred": 900).
    package static let noughtWords: [String: Int] = ["hundred": 2, "thousand": 3]
    /// The digit words of three letters or more, as scalars, for reading them inside a token.
    private static let spelledDigits: [[Unicode.Scalar]] = digitWords.keys.filter { $0.unicodeScalars.count >= 3 }
        .map { Array($0.unicodeScalars) }
    /// Letters written for digits inside a number ("O77OO", "l23").
    package static let lookAlikes: Set<Unicode.Scalar> = ["o", "O", "l", "I", "i", "s", "S", "B", "z", "Z"]

    /// A run of ten or more digits written at least partly in words or
    /// look-alike letters, or spread over six or more pieces, or three over
    /// more than one line, however split (spaces, commas, dashes, line breaks);
    /// or one spread down the letter a piece to a line between lines of text.
    package static func spelledNumbers(_ text: ScannedText) -> [Hit] {
        let tokens = text.tokens, s = text.scalars
        var hits: [Hit] = []
        var index = 0
        while index < tokens.count {
            var cursor = index, digits = 0, disguised = false, pieces = 0, acrossLines = false, bridged = false
            var end = index
            while cursor < tokens.count {
                if cursor > index, !joinable(s, from: tokens[cursor - 1].end, to: tokens[cursor].start) { break }
                // "… 7 4 4, and then l 9 O": a few words that only say what comes next may sit between pieces.
                if cursor > index, let after = bridge(tokens, from: cursor, s), after > cursor {
                    bridged = true
                    cursor = after
                    continue
                }
                let newLine = cursor > index && s[tokens[cursor - 1].end..<tokens[cursor].start].contains("\n")
                let word = tokens[cursor].word
                if let repeats = repeatWords[word], cursor + 1 < tokens.count, let _ = digitWords[tokens[cursor + 1].word],
                   joinable(s, from: tokens[cursor].end, to: tokens[cursor + 1].start) {
                    digits += repeats
                    disguised = true
                    cursor += 2
                } else if digitWords[word] != nil {
                    digits += 1
                    disguised = true
                    cursor += 1
                } else if let noughts = noughtWords[word], cursor > index, digitWords[tokens[cursor - 1].word] != nil {
                    digits += noughts
                    cursor += 1
                } else if let count = digitCount(word, raw: s[tokens[cursor].start..<tokens[cursor].end]) ?? mixedDigits(word) {
                    digits += count.digits
                    disguised = disguised || count.disguised
                    cursor += 1
                } else {
                    break
                }
                pieces += 1
                acrossLines = acrossLines || newLine
                end = cursor - 1
            }
            // A phone number's opening in words ("oh seven seven double nine"), the rest given another way.
            let opening = digits >= 5 && digits < 10 && disguised && ["oh", "zero", "nought"].contains(tokens[index].word)
                && index + 1 < tokens.count && ["seven", "one", "two", "three", "eight"].contains(tokens[index + 1].word)
            if digits >= 10, digits <= 15, disguised || (!bridged && (pieces >= 6 || (acrossLines && pieces >= 3))) {
                hits.append(Hit(range: tokens[index].start..<tokens[end].end, note: "a number written so as not to look like one"))
                index = end + 1
            } else if opening {
                hits.append(Hit(range: tokens[index].start..<tokens[end].end, note: "the start of a phone number written in words"))
                index = end + 1
            } else {
                index += 1
            }
        }
        // A number spread down the letter a piece to a line, on lines of its own or else tucked at the
        // ends of lines of text, where no run above holds it.
        let spread = numbersDownTheLines(text)
        for hit in spread.isEmpty ? numbersAtLineEnds(text) : spread
        where !hits.contains(where: { $0.range.overlaps(hit.range) }) { hits.append(hit) }
        return hits
    }

    /// Words that only lead on to the next piece of a number read aloud.
    private static let bridgeWords: Set<String> = ["then", "and", "next", "followed", "by", "after", "that", "it's", "its",
                                                    "is", "at", "the", "end", "last", "bit", "lastly", "finally"]

    /// Where the next piece of a number starts after up to three words that
    /// only lead on to it ("then", "and then", "followed by"); nil when the
    /// words say anything else or no piece follows.
    private static func bridge(_ tokens: [ScannedText.Token], from start: Int, _ s: [Unicode.Scalar]) -> Int? {
        var cursor = start
        while cursor < tokens.count, cursor - start < 3, bridgeWords.contains(tokens[cursor].word) {
            guard cursor + 1 < tokens.count, joinable(s, from: tokens[cursor].end, to: tokens[cursor + 1].start) else { return nil }
            cursor += 1
        }
        guard cursor > start, cursor < tokens.count else { return nil }
        let word = tokens[cursor].word
        let isPiece = digitWords[word] != nil || repeatWords[word] != nil
            || digitCount(word, raw: s[tokens[cursor].start..<tokens[cursor].end]) != nil || mixedDigits(word) != nil
        return isPiece ? cursor : nil
    }

    /// Whether what lies between two pieces could sit inside one number: a
    /// little space, a comma, a dash, a full stop or a line break.
    private static func joinable(_ s: [Unicode.Scalar], from: Int, to: Int) -> Bool {
        guard to - from <= 4 else { return false }
        return s[from..<to].allSatisfy { " \n\t\r,-./()+\u{A0}\u{2013}".unicodeScalars.contains($0) }
    }

    /// How many digits a token holds: all digits, or digits with look-alike
    /// letters where at least half are digits ("O77OO" is not, "07700" is, "O77O0" is).
    private static func digitCount(_ word: String, raw: ArraySlice<Unicode.Scalar>) -> (digits: Int, disguised: Bool)? {
        var real = 0, alike = 0
        for scalar in raw {
            if isDigit(scalar) { real += 1 } else if lookAlikes.contains(scalar) { alike += 1 } else { return nil }
        }
        guard real > 0, real >= alike else { return nil }
        return (real + alike, alike > 0)
    }

    /// How many digits a token holds when it runs digits, look-alike letters
    /// and digit words together ("o7seven4o1", "5five", "two8"): the whole
    /// token must be read so, with one real digit at least.
    private static func mixedDigits(_ word: String) -> (digits: Int, disguised: Bool)? {
        // Most words hold no digit: they are not looked at further.
        guard word.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        let scalars = Array(word.unicodeScalars)
        var index = 0, digits = 0, real = 0
        next: while index < scalars.count {
            if isDigit(scalars[index]) {
                real += 1; digits += 1; index += 1
                continue
            }
            for name in spelledDigits {
                if index + name.count <= scalars.count, scalars[index..<(index + name.count)].elementsEqual(name) {
                    digits += 1; index += name.count
                    continue next
                }
            }
            guard lookAlikes.contains(scalars[index]) else { return nil }
            digits += 1; index += 1
        }
        return real > 0 && digits > real ? (digits, true) : nil
    }

    /// A number spread down the letter, a piece to a line between lines of
    /// text ("07" / a sentence / "954" / a sentence / "316" ...): lines that
    /// hold only digits, read together, make ten to thirteen digits.
    static func numbersDownTheLines(_ text: ScannedText) -> [Hit] {
        let s = text.scalars
        var pieces: [Range<Int>] = [], digits = 0
        var start = 0
        func finish(_ line: Range<Int>) {
            var first = line.lowerBound, last = line.upperBound
            while first < last, isSpace(s[first]) { first += 1 }
            while last > first, isSpace(s[last - 1]) { last -= 1 }
            guard first < last, last - first <= 5, s[first..<last].allSatisfy(isDigit) else { return }
            pieces.append(first..<last)
            digits += last - first
        }
        for (index, scalar) in s.enumerated() where scalar == "\n" {
            finish(start..<index)
            start = index + 1
        }
        finish(start..<s.count)
        guard pieces.count >= 3, (10...13).contains(digits), let first = pieces.first, let last = pieces.last else { return [] }
        return [Hit(range: first.lowerBound..<last.upperBound, note: "a number spread down the letter, a piece to a line")]
    }

    /// A number tucked at the ends of lines of text, a piece to a line ("Remember
    /// our song, 07700" / "… listen to it. 900" / "… for the kids. 284"): lines
    /// in a row that each end in a bare group of two to five digits, read
    /// together, make ten to thirteen digits from a leading 0.
    static func numbersAtLineEnds(_ text: ScannedText) -> [Hit] {
        let s = text.scalars
        var run: [Range<Int>] = [], hits: [Hit] = []
        func close() {
            let digits = run.reduce(0) { $0 + $1.count }
            if run.count >= 3, (10...13).contains(digits), let first = run.first, let last = run.last, s[first.lowerBound] == "0" {
                hits.append(Hit(range: first.lowerBound..<last.upperBound, note: "a number tucked at the ends of lines"))
            }
            run = []
        }
        var start = 0
        for end in s.indices where s[end] == "\n" || end == s.count - 1 {
            var last = end == s.count - 1 && s[end] != "\n" ? s.count : end
            while last > start, isSpace(s[last - 1]) { last -= 1 }
            var first = last
            while first > start, isDigit(s[first - 1]) { first -= 1 }
            // A bare group after other words of the line, not a sum, a time or part of a longer token.
            if (2...5).contains(last - first), first > start, isSpace(s[first - 1]),
               s[start..<first].contains(where: isLetter) {
                run.append(first..<last)
            } else {
                close()
            }
            start = end + 1
        }
        close()
        return hits
    }

    /// An email address spelled out: a name, "at", a domain, "dot" and an ending.
    package static func spelledEmails(_ text: ScannedText) -> [Hit] {
        let tokens = text.tokens
        let endings: Set<String> = ["com", "co", "uk", "net", "org", "me", "io"]
        var hits: [Hit] = []
        var index = 1
        while index + 3 < tokens.count {
            // "at", a domain of one to three words ("gee mail"), "dot" and an ending.
            let dot = tokens[index].word == "at"
                ? (index + 2...min(index + 4, tokens.count - 2)).first { tokens[$0].word == "dot" && endings.contains(tokens[$0 + 1].word) }
                : nil
            if let dot, !["look", "looking", "me", "you", "home", "work", "school"].contains(tokens[index - 1].word) {
                hits.append(Hit(range: tokens[index - 1].start..<tokens[dot + 1].end, note: "an email address spelled out"))
                index = dot + 2
            } else {
                index += 1
            }
        }
        return hits
    }

    /// What people call the places they can be found.
    package static let platforms: Set<String> = [
        "snap", "snapchat", "sc", "insta", "instagram", "ig", "gram", "tiktok", "facebook", "fb", "whatsapp", "telegram",
        "discord", "twitter", "threads", "kik", "signal", "messenger", "xbox", "psn", "playstation", "steam",
        "tt", "yt", "youtube", "linkedin", "bereal", "twitch", "reddit",
    ]
    /// Words that introduce a name on a platform.
    package static let introducers: Set<String> = ["is", "as", "it's", "its", "name", "username", "handle", "id", "called"]

    /// A name on a platform, introduced by the platform's name or nickname:
    /// "my snap is jaybird_99", "I'm on the gram as lil.jay", "insta: jaybird".
    package static func platformHandles(_ text: ScannedText) -> [Hit] {
        let tokens = text.tokens, s = text.scalars
        var hits: [Hit] = []
        for (index, token) in tokens.enumerated() where platforms.contains(token.word) {
            // "gram" is Instagram only as "the gram"; "signal", "steam", "threads" only with "my" or "on".
            if token.word == "gram", index == 0 || tokens[index - 1].word != "the" { continue }
            let before = index > 0 ? tokens[index - 1].word : ""
            let owned = before == "my" || before == "on" || (before == "the" && index > 1 && tokens[index - 2].word == "on")
            // Next: an introducing word or a colon, then the name itself.
            var cursor = tokens[index].end
            var introduced = false
            var look = index + 1
            while look < tokens.count, look <= index + 2, introducers.contains(tokens[look].word) {
                introduced = true
                cursor = tokens[look].end
                look += 1
            }
            while cursor < s.count, s[cursor] == " " || s[cursor] == ":" || s[cursor] == "-" || s[cursor] == "\u{2013}" {
                if s[cursor] == ":" { introduced = true }
                cursor += 1
            }
            guard introduced, owned || s[tokens[index].end..<min(s.count, tokens[index].end + 1)].first == ":" else { continue }
            var end = cursor
            while end < s.count, isWord(s[end]) || s[end] == "." || s[end] == "_" || s[end] == "@" { end += 1 }
            while end > cursor, s[end - 1] == "." { end -= 1 }
            let name = String(String.UnicodeScalarView(s[cursor..<end])).lowercased()
            // The name is one word with a digit, an underscore or a dot in it, or is not an everyday word.
            guard end - cursor >= 3, end - cursor <= 30,
                  name.unicodeScalars.contains(where: { isDigit($0) || $0 == "_" || $0 == "." }) || !everyday.contains(name)
            else { continue }
            hits.append(Hit(range: tokens[max(0, owned ? index - 1 : index)].start..<end, note: "a name on \(token.word)"))
        }
        return hits
    }

    /// Words that follow "is" or "as" in an honest sentence about a platform.
    package static let everyday: Set<String> = [
        "a", "an", "the", "not", "no", "down", "full", "on", "off", "just", "still", "where", "how", "what", "all", "private",
        "blocked", "gone", "deleted", "closed", "rubbish", "silly", "stupid", "fun", "good", "bad", "great", "well", "too",
        "so", "very", "really", "for", "my", "your", "his", "her", "their", "our", "it", "that", "this", "something",
        "nothing", "everything", "me", "you", "him", "them", "us", "well", "i", "we", "they", "he", "she", "there",
    ]

    /// An invitation to find the writer on a platform: "find me on insta",
    /// "look me up on facebook", "I'm on snap", "add me on the gram".
    package static func platformInvitations(_ text: ScannedText) -> [Hit] {
        let tokens = text.tokens
        let verbs: Set<String> = ["find", "add", "follow", "message", "dm", "search", "look", "hit", "msg", "inbox", "contact"]
        var hits: [Hit] = []
        for (index, token) in tokens.enumerated() where platforms.contains(token.word) {
            if ["signal", "steam", "threads", "xbox", "psn", "playstation"].contains(token.word) { continue }
            var on = index - 1
            if on >= 0, tokens[on].word == "the" { on -= 1 }
            guard on >= 1, tokens[on].word == "on" || tokens[on].word == "via" else { continue }
            if token.word == "gram", tokens[on + 1].word != "the" { continue }
            // Within four words before "on": a verb asking the reader to act, or "I'm" / "I am".
            let first = max(0, on - 4)
            let window = tokens[first..<on].map(\.word)
            let asks = window.contains { verbs.contains($0) } && window.contains { ["me", "us"].contains($0) }
            // Or the writer there: "I'm on snap", "I post my bits on TT".
            let presence: Set<String> = ["post", "posting", "sell", "selling", "share", "sharing", "stream", "streaming", "upload"]
            let there = window.last == "i'm" || window.suffix(2).elementsEqual(["i", "am"])
                || (window.first == "i" || window.contains("i")) && window.contains { presence.contains($0) }
            guard asks || there, !window.contains("not"), !window.contains(where: { $0.hasSuffix("n't") }) else { continue }
            let start = first + (window.firstIndex { verbs.contains($0) || $0 == "i'm" || $0 == "i" } ?? 0)
            hits.append(Hit(range: tokens[start].start..<token.end, note: "an invitation to find the writer on \(token.word)"))
        }
        return hits
    }
}
