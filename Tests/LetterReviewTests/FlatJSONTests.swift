import Foundation
@testable import LetterReview
import Testing

/// The trail's details read without a decoder give what the decoder gives.
struct FlatJSONTests {
    static let pieces = ["a", "Mrs Ellis", "“quoted”", "\"", "\\", "/", "\n", "\r\n", "\t", "\u{0}", "\u{1F}", "é", "😀", "👩🏽‍⚖️",
                         "{\"x\": 1}", "\\u0041", " ", "", "07700 900123", "</script>"]

    @Test func everyEncodedDetailReadsBackAsTheDecoderReadsIt() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            var detail: [String: String] = [:]
            for _ in 0..<Int.random(in: 1...6, using: &generator) {
                let key = (0..<Int.random(in: 1...3, using: &generator)).map { _ in Self.pieces.randomElement(using: &generator)! }.joined()
                let value = (0..<Int.random(in: 0...5, using: &generator)).map { _ in Self.pieces.randomElement(using: &generator)! }.joined()
                detail[key] = value
            }
            let text = AuditEntry.encode(detail)
            let decoded = try JSONDecoder().decode([String: String].self, from: Data(text.utf8))
            #expect(FlatJSON.object(text) == decoded, "\(text)")
        }
    }

    @Test func anotherShapeIsLeftToTheDecoder() {
        for text in ["[]", "{\"a\": 1}", "{\"a\": \"b\"", "{\"a\": \"b\"} x", "{\"a\" \"b\"}", "{\"a\": \"\\x\"}", "{\"a\": \"\\ud800\"}"] {
            #expect(FlatJSON.object(text) == nil, "\(text)")
        }
        #expect(FlatJSON.object("{ \"a\" : \"b\" , \"c\":\"\\u00e9\\ud83d\\ude00\" }") == ["a": "b", "c": "é😀"])
    }
}
