import Foundation

/// Character tests with a fast path for ASCII, which is nearly every letter
/// written; Unicode's tables answer the rest.
extension Unicode.Scalar {
    package var isFastLetter: Bool {
        let v = value
        if v < 0x80 { return (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) }
        return properties.isAlphabetic
    }

    package var isFastDigit: Bool { value >= 0x30 && value <= 0x39 }

    package var isFastSpace: Bool {
        let v = value
        if v < 0x80 { return v == 0x20 || (v >= 0x09 && v <= 0x0D) }
        return properties.isWhitespace
    }

    package var isFastUppercase: Bool {
        let v = value
        if v < 0x80 { return v >= 0x41 && v <= 0x5A }
        return properties.isUppercase
    }

    /// One of the given ASCII characters.
    package func isOneOf(_ characters: StaticString) -> Bool {
        guard value < 0x80 else { return false }
        let byte = UInt8(value)
        return characters.withUTF8Buffer { $0.contains(byte) }
    }
}
