import Foundation
import Testing

/// What a reviewer meets at the terminal: staff, who acts, the walk from
/// submit to release, and the same exit code for the same kind of failure.
struct ReviewCommandTests {
    let helper = LetterCommandTests()

    func run(_ arguments: [String], _ environment: [String: String]) throws -> RJRunner.Result {
        try RJRunner.run(arguments, environment: environment)
    }

    @Test func aLetterWalksFromSubmitToReleaseWithStaffIds() throws {
        let (folder, environment) = try helper.staffedStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let submit = try run(["letters", "submit", "Examples/letters/problem-contact-details.txt", "--case",
                              "Examples/cases/burglary-adult.yml", "--from", "daniel", "--to", "margaret",
                              "--response-wish", "to know she read it"], environment)
        #expect(submit.stdout == "letter 1 stored: block (5 block, 1 warn)\nnext: rj letters show 1\n")
        let approve = try run(["letters", "approve", "1", "--as", "jcarter"], environment)
        #expect(approve.status == 1)
        #expect(approve.stderr.hasPrefix("error: letter 1 has 5 block findings (contact-request-invite at 3:28, contact-phone at 4:1"))
        #expect(try run(["letters", "return", "1", "--feedback", "Please take out your number and address.", "--as", "jcarter"], environment).status == 0)
        let revise = try run(["letters", "revise", "1", "Examples/letters/apology-burglary.txt", "--case",
                              "Examples/cases/burglary-adult.yml"], environment)
        #expect(revise.stdout == "letter 1 version 2 stored: no concerns found: read it in full (0 block, 0 warn); it needs approving again\n")
        let changes = try run(["letters", "show", "1", "--changes-from", "1"], environment)
        #expect(changes.stdout.contains("\n- 07700 900 123 or email danny.p@example.com, or write to me at 14 Elm Road,\n"))
        let first = try run(["letters", "show", "1", "--version", "1"], environment)
        #expect(first.status == 0)
        #expect(first.stdout.contains("letter 1 v1:4:1: block: contact-details, contact-request (contact-phone)"))
        #expect(try run(["letters", "redact", "1", "--text", "Daniel", "--reason", "his first name only, as agreed"], environment)
            .stdout.hasSuffix("redacted; it needs approving again\n"))
        #expect(try run(["letters", "approve", "1", "--as", "jcarter"], environment).stdout
            == "letter 1 approved; it can be released once the recipient agrees to receive it\n")
        let early = try run(["letters", "release", "1", "--method", "in-person"], environment)
        #expect(early.status == 1)
        #expect(early.stderr.contains("the recipient has not agreed to receive it (BPG 2011 §3d.13); when the recipient agrees: rj letters consent 1 --recipient-agreed"))
        #expect(try run(["letters", "consent", "1", "--recipient-agreed", "--date", "2026-03-20"], environment).status == 0)
        let preview = try run(["letters", "show", "1", "--handover"], environment)
        #expect(preview.stdout.contains("[redacted]"))
        #expect(preview.stdout.hasSuffix("ready to release\n"))
        let copy = folder.appendingPathComponent("copy.html").path
        let release = try run(["letters", "release", "1", "--method", "in-person", "--out", copy], environment)
        #expect(release.stdout.hasPrefix("letter 1 released (in-person, by Karen Turner); handover copy: \(copy)\n"))
        let html = try String(contentsOfFile: copy, encoding: .utf8)
        #expect(html.contains("Checked and approved by Joe Carter (facilitator). Handed over unsealed by Karen Turner (in-person)"))
        #expect(try run(["letters", "followed-up", "1", "--note", "Told Daniel."], environment).status == 0)
        let log = try run(["letters", "log", "1"], environment)
        #expect(log.stdout.contains("letter 1  Joe Carter (jcarter) returned version 1 to the writer: “Please take out your number and address.”"))
        #expect(log.stdout.contains("letter 1  Karen Turner (kturner) released version 1 for handover in-person, unsealed.") == false)
        #expect(log.stdout.contains("letter 1  Karen Turner (kturner) released version 2 for handover in-person, unsealed."))
        #expect(log.stdout.contains("[uid "))
        let json = try run(["letters", "log", "1", "--format", "json"], environment)
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        // Each `show` is on the trail too: who read what, when.
        #expect(entries.map { $0["action"] as? String }
            == ["submit", "return", "revise", "view", "view", "redact", "approve", "consent", "view", "release", "follow-up"])
        #expect(log.stdout.contains("Karen Turner (kturner) read the letter."))
        #expect(try run(["letters", "verify-log", "--as", "ahussain"], environment).status == 0)
    }

    @Test func whoActsIsChecked() throws {
        let (folder, environment) = try helper.readyStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        for (who, message) in [
            ("x", "error: 'x' is not on the staff list; only the service's staff can act; rj staff list shows them\n"),
            ("ahussain", "error: ahussain may not release: that needs the facilitator or supervisor role; rj staff list shows who holds which role\n"),
        ] {
            let result = try run(["letters", "release", "1", "--method", "in-person", "--as", who], environment)
            #expect(result.status == 1)
            #expect(result.stderr == message)
        }
        let nobody = try run(["letters", "queue"], environment.merging(["RJ_AS": ""]) { $1 })
        #expect(nobody.status == 2)
        #expect(nobody.stderr == "error: every action names the member of staff who acts; say who you are with --as STAFF-ID, or set RJ_AS\n")
        #expect(try run(["staff", "add", "jdoe", "--name", "J Doe", "--role", "admin"], environment).status == 1)
        #expect(try run(["staff", "disable", "jcarter", "--as", "ahussain"], environment).stdout == "jcarter disabled\n")
        #expect(try run(["letters", "show", "1", "--as", "jcarter"], environment).stderr == "error: jcarter is disabled and can no longer act\n")
        let list = try run(["staff", "list"], environment)
        #expect(list.stdout.split(separator: "\n").contains { $0.hasPrefix("jcarter   Joe Carter") && $0.hasSuffix("disabled") })
    }

    @Test func exitCodesAreTheSameForTheSameKindOfFailure() throws {
        let (folder, environment) = try helper.readyStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        // 2: input that cannot be used.
        for arguments in [
            ["letters", "show", "99"],
            ["letters", "show", "1", "--version", "7"],
            ["letters", "consent", "1", "--recipient-agreed", "--recipient-declined"],
            ["letters", "hold", "1", "--until", "tomorrow"],
            ["letters", "redact", "1", "--text", "not in the letter", "--reason", "x"],
            ["letters", "release", "1", "--method", "by-post"],
            ["letters", "bogus"],
            ["help", "bogus"],
        ] {
            let result = try run(arguments, environment)
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(!result.stderr.isEmpty)
        }
        #expect(try run(["letters", "consent", "1", "--recipient-agreed", "--recipient-declined"], environment).stderr
            .hasPrefix("Error: give one of --recipient-agreed and --recipient-declined, not both"))
        #expect(try run(["help", "bogus"], environment).stderr == "error: 'bogus' is not a command of rj; `rj --help` lists them\n")
        // 1: refused.
        #expect(try run(["letters", "approve", "1", "--as", "jcarter"], environment).status == 1)
        // 3: the store cannot be used.
        try FileManager.default.removeItem(at: folder.appendingPathComponent("rj.sqlite.key"))
        let keyless = try run(["letters", "queue"], environment)
        #expect(keyless.status == 3)
        #expect(keyless.stderr.contains("the store's key file is missing"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("rj.sqlite.key").path))
        // `--version` belongs to `show`; the program's version is `rj --version`.
        #expect(try run(["--version"], environment).stdout == "0.2.0\n")
    }

    @Test func helpTextsRepeatNoDefaultAndNameNoPerson() throws {
        let reject = try run(["letters", "reject", "--help"], [:])
        #expect(!reject.stdout.contains("default: facilitator"))
        for command in ["reject", "consent", "hold", "withdraw", "revise", "release", "approve", "redact"] {
            let help = try run(["letters", command, "--help"], [:]).stdout
            #expect(help.contains("--as <staff-id>"), "\(command)")
        }
    }
}

