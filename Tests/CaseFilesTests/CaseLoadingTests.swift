import CaseFiles
import Templating
import Testing

/// A small valid case, changed by each test to make one thing wrong.
let minimalCase = """
    reference: T-1
    incident:
      kind: Burglary
      date: 2026-01-17
    participants:
      - id: margaret
        role: harmed
        name: Margaret Ellis
        consent: { given: true, date: 2026-02-03 }
      - id: daniel
        role: responsible
        name: Daniel Price
        consent: { given: true, date: 2026-02-05 }
    facilitators:
      - name: Amira Hussain
        role: lead
    process:
      kind: face-to-face
    agreement:
      date: 2026-03-14
      binding: voluntary
      consequences: The facilitator will talk with everyone.
      actions:
        - description: Repair the fence.
          responsible: daniel
          recipient: margaret
          recipient_agreed: true
          due: 2026-04-01
          monitor: Joe Carter
      signatories: [margaret, daniel]
    """

func loadErrors(_ yaml: String, file: String = "case.yml") -> [String] {
    do {
        _ = try Case.parse(yaml, file: file)
        return []
    } catch {
        return error.errors.map(\.description)
    }
}

struct CaseLoadingTests {
    @Test func theMinimalCaseLoads() throws {
        let loaded = try Case.parse(minimalCase, file: "case.yml")
        #expect(loaded.reference == "T-1")
        #expect(loaded.participants.map(\.id) == ["margaret", "daniel"])
        #expect(loaded.participants[0].addressAs == "Margaret Ellis")
        #expect(loaded.agreement?.actions.first?.due == CalendarDate(year: 2026, month: 4, day: 1))
        #expect(loaded.process.kind == .faceToFace)
    }

    @Test func unknownKeySuggestsTheRightOne() {
        let yaml = minimalCase.replacingOccurrences(of: "      monitor: Joe Carter", with: "      montior: Joe Carter")
        #expect(loadErrors(yaml) == ["case.yml:29:7: error: unknown key 'montior' in action 1 (did you mean 'monitor'?)"])
    }

    @Test func impossibleDateSaysWhy() {
        let yaml = minimalCase.replacingOccurrences(of: "due: 2026-04-01", with: "due: 2026-02-30")
        #expect(loadErrors(yaml) == ["case.yml:28:12: error: 'due' in action 1: 2026-02-30 is not a date (February 2026 has 28 days)"])
    }

