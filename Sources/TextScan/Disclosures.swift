import Foundation

/// What a piece of free text would disclose to whoever reads it: the same
/// detectors the letter screener runs, for text that goes into a document
/// for someone else (an information item, an agreed action, a note).
package enum Disclosures {
    /// One contact detail found: what it is, in a facilitator's words.
    package struct Found: Sendable, Equatable {
        package var kind: String
        /// Where it starts, in Unicode scalars from the start of the text.
        package var offset: Int
    }

    /// Phone numbers (also in words or look-alike letters), email addresses
    /// (also spelled out), web addresses, social media handles and
    /// invitations, postal addresses and postcodes.
    package static func contactDetails(in text: String) -> [Found] {
        let scanned = ScannedText(text)
        let reader = AddressReader(scanned)
        let addresses = reader.addresses()
        let phones = Detectors.phones(scanned).filter { phone in
            !addresses.contains { $0.range.lowerBound <= phone.range.lowerBound && phone.range.upperBound <= $0.range.upperBound }
        }
        var found: [Found] = []
        var taken: [Range<Int>] = []
        // Each stretch of text counted once, as the first detector that read it.
        func add(_ hits: [Detectors.Hit], _ kind: String) {
            for hit in hits where !taken.contains(where: { $0.overlaps(hit.range) }) {
                taken.append(hit.range)
                found.append(Found(kind: kind, offset: hit.range.lowerBound))
            }
        }
        add(phones, "a phone number")
        add(Detectors.emails(scanned), "an email address")
        add(Detectors.urls(scanned), "a web address")
        add(Detectors.handles(scanned), "a social media handle")
        add(addresses, "a postal address")
        add(Detectors.postcodes(scanned).filter { code in !addresses.contains { $0.range.overlaps(code.range) } }, "a postcode")
        add(Detectors.spelledNumbers(scanned), "a phone number written in words")
        add(Detectors.spelledEmails(scanned), "an email address spelled out")
        add(Detectors.platformHandles(scanned), "a social media account")
        add(Detectors.platformInvitations(scanned), "an invitation to make contact online")
        return found.sorted { $0.offset < $1.offset }
    }

    /// Which of `phrases` (names, places) the text mentions, word for word.
    package static func mentions(_ phrases: [String], in text: String) -> [String] {
        let scanned = ScannedText(text)
        var seen: [String] = []
        for hit in Detectors.phrases(phrases, in: scanned) {
            if let phrase = hit.note, !seen.contains(phrase) { seen.append(phrase) }
        }
        return seen
    }
}
