import Foundation
import Templating
import Testing

struct DataFileTests {
    @Test func yamlScalarsAreTypedByTheCoreSchema() throws {
        let value = try DataFile.parse("""
            language: no
            consent: yes
            signed: true
            amount: 150
            rate: 1.5
            due: 2026-03-14
            quoted: "2026-03-14"
            note: ~
            empty:
            """, file: "case.yml")
        #expect(value["language"] == "no")
        #expect(value["consent"] == "yes")
        #expect(value["signed"] == true)
        #expect(value["amount"] == 150)
        #expect(value["rate"] == 1.5)
        #expect(value["due"] == .date(CalendarDate(year: 2026, month: 3, day: 14)!))
        #expect(value["quoted"] == "2026-03-14")
        #expect(value["note"] == .null)
        #expect(value["empty"] == .null)
    }

    @Test func jsonReadsToo() throws {
        let value = try DataFile.parse(#"{"names": ["a", "b"], "n": 2, "ok": false, "x": null}"#, file: "d.json")
        #expect(value == ["names": ["a", "b"], "n": 2, "ok": false, "x": nil])
    }

    @Test func syntaxErrorsHaveAPosition() {
        #expect(throws: DataFileError(file: "case.yml", line: 2, column: 7,
                                      message: "not valid YAML or JSON: while scanning a quoted scalar, found unexpected end of stream")) {
            try DataFile.parse("a: 1\nname: \"Sam\n", file: "case.yml")
        }
    }

    @Test func impossibleDatesStayText() throws {
        #expect(try DataFile.parse("d: 2026-02-30", file: "x.yml")["d"] == "2026-02-30")
    }
}
