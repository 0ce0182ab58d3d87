import Foundation
import Testing

/// The letter commands as a service uses them, including two processes at once
/// and a process killed part-way.
struct LetterCommandTests {
    let letters = "Examples/letters"

    @Test func screenPrintsJSONWithTheAgreedShape() throws {
        let result = try RJRunner.run(["letters", "screen", "\(letters)/problem-contact-details.txt", "--format", "json"])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["verdict"] as? String == "block")
        let findings = try #require(object["findings"] as? [[String: Any]])
        let phone = try #require(findings.first { $0["rule"] as? String == "contact-phone" })
        #expect(Set(phone.keys) == ["rule", "category", "also", "severity", "line", "column", "excerpt", "explanation", "reference"])
        #expect(phone["category"] as? String == "contact-details")
        // A number given is a way to be reached: one finding, told under both categories.
        #expect(phone["also"] as? [String] == ["contact-request"])
        #expect(phone["severity"] as? String == "block")
        #expect(phone["line"] as? Int == 4)
        #expect(phone["column"] as? Int == 1)
        #expect(phone["excerpt"] as? String == "07700 900 123")
    }

    @Test func screenShowsTheLetterWithMarksLikeACompiler() throws {
        let result = try RJRunner.run(["letters", "screen", "\(letters)/problem-victim-blaming.txt"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("""
            3 | I am sorry you lost your things. But you left the kitchen window open all
            """))
        #expect(result.stdout.contains("  | Examples/letters/problem-victim-blaming.txt:4:11: block: victim-blaming: Puts blame on the person harmed."))
        #expect(result.stdout.hasSuffix("verdict: block (3 block, 2 warn, 0 info)\n"))
    }

    @Test func batchScreensManyLettersWithOffsets() throws {
        let input = """
            {"id": 1, "text": "Ring me on 07700 900123"}
            {"id": "b", "text": "I am sorry.", "protect_names": ["Sorry Person"]}
            {"id": 3, "text": "Say hi to Jade Baker", "protect_names": ["Jade Baker"]}

            """
        let result = try RJRunner.run(["letters", "screen", "--batch", "-"], stdin: Data(input.utf8))
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map {
            try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
        #expect(lines.count == 3)
        #expect(lines[0]["id"] as? Int == 1)
        let phone = try #require((lines[0]["findings"] as? [[String: Any]])?.first { $0["rule"] as? String == "contact-phone" })
        #expect(phone["start"] as? Int == 11)
        #expect(phone["end"] as? Int == 23)
        #expect(lines[1]["id"] as? String == "b")
        #expect(lines[1]["verdict"] as? String == "none-found")
        #expect(lines[2]["verdict"] as? String == "block")
        let bad = try RJRunner.run(["letters", "screen", "--batch", "-"], stdin: Data("{\"id\": 1}\n".utf8))
        #expect(bad.status == 2)
        #expect(bad.stderr == "<stdin>:1:1: error: not a letter: each line needs {\"id\": …, \"text\": …}\n")
    }

    @Test func theWritersRoleDecidesWhatIsBlame() throws {
        let folder = try RJRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let letter = folder.appendingPathComponent("letter.txt")
        try "You started it and you knew what you did.\n".write(to: letter, atomically: true, encoding: .utf8)
        let harmed = try RJRunner.run(["letters", "screen", letter.path, "--writer-role", "harmed"])
        #expect(harmed.stdout.hasSuffix("verdict: no concerns found: read it in full (0 block, 0 warn, 0 info)\n"))
        let burglary = RJRunner.checkout.appendingPathComponent("Examples/cases/burglary-adult.yml").path
        let daniel = try RJRunner.run(["letters", "screen", letter.path, "--case", burglary, "--from", "daniel"])
        #expect(daniel.stdout.contains("victim-blaming"))
        let unknown = try RJRunner.run(["letters", "screen", letter.path, "--writer-role", "victim"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("--writer-role 'victim' is not a role; use harmed, responsible"))
        let nobody = try RJRunner.run(["letters", "screen", letter.path, "--case", burglary, "--from", "nobody"])
        #expect(nobody.status == 2)
        #expect(nobody.stderr.contains("no participant 'nobody' in case NRJ-2026-0142; its participants are margaret, daniel, susan"))
        let batch = try RJRunner.run(["letters", "screen", "--batch", "-"],
                                     stdin: Data("{\"id\": 1, \"text\": \"You started it.\", \"writer_role\": \"judge\"}\n".utf8))
        #expect(batch.status == 2)
        #expect(batch.stderr.hasPrefix("<stdin>:1:1: error: writer_role 'judge' is not a role"))
    }

    /// A store with staff and one approved letter whose recipient agreed.
    func readyStore() throws -> (URL, [String: String]) {
        let (folder, environment) = try staffedStore()
        for arguments in [
            ["letters", "submit", "\(letters)/apology-burglary.txt", "--case", "Examples/cases/burglary-adult.yml",
             "--from", "daniel", "--to", "margaret", "--as", "kturner"],
            ["letters", "approve", "1", "--as", "jcarter"],
            ["letters", "consent", "1", "--recipient-agreed", "--date", "2026-03-20", "--as", "kturner"],
        ] {
            let result = try RJRunner.run(arguments, environment: environment)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        return (folder, environment)
    }

    /// A new store with an admin, two facilitators and a supervisor; RJ_AS is kturner.
    func staffedStore() throws -> (URL, [String: String]) {
        let folder = try RJRunner.temporaryFolder()
        let environment = ["RJ_STORE": folder.appendingPathComponent("rj.sqlite").path, "RJ_TODAY": "2026-03-21",
                           "RJ_KEY_FILE": "", "RJ_AS": ""]
        for arguments in [
            ["staff", "add", "ahussain", "--name", "Amira Hussain", "--role", "admin", "--role", "manager"],
            ["staff", "add", "kturner", "--name", "Karen Turner", "--role", "facilitator", "--sensitive-complex", "--as", "ahussain"],
            ["staff", "add", "jcarter", "--name", "Joe Carter", "--role", "facilitator", "--as", "ahussain"],
            ["staff", "add", "nokafor", "--name", "Nadia Okafor", "--role", "supervisor", "--sensitive-complex", "--as", "ahussain"],
        ] {
            let result = try RJRunner.run(arguments, environment: environment)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        return (folder, environment.merging(["RJ_AS": "kturner"]) { $1 })
    }

    @Test func twoProcessesReleasingAtOnceReleaseItOnce() throws {
        for round in 0..<3 {
            let (folder, environment) = try readyStore()
            defer { try? FileManager.default.removeItem(at: folder) }
            let processes = (0..<2).map { index -> (Process, URL) in
                let process = Process()
                process.executableURL = RJRunner.executable
                process.arguments = ["letters", "release", "1", "--as", index == 0 ? "kturner" : "jcarter", "--method", "in-person",
                                     "--out", folder.appendingPathComponent("copy-\(index).html").path]
                process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
                let errors = folder.appendingPathComponent("stderr-\(index)")
                _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
                process.standardError = try! FileHandle(forWritingTo: errors)
                process.standardOutput = FileHandle.nullDevice
                return (process, errors)
            }
            for (process, _) in processes { try process.run() }
            for (process, _) in processes { process.waitUntilExit() }
            let statuses = processes.map(\.0.terminationStatus).sorted()
            #expect(statuses == [0, 1], "round \(round)")
            let loser = try #require(processes.first { $0.0.terminationStatus == 1 })
            #expect(try String(contentsOf: loser.1, encoding: .utf8) == "error: letter 1 is released; nothing more can be done with it\n")
            let log = try RJRunner.run(["letters", "log", "1"], environment: environment)
            #expect(log.stdout.components(separatedBy: "released version 1").count == 2)
            #expect(try RJRunner.run(["letters", "verify-log"], environment: environment).status == 0)
        }
    }

    @Test func aProcessKilledMidSubmitLeavesNothingHalfWritten() throws {
        var (folder, environment) = try staffedStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let submit = ["letters", "submit", "\(letters)/apology-burglary.txt", "--case", "Examples/cases/burglary-adult.yml",
                      "--from", "daniel", "--to", "margaret"]
        // Killed inside the transaction, after the letter row and before its text and audit entry.
        environment["RJ_FAULT"] = "after-letter-insert"
        let killed = try RJRunner.run(submit, environment: environment)
        #expect(killed.status == 9)
        environment["RJ_FAULT"] = nil
        #expect(try RJRunner.run(["letters", "queue"], environment: environment).stdout == "no letters await action\n")
        #expect(try RJRunner.run(["letters", "verify-log"], environment: environment).stdout.hasPrefix("audit trail intact: 4 entries"))
        // The next submit works and is letter 1: nothing of the killed one remains.
        let next = try RJRunner.run(submit, environment: environment)
        #expect(next.stdout.hasPrefix("letter 1 stored"))

        // Killed at random moments: each letter is wholly there or absent.
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<12 {
            let process = Process()
            process.executableURL = RJRunner.executable
            process.arguments = submit
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32.random(in: 0...60_000, using: &generator))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        let queue = try RJRunner.run(["letters", "queue", "--format", "json"], environment: environment)
        let items = try #require(try JSONSerialization.jsonObject(with: Data(queue.stdout.utf8)) as? [[String: Any]])
        let ids = items.compactMap { $0["id"] as? Int }
        #expect(!ids.isEmpty)
        for id in ids {
            let shown = try RJRunner.run(["letters", "show", String(id)], environment: environment)
            #expect(shown.status == 0)
            #expect(shown.stdout.contains("I am writing to say sorry for breaking into your home"))
            let log = try RJRunner.run(["letters", "log", String(id)], environment: environment)
            #expect(log.stdout.contains("Karen Turner (kturner) stored a letter from daniel to margaret"))
        }
        #expect(try RJRunner.run(["letters", "verify-log"], environment: environment).status == 0)
    }
}
