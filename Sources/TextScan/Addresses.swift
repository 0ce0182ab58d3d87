import Foundation

// MARK: Postcodes

extension Detectors {
    /// UK postcodes, by the published format: outward code (A9, A99, A9A, AA9,
    /// AA99, AA9A) and inward code (9AA), with or without the space.
    package static func postcodes(_ text: ScannedText) -> [Hit] {
        var hits: [Hit] = []
        let tokens = text.tokens
        for (index, token) in tokens.enumerated() {
            // Cheap first: two to seven ASCII letters and digits, starting with a letter.
            let utf8 = token.word.utf8
            guard (2...7).contains(utf8.count), let first = utf8.first, first >= 0x61, first <= 0x7A,
                  utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x7A) }),
                  utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) || token.word == "gir"
            else { continue }
            let word = token.word.uppercased()
            if isOutward(word), index + 1 < tokens.count, tokens[index + 1].start - token.end <= 2,
               isInward(tokens[index + 1].word.uppercased()) {
                hits.append(Hit(range: token.start..<tokens[index + 1].end, note: nil))
            } else if word.count >= 5, word.count <= 7, isOutward(String(word.dropLast(3))), isInward(String(word.suffix(3))) {
                hits.append(Hit(range: token.start..<token.end, note: nil))
            }
        }
        return hits
    }

    package static func isOutward(_ code: String) -> Bool {
        if code == "GIR" { return true }  // GIR 0AA, Girobank's
        let c = Array(code.unicodeScalars)
        guard (2...4).contains(c.count), c.allSatisfy({ $0.isASCII && (isDigit($0) || ($0.value >= 65 && $0.value <= 90)) }),
              !isDigit(c[0]), !"QVX".unicodeScalars.contains(c[0])
        else { return false }
        let shape = String(c.map { isDigit($0) ? "9" : "A" })
        guard ["A9", "A99", "A9A", "AA9", "AA99", "AA9A"].contains(shape) else { return false }
        if shape.hasPrefix("AA"), "IJZ".unicodeScalars.contains(c[1]) { return false }
        return true
    }

    package static func isInward(_ code: String) -> Bool {
        let c = Array(code.unicodeScalars)
        guard c.count == 3, isDigit(c[0]) else { return false }
        return c[1...].allSatisfy { $0.value >= 65 && $0.value <= 90 && !"CIKMOV".unicodeScalars.contains($0) }
    }
}

// MARK: Street addresses

