import Foundation

/// The names of participants a reader may not know, as free text would
/// write them: the full name, how they are addressed, and each part of the
/// name ("Daniel", "Price"). Found as whole words, as written (a name is
/// capitalised), so that "Daniel's" is found and "will" is not "Will".
struct NameMentions: Sendable {
    /// Longest first, so that "Daniel Price" is replaced whole before "Daniel".
    let phrases: [String]

    /// - Parameter visible: participants the reader may know: a part of a
    ///   name they share ("Ellis", for two Ellises) is not a mention on its own.
    init(_ participants: [Participant], besides visible: [Participant] = []) {
        func parts(_ name: String) -> [String] {
            name.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "-" && $0 != "'" }).map(String.init).filter { $0.count >= 3 }
        }
        let shared = Set(visible.flatMap { parts($0.name) + [$0.addressAs] })
        var phrases: Set<String> = []
        for participant in participants {
            phrases.insert(participant.name)
            if !shared.contains(participant.addressAs) { phrases.insert(participant.addressAs) }
            for part in parts(participant.name) where !shared.contains(part) { phrases.insert(part) }
        }
        self.phrases = phrases.filter { !$0.isEmpty }.sorted { ($0.count, $0) > ($1.count, $1) }
    }

    var isEmpty: Bool { phrases.isEmpty }

    /// Whether `text` mentions any of the names.
    func mentioned(in text: String) -> Bool { phrases.contains { Self.ranges(of: $0, in: text).first != nil } }

    /// `text` with each mention replaced by `placeholder`.
    func redacted(_ text: String, placeholder: String = "[withheld]") -> String {
        var result = text
        for phrase in phrases {
            for range in Self.ranges(of: phrase, in: result).reversed() { result.replaceSubrange(range, with: placeholder) }
        }
        return result
    }

    /// Where `phrase` stands as a whole word (no letter or digit either side).
    static func ranges(of phrase: String, in text: String) -> [Range<String.Index>] {
        var found: [Range<String.Index>] = []
        var start = text.startIndex
        while let range = text.range(of: phrase, range: start..<text.endIndex) {
            let before = range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
            let after = range.upperBound == text.endIndex ? nil : text[range.upperBound]
            let isWord = { (character: Character?) in character.map { $0.isLetter || $0.isNumber } ?? false }
            if !isWord(before) && !isWord(after) { found.append(range) }
            start = range.upperBound
        }
        return found
    }
}