    @Test func wrongTypes() {
        let yaml = minimalCase
            .replacingOccurrences(of: "recipient_agreed: true", with: "recipient_agreed: perhaps")
            .replacingOccurrences(of: "  date: 2026-01-17", with: "  date: last week")
        #expect(loadErrors(yaml) == [
            "case.yml:4:9: error: 'date' in incident should be a date written YYYY-MM-DD, like 2026-03-14",
            "case.yml:27:25: error: 'recipient_agreed' in action 1 should be true or false, not 'perhaps'",
        ])
        // yes and no are words in YAML 1.2, and quoted text is text: the message says so.
        #expect(loadErrors(minimalCase.replacingOccurrences(of: "recipient_agreed: true", with: "recipient_agreed: yes")) == [
            "case.yml:27:25: error: 'recipient_agreed' in action 1 should be true or false: 'yes' is read as a word, not yes/no; write true",
        ])
        #expect(loadErrors(minimalCase.replacingOccurrences(of: "recipient_agreed: true", with: "recipient_agreed: \"true\"")) == [
            "case.yml:27:25: error: 'recipient_agreed' in action 1 should be true or false: \"true\" is in quotes, so it is text; write true or false without quotes",
        ])
    }

    @Test func anIndentationSlipIsReportedAtItsLine() throws {
        var lines = minimalCase.components(separatedBy: "\n")
        let index = try #require(lines.firstIndex { $0.hasPrefix("      monitor:") })
        lines[index] = "     " + lines[index].drop { $0 == " " }
        let errors = loadErrors(lines.joined(separator: "\n"))
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("case.yml:\(index + 1):") == true, "\(errors)")
        #expect(errors.first?.contains("check this line's indentation") == true)
    }

    @Test func unknownParticipantSuggestsAnId() {
        let yaml = minimalCase.replacingOccurrences(of: "responsible: daniel", with: "responsible: danial")
        #expect(loadErrors(yaml) == [
            "case.yml:25:20: error: 'responsible' in action 1 is 'danial', but no participant has that id (did you mean 'daniel'?)"
        ])
    }

    @Test func badChoiceListsTheOptions() {
        let yaml = minimalCase.replacingOccurrences(of: "role: harmed", with: "role: victim")
        #expect(loadErrors(yaml) == [
            "case.yml:7:11: error: 'role' in participant 1 is 'victim'; use harmed, responsible, supporter, parent-carer, community or agency"
        ])
    }

    @Test func missingRequiredKeysAndDuplicateIds() {
        let yaml = minimalCase
            .replacingOccurrences(of: "reference: T-1\n", with: "")
            .replacingOccurrences(of: "id: daniel", with: "id: margaret")
            .replacingOccurrences(of: "responsible: daniel", with: "responsible: margaret")
            .replacingOccurrences(of: "[margaret, daniel]", with: "[margaret]")
        #expect(loadErrors(yaml) == [
            "case.yml:1:1: error: the case file has no 'reference'; add the case reference, like reference: NRJ-2026-0142",
            "case.yml:9:9: error: two participants have the id 'margaret'; give each a different id",
        ])
    }

    @Test func yamlSyntaxErrorsHaveAPosition() {
        #expect(loadErrors("reference: T-1\nincident: [kind\n") == [
            "case.yml:2:11: error: not valid YAML or JSON: while parsing a flow sequence, did not find expected ',' or ']'"
        ])
    }

    @Test func jsonCaseFilesLoadToo() throws {
        let json = """
            {"reference": "J-1", "incident": {"kind": "Theft", "date": "2026-01-02"},
             "participants": [{"id": "a", "role": "harmed", "name": "A"}],
             "process": {"kind": "letters"}}
            """
        let loaded = try Case.parse(json, file: "case.json")
        #expect(loaded.incident.date == CalendarDate(year: 2026, month: 1, day: 2))
        #expect(loaded.process.kind == .letters)
    }

    @Test func jsonFromOtherToolsLoadsEveryEscape() throws {
        // As Python's json.dump writes it: every non-ASCII character escaped, emoji as surrogate pairs.
        let json = #"{"reference": "J-2", "incident": {"kind": "Th\u00e9ft \ud83d\ude00 \/ \"quoted\"\tand\\more", "date": "2026-01-02"},"# + "\n"
            + #" "participants": [{"id": "a", "role": "harmed", "name": "Zo\u00eb \ud83c\udf08", "language": "no"}],"# + "\n"
            + #" "process": {"kind": "letters"}}"#
        let loaded = try Case.parse(json, file: "case.json")
        #expect(loaded.incident.kind == "Théft 😀 / \"quoted\"\tand\\more")
        #expect(loaded.participants[0].name == "Zoë 🌈")
        // A string "no" is the word no (Norwegian), as JSON means it.
        #expect(loaded.participants[0].language == "no")
        // Minified JSON, with no space after a colon, loads too.
        let minified = #"{"reference":"J-3","incident":{"kind":"Theft","date":"2026-01-02"},"participants":[{"id":"a","role":"harmed","name":"A"}],"process":{"kind":"letters"}}"#
        #expect(try Case.parse(minified, file: "case.json").reference == "J-3")
    }

    @Test(arguments: [
        (#"{"reference": "J-1",}"#, #"case.json:1:21: error: not valid JSON: a ',' before '}': remove the last comma"#),
        ("{\"reference\": \"J-1\"\n \"incident\": {}}", #"case.json:2:2: error: not valid JSON: expected ',' or '}' after a value but found '"'; put a comma between the entries"#),
        (#"{'reference': 'J-1'}"#, #"case.json:1:2: error: not valid JSON: expected a key in double quotes but found '''"#),
        (#"{"name": "a\ud83d"}"#, #"case.json:1:12: error: not valid JSON: \ud83d is the first half of a surrogate pair, and no second half (\udc00 to \udfff) follows"#),
        (#"{"name": "a\q"}"#, #"case.json:1:12: error: not valid JSON: \q is not an escape JSON knows; write \\ for a backslash"#),
        (#"{"a": [1, 2}"#, #"case.json:1:12: error: not valid JSON: expected ',' or ']' after a value but found '}'; put a comma between the items"#),
        ("{\n  \"a\": {\"b\": 1}\n", #"case.json:3:1: error: not valid JSON: the '{' at line 1, column 1 is never closed; add a '}'"#),
        (#"{"given": yes}"#, #"case.json:1:11: error: not valid JSON: 'yes' is not a JSON value: JSON has true and false; for the word itself, write "yes""#),
        (#"{"phone": 07700}"#, #"case.json:1:11: error: not valid JSON: a number does not start with 0 in JSON; write it without the leading zero, or in quotes if it is a code or a phone number"#),
    ])
    func jsonMistakesAreNamedWhereTheyAre(json: String, error: String) {
        #expect(loadErrors(json, file: "case.json") == [error])
    }

    @Test func theServiceFileNeedsItsEssentials() {
        #expect(throws: CaseFileErrors.self) { try Service.parse("name: X\n", file: "service.yml") }
        do {
            _ = try Service.parse("name: X\nphone: 1\n", file: "service.yml")
        } catch {
            #expect(error.errors.map(\.description) == [
                "service.yml:1:1: error: the service file has no 'retention'; say how long records are kept, like: six years",
                "service.yml:1:1: error: the service file has no 'complaints'; say how a participant can complain",
            ])
        }
    }
}
