import TextScan

/// The detectors run on one letter, with what the case says of it.
extension Detectors {
    /// One letter as the detectors read it: what several of them need (its
    /// addresses, its protected places) is found once, on first use.
    final class Reading {
        let text: ScannedText
        let context: ScreeningContext
        private(set) lazy var addressReader = AddressReader(text)
        private(set) lazy var addresses: [Hit] = addressReader.addresses()
        private(set) lazy var protectedPlaces: [Hit] = phrases(context.protectedPlaces, in: text)

        /// What the first letters spell, found once: the messages among them are the same whichever words are sought.
        private var acrosticsFound: [Hit]?
        func acrostics(words: [String]) -> [Hit] {
            let hits = Detectors.acrostics(text, words: words, names: context.protectedNames)
            acrosticsFound = hits
            return hits
        }
        func acrosticMessages() -> [Hit] {
            (acrosticsFound ?? Detectors.acrostics(text, words: [], names: [])).filter { $0.spelled != nil }
        }

        init(_ text: ScannedText, context: ScreeningContext) {
            self.text = text
            self.context = context
        }
    }

    static func run(_ name: String, _ reading: Reading, words: [String]) -> [Hit] {
        let text = reading.text, context = reading.context
        return switch name {
        case "phone": numbersOutsideAddresses(phones(text), in: reading)
        case "email": emails(text)
        case "url": urls(text)
        case "handle": handles(text)
        case "ip": ipAddresses(text)
        case "postcode": postcodes(text)
        case "address": reading.addresses
        case "street": reading.addressReader.streets(besides: reading.addresses + reading.protectedPlaces)
        case "protected-name": phrases(context.protectedNames, in: text)
        case "protected-place": reading.protectedPlaces
        case "family-name": familyNames(text)
        case "acrostic": reading.acrostics(words: words)
        case "acrostic-contact": acrosticRequests(reading.acrosticMessages())
        case "spelled-number": spelledNumbers(text)
        case "spelled-email": spelledEmails(text)
        case "platform-handle": platformHandles(text)
        case "platform-invitation": platformInvitations(text)
        default: []
        }
    }

    /// Digits that are part of a postal address (a postal and a house number,
    /// "48334 36 rue de Pologne"; a zip code, "90010-170") are not a phone number.
    static func numbersOutsideAddresses(_ phones: [Hit], in reading: Reading) -> [Hit] {
        guard !phones.isEmpty else { return phones }
        return phones.filter { phone in
            !reading.addresses.contains { $0.range.lowerBound <= phone.range.lowerBound && phone.range.upperBound <= $0.range.upperBound }
        }
    }
}