extension ReviewCommandTests {
    @Test func aLetterIsReleasedOnlyWhereItsCopyCanBeWrittenAndTheCopyCanBeWrittenAgain() throws {
        let (folder, environment) = try helper.readyStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let nowhere = try run(["letters", "release", "1", "--method", "in-person", "--out", "/nonexistent/folder/l1.html"], environment)
        #expect(nowhere.status == 2)
        #expect(try run(["letters", "show", "1", "--format", "json"], environment).stdout.contains("\"status\" : \"approved\""))
        #expect(try run(["letters", "release", "1", "--method", "in-person", "--out", folder.appendingPathComponent("a.html").path],
                        environment).status == 0)
        let again = folder.appendingPathComponent("again.html").path
        let reprint = try run(["letters", "show", "1", "--handover", "--out", again], environment)
        #expect(reprint.status == 0, "\(reprint.stderr)")
        #expect(try String(contentsOfFile: again, encoding: .utf8).contains("Handed over unsealed by Karen Turner (in-person)"))
        #expect(try run(["letters", "show", "1", "--handover", "--version", "1"], environment).status == 2)
    }

    @Test func aMistypedStoreIsNotMadeAnew() throws {
        let folder = try RJRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = folder.appendingPathComponent("typo.sqlite").path
        let result = try run(["letters", "queue", "--store", store, "--as", "kturner"], ["RJ_KEY_FILE": ""])
        #expect(result.status == 3)
        #expect(result.stderr.hasPrefix("error: \(store): there is no letter store here"))
        #expect(try run(["staff", "add", "Bad Id", "--name", "X", "--role", "admin", "--store", store], ["RJ_KEY_FILE": ""]).status == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }
}
