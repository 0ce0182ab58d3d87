import Foundation
import Testing

/// After the agreement, at the terminal: the actions to chase, and records
/// deleted when the service's retention period ends, leaving their figures.
struct AftercareCommandTests {
    let helper = LetterCommandTests()

    /// The example cases copied into a folder beside a staffed store.
    func folderOfCases() throws -> (URL, URL, [String: String]) {
        let (folder, environment) = try helper.staffedStore()
        let cases = folder.appendingPathComponent("cases")
        try FileManager.default.copyItem(at: RJRunner.checkout.appendingPathComponent("Examples/cases"), to: cases)
        return (folder, cases, environment)
    }

    @Test func actionsListWhatToChaseAndExitOneWhenSomethingIs() throws {
        let early = try RJRunner.run(["actions", "Examples/cases", "--today", "2026-04-20"])
        #expect(early.status == 0)
        #expect(early.stdout.hasPrefix("Actions on 2026-04-20: 7 in 3 agreements, 0 to chase now\n"))
        let late = try RJRunner.run(["actions", "Examples/cases", "--today", "2026-05-02"])
        #expect(late.status == 1)
        #expect(late.stdout.contains("NRJ-2026-0231 action 2: OVERDUE by 2 days (due 2026-04-30)"))
        #expect(late.stdout.contains("the agreement says: If either household thinks the agreement is not kept"))
    }