/// Reads the street addresses in a letter, in the orders the world writes
/// them: a house number before the street ("14 Market Street", "26 rue des
/// Lilas") or after it ("Harjukuja 54", "Via Roma 12", "ul. Miła 53"), with
/// the flat or suite, PO boxes and forces' addresses, and the postal codes
/// of an address block ("Finland 00100", "Springfield, IL 62704").
///
/// A street name and a number alone ("Allika 46") are read as an address only
/// with something more that says so: a word like "at" or "address" before
/// them, a flat number or a town after them, or the short lines of a block.
package struct AddressReader {
    package typealias Hit = Detectors.Hit
    package typealias Token = ScannedText.Token
    package let text: ScannedText
    package let tokens: [Token]
    /// The tokens of each line (0-based), and each token's line.
    package let lines: [[Int]]
    package let lineOf: [Int]

    package init(_ text: ScannedText) {
        self.text = text
        tokens = text.tokens
        var lines: [[Int]] = Array(repeating: [], count: text.lineStarts.count)
        var lineOf: [Int] = []
        lineOf.reserveCapacity(tokens.count)
        var line = 0
        for (index, token) in tokens.enumerated() {
            while line + 1 < text.lineStarts.count, text.lineStarts[line + 1] <= token.start { line += 1 }
            lines[line].append(index)
            lineOf.append(line)
        }
        self.lines = lines
        self.lineOf = lineOf
    }

    /// Everything that makes an address, widened to its numbers and followed
    /// into the short lines of its block.
    package func addresses() -> [Hit] {
        var hits: [Hit] = []
        for index in tokens.indices {
            if let range = address(at: index) { hits.append(Hit(range: range, note: nil)) }
        }
        hits += postalLines()
        return blocks(widened(hits))
    }

    /// Streets named without a house number ("on Isaac Lodge Street", "the
    /// corner of Martinez Mall and King Forges"), where no other finding (an
    /// address, a protected place) covers them.
    package func streets(besides others: [Hit]) -> [Hit] {
        var ranges: [Range<Int>] = []
        for index in tokens.indices {
            if let range = street(at: index) { ranges.append(range) }
            ranges += corner(at: index)
        }
        return ranges.filter { range in !others.contains { $0.range.overlaps(range) } }.map { Hit(range: $0, note: nil) }
    }

    // MARK: Words

    package func word(_ index: Int) -> String { index >= 0 && index < tokens.count ? tokens[index].word : "" }

    /// The characters between two tokens.
    package func gap(_ left: Int, _ right: Int) -> ArraySlice<Unicode.Scalar> {
        text.scalars[tokens[left].end..<tokens[right].start]
    }

    /// Whether two neighbouring tokens are written together on one line, with
    /// only spaces and perhaps an abbreviation's dot between ("Avda. Rio").
    package func joined(_ left: Int, _ right: Int) -> Bool {
        guard left >= 0, right < tokens.count, right == left + 1 else { return false }
        let between = gap(left, right)
        return between.count <= 3 && between.allSatisfy { $0 == " " || $0 == "." || $0 == "\t" } && between.count(where: { $0 == "." }) <= 1
    }

    /// Written together with nothing but spaces between.
    package func spaced(_ left: Int, _ right: Int) -> Bool {
        left >= 0 && right < tokens.count && right == left + 1 && gap(left, right).allSatisfy { $0 == " " || $0 == "\t" }
    }

    /// No line break between two tokens.
    package func onSameLine(_ left: Int, _ right: Int) -> Bool {
        gap(left, right).allSatisfy { $0 != "\n" && $0 != "\r" }
    }

    /// A house number: up to five digits, perhaps with a letter ("221B").
    package func isHouseNumber(_ index: Int) -> Bool {
        guard index >= 0, index < tokens.count else { return false }
        let utf8 = tokens[index].word.utf8
        guard let first = utf8.first, first >= 0x30, first <= 0x39, utf8.count <= 6 else { return false }
        let digits = utf8.prefix { $0 >= 0x30 && $0 <= 0x39 }.count
        return digits <= 5 && utf8.count - digits <= 1
    }

    package func isYear(_ index: Int) -> Bool {
        let word = tokens[index].word
        guard word.count == 4, let value = Int(word) else { return false }
        return (1900...2099).contains(value)
    }

    /// A number that is not part of a time, a sum, a date or a phone number.
    package func standsAlone(_ index: Int) -> Bool {
        let s = text.scalars
        let token = tokens[index]
        let before = token.start > 0 ? s[token.start - 1] : " "
        if before.isOneOf("£$€/+-:") { return false }
        guard token.end < s.count else { return true }
        let after = s[token.end]
        if after.isOneOf("%/:") { return false }
        if after.isOneOf(".,-"), token.end + 1 < s.count, s[token.end + 1].isFastDigit { return false }
        return true
    }

    /// A capitalised word that could be (part of) a street's name.
    package func isName(_ index: Int) -> Bool {
        guard index >= 0, index < tokens.count, tokens[index].isCapitalised else { return false }
        let word = tokens[index].word
        return !AddressWords.stopWords.contains(word) && !AddressWords.calendarWords.contains(word)
            && word.unicodeScalars.allSatisfy(\.isFastLetter)
    }

    /// Written all in capitals, like a town or a region code ("SEINÄJOKI", "IL").
    package func isUpperCase(_ index: Int) -> Bool {
        text.scalars[tokens[index].start..<tokens[index].end].allSatisfy { $0.isFastUppercase }
    }

    /// A street type, before or after the name, or a name with one in it.
    package func isStreetWord(_ index: Int) -> Bool {
        let word = tokens[index].word
        return AddressWords.suffixes.contains(word) || AddressWords.prefixes.contains(word) || hasStreetEnding(index)
    }

    package func hasStreetEnding(_ index: Int) -> Bool {
        let scalars = tokens[index].word.unicodeScalars
        guard let last = scalars.last, AddressWords.endingLastLetters.contains(last) else { return false }
        let count = scalars.count
        for (length, endings) in AddressWords.endingsByLength where count >= length + 3 {
            if endings.contains(String(String.UnicodeScalarView(scalars.suffix(length)))) { return true }
        }
        return false
    }

    // MARK: Addresses

    package func address(at index: Int) -> Range<Int>? {
        let word = tokens[index].word
        if isHouseNumber(index) {
            if let range = numberFirst(at: index) { return range }
        }
        if AddressWords.prefixes.contains(word), let range = prefixed(at: index) { return range }
        let numberNext = isHouseNumber(index + 1), numberBefore = isHouseNumber(index - 1)
        let namedBefore = numberNext && word.count >= 3 && AddressWords.suffixes.contains(word) && isName(index - 1)
            && spaced(index - 1, index)
        if (numberNext || numberBefore) && (namedBefore || hasStreetEnding(index)) {
            // "Hersnapvej 18", "Villacher Strasse 89", "18 Hersnapvej".
            if numberNext, joined(index, index + 1) {
                let start = hasStreetEnding(index) ? index : index - 1
                return tokens[start].start..<tokens[index + 1].end
            }
            if numberBefore, hasStreetEnding(index), joined(index - 1, index) {
                return tokens[index - 1].start..<tokens[index].end
            }
        }
        if AddressWords.units.contains(word), isHouseNumber(index + 1),
           joined(index, index + 1) || gap(index, index + 1).allSatisfy({ $0.isOneOf(" .#") }) && gap(index, index + 1).count <= 3 {
            return tokens[index].start..<tokens[index + 1].end
        }
        if let range = boxes(at: index) { return range }
        if let range = postalCode(at: index) { return range }
        return bareStreet(at: index)
    }

    /// A number, then a street name and its type: "14 Market Street", "221B
    /// Baker St", "3744 Retreat Avenue". The words between are capitalised, or
    /// the type is one that only names streets ("14 market street").
    package func numberFirst(at index: Int) -> Range<Int>? {
        // "1. Wearing ..." numbers a list, not a house.
        guard spaced(index, index + 1) else { return nil }
        var last = index + 1
        while last < tokens.count, last <= index + 5, joined(last - 1, last) {
            let word = tokens[last].word
            if AddressWords.suffixes.contains(word), last > index + 1 {
                let names = (index + 1..<last)
                // Capitals say "name" unless everything is in capitals ("3 MOST COMMON WAYS").
                let capitalised = names.allSatisfy { isName($0) || AddressWords.particles.contains(tokens[$0].word) }
                    && !(index + 1...last).allSatisfy(isUpperCase)
                let plain = AddressWords.namingSuffixes.contains(word)
                    && names.allSatisfy { !AddressWords.stopWords.contains(tokens[$0].word) }
                if capitalised || plain { return tokens[index].start..<tokens[last].end }
                return nil
            }
            if AddressWords.stopWords.contains(word) && !AddressWords.particles.contains(word) { return nil }
            last += 1
        }
        return nil
    }

    /// A street type written first: after a number ("26 rue des Lilas", "76
    /// Boulevard de Normandie"), or before a name and a number ("Rue de
    /// Piétrain 371", "Piazzetta Scalette Rubiani 104", "ul. Północna 73").
    package func prefixed(at index: Int) -> Range<Int>? {
        // The name: up to four words on the line, capitalised or particles.
        var last = index
        while last + 1 < tokens.count, last < index + 4, joined(last, last + 1),
              isName(last + 1) || (AddressWords.particles.contains(tokens[last + 1].word) && last + 2 < tokens.count) {
            last += 1
        }
        let named = (index + 1...max(index + 1, last)).contains { isName($0) }
        if isHouseNumber(index - 1), joined(index - 1, index), index + 1 < tokens.count, joined(index, index + 1) {
            // After a number the name may be lower-case: "36 rue de pologne".
            var end = index + 1
            while end + 1 < tokens.count, end < index + 4, joined(end, end + 1),
                  !AddressWords.stopWords.contains(tokens[end + 1].word) || AddressWords.particles.contains(tokens[end + 1].word),
                  !tokens[end + 1].word.unicodeScalars.first!.isFastDigit {
                end += 1
            }
            guard !AddressWords.stopWords.contains(tokens[index + 1].word) || AddressWords.particles.contains(tokens[index + 1].word)
            else { return nil }
            // A capitalised name ends at its last capital: "26 rue des Lilas last spring".
            if let lastName = (index + 1...end).last(where: { tokens[$0].isCapitalised }) { end = lastName }
            return tokens[index - 1].start..<tokens[end].end
        }
        // "Calle de Alcalá, 48", "Via Roma, 12": a comma may come before the number.
        if last > index, named, isHouseNumber(last + 1), joined(last, last + 1) || gap(last, last + 1).elementsEqual(", ".unicodeScalars) {
            return tokens[index].start..<tokens[last + 1].end
        }
        return nil
    }

    /// PO boxes and the addresses of forces' post: "P.O. Box 287", "PSC 2721,
    /// Box 8637", "Unit 4719 Box 7394", "APO AE 09123".
    package func boxes(at index: Int) -> Range<Int>? {
        let here = tokens[index].word
        if ["apo", "fpo", "dpo"].contains(here), index + 2 < tokens.count, ["aa", "ae", "ap"].contains(word(index + 1)),
           isHouseNumber(index + 2) {
            return tokens[index].start..<tokens[index + 2].end
        }
        if here == "psc", isHouseNumber(index + 1) { return tokens[index].start..<tokens[index + 1].end }
        if here == "box", ["po", "p", "o", "psc"].contains(word(index - 1)) || word(index - 2) == "psc",
           isHouseNumber(index + 1) {
            return tokens[max(0, index - 2)].start..<tokens[index + 1].end
        }
        // "ul. Miła 53" (Polish), "Piroska u. 97" (Hungarian).
        if here == "u", isName(index - 1), isHouseNumber(index + 1), token(index, isFollowedBy: ".") {
            return tokens[index - 1].start..<tokens[index + 1].end
        }
        return nil
    }

    package func token(_ index: Int, isFollowedBy scalar: Unicode.Scalar) -> Bool {
        tokens[index].end < text.scalars.count && text.scalars[tokens[index].end] == scalar
    }

    /// A postal code said to be one ("zip code 2371", "postcode: 394 13"), or
    /// after a country ("Finland 87971") or a region code ("Springfield, IL
    /// 62704", "SCHEIBBS, NO 14908").
    package func postalCode(at index: Int) -> Range<Int>? {
        let word = tokens[index].word
        if ["zip", "postcode", "postal", "zipcode"].contains(word) || (word == "post" && self.word(index + 1) == "code") {
            var next = index + 1
            while next < tokens.count, next <= index + 3, ["code", "is", "number"].contains(tokens[next].word) { next += 1 }
            guard next < tokens.count, next <= index + 4, isPostalNumber(next) || dashedPostalCode(at: next) != nil,
                  onSameLine(index, next)
            else { return nil }
            // The whole code: "90010-170", "394 13".
            if let dashed = dashedPostalCode(at: next) { return tokens[index].start..<dashed.upperBound }
            if next + 1 < tokens.count, spaced(next, next + 1), tokens[next].word.count == 3,
               tokens[next + 1].word.count == 2, tokens[next + 1].word.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                return tokens[index].start..<tokens[next + 1].end
            }
            return tokens[index].start..<tokens[next].end
        }
        guard isPostalNumber(index + 1), spaced(index, index + 1), standsAlone(index + 1) else { return nil }
        // After a region's code any number is a postal code ("Sydney NSW 2000");
        // after a country or a state's name a year is only a year ("Spain 2019").
        let region = tokens[index]
        if region.word.count >= 2, region.word.count <= 3, isUpperCase(index), index > 0, tokens[index + 1].word.count >= 4,
           gap(index - 1, index).contains(",") || AddressWords.regionCodes.contains(region.word) && isName(index - 1) {
            return region.start..<tokens[index + 1].end
        }
        guard !isYear(index + 1) else { return nil }
        for length in 1...3 where index - length + 1 >= 0 {
            let phrase = (index - length + 1...index).map { tokens[$0].word }.joined(separator: " ")
            if AddressWords.countries.contains(phrase), tokens[index - length + 1].isCapitalised {
                return tokens[index - length + 1].start..<tokens[index + 1].end
            }
        }
        for length in 1...2 where index - length + 1 >= 0 {
            let phrase = (index - length + 1...index).map { tokens[$0].word }.joined(separator: " ")
            if AddressWords.regions.contains(phrase), tokens[index - length + 1].isCapitalised, index - length >= 0,
               gap(index - length, index - length + 1).contains(",") {
                return tokens[index - length + 1].start..<tokens[index + 1].end
            }
        }
        return nil
    }

    package func isPostalNumber(_ index: Int) -> Bool {
        guard index >= 0, index < tokens.count else { return false }
        let word = tokens[index].word
        return (3...7).contains(word.count) && word.unicodeScalars.allSatisfy(\.isFastDigit)
    }

    /// A capitalised street name and a house number with nothing to say it is
    /// a street, read as one only where something more says so.
    package func bareStreet(at index: Int) -> Range<Int>? {
        guard isName(index), !AddressWords.notStreets.contains(tokens[index].word), isHouseNumber(index + 1),
              joined(index, index + 1), gap(index, index + 1).allSatisfy({ $0 == " " }), !isYear(index + 1),
              standsAlone(index + 1), endsAnAddress(index + 1)
        else { return nil }
        // A longer name: "Hoge Wei 32", "Piroska Utca 5".
        var first = index
        while first > 0, first > index - 2, isName(first - 1), joined(first - 1, first),
              !AddressWords.notStreets.contains(tokens[first - 1].word) {
            first -= 1
        }
        let range = tokens[first].start..<tokens[index + 1].end
        // A postal or building number before it: "4596 Tylova 285".
        if isHouseNumber(first - 1), joined(first - 1, first), standsAlone(first - 1) { return range }
        // Flat, suite or town after it: "Markt 84 Apt. 597", "Harjukuja 54, SEINÄJOKI".
        if index + 2 < tokens.count, onSameLine(index + 1, index + 2) {
            if AddressWords.units.contains(tokens[index + 2].word) { return range }
            if gap(index + 1, index + 2).contains(","), tokens[index + 2].isCapitalised { return range }
        }
        // Said to be an address: "lives at Allika 46", "return to Leon and Eyrarodda 66".
        var back = first - 1
        while back >= 0, back >= first - 4, onSameLine(back, first),
              !gap(back, back + 1).contains(where: { $0.isOneOf(".!?;") }) {
            if AddressWords.cues.contains(tokens[back].word) { return range }
            back -= 1
        }
        // The short first line of an address block.
        if isBlockLine(lineOf[index]) { return range }
        return nil
    }

    /// Whether a house number ends its address: the line, the sentence or a
    /// clause ends there, or a flat number, a town or "and" follows.
    package func endsAnAddress(_ index: Int) -> Bool {
        guard index + 1 < tokens.count else { return true }
        let between = gap(index, index + 1)
        if between.contains(where: { $0.isOneOf(",.;:!?)\n") }) { return true }
        return AddressWords.units.contains(tokens[index + 1].word)
            || ["in", "and", "st", "near", "by", "on", "for", "apt"].contains(tokens[index + 1].word)
    }

    // MARK: Blocks

    /// A short line (0-based) among other short lines (name, street, town, country).
    package func isBlockLine(_ number: Int) -> Bool {
        func isShort(_ number: Int) -> Bool {
            number >= 0 && number < lines.count && !lines[number].isEmpty && lines[number].count <= 4
        }
        guard lines[number].count <= 5 else { return false }
        return [number - 2, number - 1, number + 1, number + 2].filter(isShort).count >= 2
    }

    /// The first line of a postal address written as a block: a short line that
    /// starts with a house or postal number and a capitalised name ("30102 Kaevu
    /// 94", "221B Baker Street"), next to other short lines (town, country,
    /// postcode). A line of prose is never one: it is longer, or stands alone.
    package func postalLines() -> [Hit] {
        var hits: [Hit] = []
        for (number, line) in lines.enumerated() where (2...6).contains(line.count) {
            let first = line[0], second = line[1]
            let lineStart = text.lineStarts[number]
            guard isHouseNumber(first), isName(second), spaced(first, second),
                  tokens[first].start <= lineStart + 2
                    || text.scalars[lineStart..<tokens[first].start].allSatisfy(\.isFastSpace),
                  isBlockLine(number)
            else { continue }
            // A street's line ends with its number or its type ("30102 Kaevu 94",
            // "221B Baker Street"); a numbered list's line does not ("3 Most common").
            let last = line[line.count - 1]
            guard line.count > 2 && isHouseNumber(last) || line[1...].contains(where: isStreetWord) else { continue }
            hits.append(Hit(range: tokens[first].start..<tokens[line[line.count - 1]].end, note: nil))
        }
        return hits
    }

    /// An address found by its street, widened to the house or postal number
    /// just before it and a number just after ("5049 Harjukuja 54").
    package func widened(_ hits: [Hit]) -> [Hit] {
        hits.map { hit in
            var range = hit.range
            if let first = tokens.firstIndex(where: { $0.start == range.lowerBound }), first > 0,
               isHouseNumber(first - 1), range.lowerBound - tokens[first - 1].end <= 2, onSameLine(first - 1, first) {
                range = tokens[first - 1].start..<range.upperBound
            }
            if let last = tokens.lastIndex(where: { $0.end == range.upperBound }), last + 1 < tokens.count,
               isHouseNumber(last + 1), standsAlone(last + 1), tokens[last + 1].start - range.upperBound <= 2,
               onSameLine(last, last + 1) {
                range = range.lowerBound..<tokens[last + 1].end
            }
            return Hit(range: range, note: hit.note)
        }
    }

    /// The postal codes of an address's block are part of it: numbers later
    /// on its line ("Harjukuja 54, 00100 Helsinki") and on the short lines
    /// after it (town, region, country).
    package func blocks(_ hits: [Hit]) -> [Hit] {
        guard !hits.isEmpty else { return hits }
        var result = hits
        for hit in hits {
            let line = text.position(of: hit.range.lowerBound).line - 1
            for number in line...min(line + 5, lines.count - 1) {
                let candidates = lines[number].filter { number > line || tokens[$0].start >= hit.range.upperBound }
                if number > line && lines[number].count > 6 { break }
                for index in candidates where !result.contains(where: { $0.range.overlaps(tokens[index].start..<tokens[index].end) }) {
                    if isPostalNumber(index) && tokens[index].word.count <= 6 && standsAlone(index) {
                        result.append(Hit(range: tokens[index].start..<tokens[index].end, note: nil))
                    } else if let range = dashedPostalCode(at: index) {
                        result.append(Hit(range: range, note: nil))
                    }
                }
            }
        }
        return result.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    /// Postal codes written with a dash: "00-950" (Poland), "1000-001"
    /// (Portugal), "01310-100" (Brazil), "100-0001" (Japan), "62704-1234" (US).
    package func dashedPostalCode(at index: Int) -> Range<Int>? {
        guard index + 1 < tokens.count, gap(index, index + 1).elementsEqual("-".unicodeScalars),
              tokens[index].word.unicodeScalars.allSatisfy(\.isFastDigit),
              tokens[index + 1].word.unicodeScalars.allSatisfy(\.isFastDigit),
              index == 0 || !text.scalars[tokens[index].start - 1].isOneOf("-/.:+(")
        else { return nil }
        let shape = (tokens[index].word.count, tokens[index + 1].word.count)
        guard [(2, 3), (4, 3), (5, 3), (3, 4), (5, 4)].contains(where: { $0 == shape }) else { return nil }
        if tokens[index + 1].end < text.scalars.count, text.scalars[tokens[index + 1].end].isOneOf("-/") { return nil }
        return tokens[index].start..<tokens[index + 1].end
    }

    // MARK: Streets without numbers

    /// "Isaac Lodge Street", "Martinez Mall St.", "Rue de Rivoli".
    package func street(at index: Int) -> Range<Int>? {
        let word = tokens[index].word
        if tokens[index].isCapitalised, AddressWords.namingSuffixes.contains(word) || isAbbreviatedStreet(index),
           isName(index - 1), joined(index - 1, index) {
            var first = index - 1
            while first > 0, first > index - 3, isName(first - 1), joined(first - 1, first) { first -= 1 }
            // A sentence's first word alone is no name: "Drive carefully".
            if first == index - 1, startsSentence(first) { return nil }
            return tokens[first].start..<tokens[index].end
        }
        if tokens[index].isCapitalised, AddressWords.namingPrefixes.contains(word) {
            var last = index
            while last + 1 < tokens.count, last < index + 4, joined(last, last + 1),
                  isName(last + 1) || AddressWords.particles.contains(tokens[last + 1].word) {
                last += 1
            }
            while last > index, !isName(last) { last -= 1 }
            if last > index { return tokens[index].start..<tokens[last].end }
        }
        return nil
    }

    /// "St.", "Rd.", "Ave." after a name, and not before one (so not "St. Mary's").
    package func isAbbreviatedStreet(_ index: Int) -> Bool {
        guard ["st", "rd", "ave", "blvd"].contains(tokens[index].word), token(index, isFollowedBy: ".") else { return false }
        return index + 1 >= tokens.count || !tokens[index + 1].isCapitalised || !onSameLine(index, index + 1)
    }

    package func startsSentence(_ index: Int) -> Bool {
        guard index > 0 else { return true }
        return gap(index - 1, index).contains { $0.isOneOf(".!?\n") }
    }

    /// "the corner of A and B": both are streets.
    package func corner(at index: Int) -> [Range<Int>] {
        guard tokens[index].word == "corner", word(index + 1) == "of" else { return [] }
        var ranges: [Range<Int>] = []
        var start = index + 2
        for _ in 0..<2 {
            guard start < tokens.count, tokens[start].isCapitalised || isHouseNumber(start), onSameLine(start - 1, start)
            else { break }
            var end = start
            while end + 1 < tokens.count, end < start + 4, joined(end, end + 1), tokens[end + 1].word != "and" { end += 1 }
            ranges.append(tokens[start].start..<tokens[end].end)
            guard word(end + 1) == "and", onSameLine(end, end + 1) else { break }
            start = end + 2
        }
        return ranges
    }
}
