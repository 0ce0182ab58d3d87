import Foundation
@testable import LetterReview
import Testing
import TextScan
import TestSupport

/// Whatever a letter holds, the screener answers, and every finding points
/// at real text: offsets inside the letter, line and column that match them.
struct ScreeningRobustnessTests {
    let screener = try! Screener.standard()

    func expectWellFormed(_ letter: String, _ result: ScreeningResult) {
        let scalars = Array(letter.unicodeScalars)
        for finding in result.findings {
            #expect(finding.start >= 0 && finding.start < finding.end && finding.end <= scalars.count, "\(finding.rule)")
            guard finding.start < scalars.count else { continue }
            let before = scalars[..<finding.start]
            let line = before.count(where: { $0 == "\n" }) + 1
            let column = finding.start - (before.lastIndex(of: "\n").map { $0 + 1 } ?? 0) + 1
            #expect(finding.line == line && finding.column == column, "\(finding.rule) at \(finding.line):\(finding.column)")
            #expect(!finding.excerpt.isEmpty)
        }
    }

    /// Letters made of the pieces addresses, numbers and disguised words are
    /// read from, in every order, with odd spacing and scripts.
    @Test func generatedLettersNeverBreakTheScreener() {
        let pieces = Array(AddressWords.suffixes.prefix(40)) + Array(AddressWords.prefixes.prefix(20))
            + Array(AddressWords.units) + ["corner", "of", "and", "at", "lives", "PO", "Box", "APO", "AE", "PSC", "u.",
            "ul.", "Finland", "United", "Kingdom", "IL", "NSW", "Harjukuja", "Rue", "Via", "St.", "Street", "SW1A", "1AA",
            "GIR", "0AA", "00-950", "1", "12", "221B", "2000", "62704", "1234567", "07700 900123", "10.0.0.1:8080", "::",
            "f***", "sh1t", "@", "#", "-", "/", ",", ".", ":", ";", "'", "\n", "\n\n", "\r\n", "  ", "\t", "é", "Ω",
            "漢字", "😀", "e\u{301}", "\u{200B}", "\u{A0}", "Μεγάλη", "Þórunnarstræti", "I", "will", "find", "you"]
        var state: UInt64 = 0x5EED_0005
        func random(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<3_000 {
            var letter = ""
            for _ in 0..<(1 + random(40)) {
                let piece = pieces[random(pieces.count)]
                letter += random(3) == 0 ? piece.capitalized : piece
                if random(4) != 0 { letter += " " }
            }
            expectWellFormed(letter, screener.screen(letter, context: ScreeningContext(protectedNames: ["Harjukuja"])))
        }
    }

    /// The Big List of Naughty Strings, line by line and whole.
    @Test func naughtyStringsNeverBreakTheScreener() throws {
        guard let shared = Checkout.shared else {
            print("skipped: no ../shared beside the checkout, so no naughty-strings list")
            return
        }
        let text = try String(contentsOf: shared.appendingPathComponent("evaluation/screening/naughty-strings/blns.txt"),
                              encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        #expect(lines.count > 500)
        for line in lines { expectWellFormed(line, screener.screen(line)) }
        expectWellFormed(text, screener.screen(text))
    }
}