    @Test func retentionListsThenAManagerDeletesAndTheFiguresStay() throws {
        let (folder, cases, environment) = try folderOfCases()
        defer { try? FileManager.default.removeItem(at: folder) }
        let submit = try RJRunner.run(["letters", "submit", "Examples/letters/apology-burglary.txt", "--case",
                                       "Examples/cases/burglary-adult.yml", "--from", "daniel", "--to", "margaret"],
                                      environment: environment)
        #expect(submit.status == 0, "\(submit.stderr)")

        // Not yet due on the last day, due on the day after.
        let lastDay = try RJRunner.run(["retention", cases.path, "--today", "2032-07-03"], environment: environment)
        #expect(lastDay.stdout.contains("On 2032-07-03, 1 of 4 cases is due for deletion."))
        #expect(!lastDay.stdout.contains("NRJ-2026-0142"))
        let dry = try RJRunner.run(["retention", cases.path, "--today", "2032-07-04"], environment: environment)
        #expect(dry.status == 0)
        #expect(dry.stdout.contains("On 2032-07-04, 2 of 4 cases are due for deletion."))
        #expect(dry.stdout.contains("NRJ-2026-0142  closed 2026-07-03 (completed); kept until 2032-07-03\n"
            + "    would delete: the case file \(cases.path)/burglary-adult.yml; in the store, 1 letter (1 version)"))
        #expect(dry.stdout.contains("This was a dry run: nothing was deleted."))

        // Deleting counts from today, never from a day ahead.
        let ahead = try RJRunner.run(["retention", cases.path, "--today", "2032-07-04", "--apply", "--as", "ahussain"],
                                     environment: environment)
        #expect(ahead.status == 1)
        #expect(ahead.stderr.contains("error: --today 2032-07-04 is after today ("))
        #expect(ahead.stderr.contains("); records are deleted only once their period has really ended"))
        // Nor from RJ_TODAY, which is for trying things out: the clock decides.
        let pretended = try RJRunner.run(["retention", cases.path, "--apply", "--as", "ahussain"],
                                         environment: environment.merging(["RJ_TODAY": "2032-07-04"]) { $1 })
        #expect(pretended.status == 0)
        #expect(pretended.stdout.contains("0 of 4 cases are due for deletion"))
        #expect(FileManager.default.fileExists(atPath: cases.appendingPathComponent("burglary-adult.yml").path))

        // Two cases that closed long ago, by the clock.
        for (name, closed) in [("burglary-adult", "2026-07-03"), ("criminal-damage-youth", "2026-04-30")] {
            let file = cases.appendingPathComponent("\(name).yml")
            let text = try String(contentsOf: file, encoding: .utf8)
            try text.replacingOccurrences(of: "closure:\n  date: \(closed)", with: "closure:\n  date: 2019-\(closed.dropFirst(5))")
                .write(to: file, atomically: true, encoding: .utf8)
        }
        let before = try RJRunner.run(["report", cases.path, "--from", "2019-01-01", "--to", "2026-12-31", "--format", "json"])
        let later = environment
        // A facilitator may not; nothing changes.
        let refused = try RJRunner.run(["retention", cases.path, "--apply"], environment: later)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("kturner may not delete records past their retention period: that needs the manager role"))
        #expect(FileManager.default.fileExists(atPath: cases.appendingPathComponent("burglary-adult.yml").path))

        let applied = try RJRunner.run(["retention", cases.path, "--apply", "--as", "ahussain"], environment: later)
        #expect(applied.status == 0, "\(applied.stderr)")
        #expect(applied.stdout.contains("deleted: the case file \(cases.path)/burglary-adult.yml; in the store, 1 letter (1 version)"))
        let left = try FileManager.default.contentsOfDirectory(atPath: cases.path).sorted()
        #expect(left.filter { $0.hasSuffix(".yml") } == ["assault-letters-sensitive.yml", "neighbour-dispute.yml", "service.yml"])
        let records = left.filter { $0.hasSuffix(".figures.json") }
        #expect(records.count == 2)
        #expect(!left.contains { $0.hasPrefix(".") }, "nothing half-written is left behind")
        // The records hold no name, reference or free text of the cases they came from.
        for name in records {
            let text = try String(contentsOf: cases.appendingPathComponent(name), encoding: .utf8)
            for secret in ["NRJ-", "Ellis", "Price", "Kai", "margaret", "window", "Probation", "garden"] {
                #expect(!text.contains(secret), "\(name) holds \(secret)")
            }
        }
        // The report counts the same after as before.
        let after = try RJRunner.run(["report", cases.path, "--from", "2019-01-01", "--to", "2026-12-31", "--format", "json"])
        #expect(after.status == 0)
        #expect(after.stdout == before.stdout)
        // The deletion is on the trail, and the trail verifies.
        let verify = try RJRunner.run(["letters", "verify-log", "--as", "ahussain"], environment: environment)
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        let log = try RJRunner.run(["letters", "log", "--as", "ahussain"], environment: environment)
        #expect(log.stdout.contains("deleted the letter and its 1 version of case NRJ-2026-0142, its retention period over"))
    }

    @Test func retentionNeedsTheServicesNumberOfYears() throws {
        let folder = try RJRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: RJRunner.checkout.appendingPathComponent("Examples/cases/burglary-adult.yml"),
                                         to: folder.appendingPathComponent("burglary-adult.yml"))
        let service = try String(contentsOf: RJRunner.checkout.appendingPathComponent("Examples/cases/service.yml"), encoding: .utf8)
        try service.replacingOccurrences(of: "retention_years: 6\n", with: "")
            .write(to: folder.appendingPathComponent("service.yml"), atomically: true, encoding: .utf8)
        let result = try RJRunner.run(["retention", folder.path, "--today", "2040-01-01"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("service.yml: error: the service file does not say how many years records are kept; add retention_years: 6"))
    }

    @Test func subjectAccessWritesTheFolderWholeAndOnlyWhatTheyMaySee() throws {
        let (folder, environment) = try helper.staffedStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try RJRunner.run(["letters", "submit", "Examples/letters/apology-assault.txt", "--case",
                                  "Examples/cases/assault-letters-sensitive.yml", "--from", "ryan", "--to", "chris"],
                                 environment: environment).status == 0)
        let out = folder.appendingPathComponent("sar-ryan")
        let result = try RJRunner.run(["subject-access", "Examples/cases/assault-letters-sensitive.yml", "--participant", "ryan",
                                       "--out", out.path], environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasSuffix("what the service holds about ryan in case NRJ-2026-0203 and 1 letter\n"))
        let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        let json = try String(contentsOf: out.appendingPathComponent("subject-access.json"), encoding: .utf8)
        #expect(html.contains("<h1>Your information</h1>") && html.contains("Ryan Cole"))
        #expect(html.contains("Your letter to another participant"))
        // Chris's name is for the service only, Helen's for Chris only; the risk assessment is the service's.
        for withheld in ["Chris Baker", "Mr Baker", "Helen Baker", "Mrs Baker"] {
            #expect(!html.contains(withheld) && !json.contains(withheld), "\(withheld)")
        }
        #expect(html.contains("the risk assessment"))

        // An existing folder is never mixed with a new copy; an unknown participant is named.
        let again = try RJRunner.run(["subject-access", "Examples/cases/assault-letters-sensitive.yml", "--participant", "ryan",
                                      "--out", out.path], environment: environment)
        #expect(again.status == 2 && again.stderr.contains("sar-ryan: error: already exists and is not an empty folder"))
        let unknown = try RJRunner.run(["subject-access", "Examples/cases/assault-letters-sensitive.yml", "--participant", "ryna",
                                        "--out", folder.appendingPathComponent("x").path, "--no-letters"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("error: the case has no participant 'ryna'; its participants are chris, ryan, helen"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("x").path))
        // Without the store, the copy says letters were left out.
        let plain = folder.appendingPathComponent("sar-plain")
        #expect(try RJRunner.run(["subject-access", "Examples/cases/assault-letters-sensitive.yml", "--participant", "chris",
                                  "--out", plain.path, "--no-letters"]).status == 0)
        #expect(try String(contentsOf: plain.appendingPathComponent("index.html"), encoding: .utf8)
            .contains("Letters were not included in this copy."))
    }
}
