import Foundation
import Testing

/// Several offices from the command line: each office's staff see and act on
/// its letters only, and a SQLite store moves to PostgreSQL with its trail.
struct OfficeCommandTests {
    let helper = LetterCommandTests()

    func run(_ arguments: [String], _ environment: [String: String]) throws -> RJRunner.Result {
        try RJRunner.run(arguments, environment: environment)
    }

    /// The staffed store, with Lena Leeds in the Leeds office and a letter she stored.
    func twoOffices() throws -> (URL, [String: String]) {
        let (folder, environment) = try helper.staffedStore()
        let add = try run(["staff", "add", "lfac", "--name", "Lena Leeds", "--role", "facilitator", "--office", "leeds",
                           "--as", "ahussain"], environment)
        #expect(add.stdout == "added Lena Leeds (lfac, facilitator) in the leeds office\n")
        let submit = try run(["letters", "submit", "Examples/letters/apology-burglary.txt", "--case", "Examples/cases/burglary-adult.yml",
                              "--from", "daniel", "--to", "margaret", "--as", "lfac"], environment)
        #expect(submit.status == 0, "\(submit.stderr)")
        return (folder, environment)
    }

    @Test func aFacilitatorOfAnotherOfficeCannotListReadApproveOrRelease() throws {
        let (folder, environment) = try twoOffices()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try run(["letters", "queue", "--as", "kturner"], environment).stdout == "no letters await action\n")
        for arguments in [["letters", "show", "1"], ["letters", "approve", "1"], ["letters", "consent", "1", "--recipient-agreed"],
                          ["letters", "release", "1", "--method", "in-person"], ["letters", "log", "1"]] {
            let result = try run(arguments + ["--as", "kturner"], environment)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderr.hasPrefix("error: no letter 1 in the store"), "\(arguments)")
        }
        #expect(try run(["letters", "queue", "--as", "lfac"], environment).stdout.contains("daniel"))
        #expect(try run(["staff", "list", "--as", "ahussain"], environment).stdout.contains("OFFICE"))
        let bad = try run(["staff", "add", "x1", "--name", "X", "--role", "facilitator", "--office", "Leeds Office", "--as", "ahussain"], environment)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("cannot be an office name"))
        #expect(try run(["letters", "verify-log", "--as", "kturner"], environment).stdout.contains("of the main office"))
    }

    @Test func aStoreIsCopiedIntoPostgresAndTheCopyRunsOnlyOnce() throws {
        guard let server = ProcessInfo.processInfo.environment["RJ_TEST_POSTGRES"], var parts = URLComponents(string: server) else {
            print("skipped: rj store copy into PostgreSQL (set RJ_TEST_POSTGRES, or run Tests/postgres/cluster.sh make test)")
            return
        }
        let (folder, environment) = try twoOffices()
        defer { try? FileManager.default.removeItem(at: folder) }
        parts.path = "/" + (try createDatabase(on: server, "rj_cli_"))
        let owner = parts.string!
        parts.user = "rj_app"
        let app = parts.string!
        let store = environment["RJ_STORE"]!
        let migrate = try run(["store", "migrate", "--store", owner, "--app-role", "rj_app"], environment)
        #expect(migrate.stdout == "applied v2-staff-and-sealed-records, v3-sign-in, v4-offices, v5-one-time-codes, v6-reads-apart, v7-agreements, v8-retention\ngranted rj_app what rj needs: rows under row-level security, audit entries add-only\n")
        let copy = try run(["store", "copy", "--from", store, "--to", app, "--as", "ahussain"], environment)
        #expect(copy.status == 0, "\(copy.stderr)")
        #expect(copy.stdout.hasPrefix("copied "))
        #expect(copy.stdout.contains("its audit trail verifies"))
        let onPostgres = environment.merging(["RJ_STORE": app, "RJ_KEY_FILE": store + ".key"]) { $1 }
        #expect(try run(["letters", "verify-log", "--as", "ahussain"], onPostgres).status == 0)
        #expect(try run(["letters", "show", "1", "--as", "kturner"], onPostgres).status == 2)
        #expect(try run(["letters", "show", "1", "--as", "lfac"], onPostgres).status == 0)
        let again = try run(["store", "copy", "--from", store, "--to", app, "--as", "ahussain"], environment)
        #expect(again.status == 1)
        #expect(again.stderr.contains("already holds staff or letters"))
        let noKey = try run(["letters", "queue", "--store", app, "--as", "lfac"], environment.merging(["RJ_KEY_FILE": ""]) { $1 })
        #expect(noKey.status == 3)
        #expect(noKey.stderr.contains("needs the path of its key file"))
    }
}

/// Twenty reviewers at once, each its own process, ten in each of two
/// offices, on SQLite and on PostgreSQL (`Benchmarks/store-load.sh` runs the
/// same for a minute, for its figures).
struct LoadTests {
    static let load = RJRunner.executable.deletingLastPathComponent().appendingPathComponent("rj-load")

    static func run(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = load
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(arguments)")
        return String(decoding: data, as: UTF8.self)
    }

    /// Runs the reviewers, then checks: nothing released twice or without
    /// approval and consent, every reported success one entry, the trail intact.
    static func reviewers(store: String, key: String, seconds: Int = 5) throws {
        _ = try run(["setup", store, key])
        var workers: [(Process, Pipe)] = []
        for office in ["york", "leeds"] {
            for number in 1...10 {
                let process = Process()
                process.executableURL = load
                process.arguments = ["work", store, key, "\(office)-\(number)", String(seconds), String(number * 7919)]
                let output = Pipe()
                process.standardOutput = output
                try process.run()
                workers.append((process, output))
            }
        }
        var done: [String: Int] = [:]
        for (process, output) in workers {
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            let counts = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Int])
            for (action, count) in counts { done[action, default: 0] += count }
        }
        let check = try #require(try JSONSerialization.jsonObject(with: Data(try run(["check", store, key]).utf8)) as? [String: Any])
        #expect(check["intact"] as? Bool == true)
        #expect(check["releasedTwice"] as? Int == 0)
        #expect(check["releasedWithoutApprovalOrConsent"] as? Int == 0)
        let trail = try #require(check["byAction"] as? [String: Int])
        for action in ["submit", "approve", "consent", "release"] {
            #expect(done[action, default: 0] == trail[action, default: 0], "\(action): reported \(done[action, default: 0]), on the trail \(trail[action, default: 0])")
        }
        #expect(done["failed", default: 0] == 0)
        #expect(done["submit", default: 0] > 20)
    }

    @Test func twentyReviewersOnSQLite() throws {
        let folder = try RJRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = folder.appendingPathComponent("load.sqlite").path
        try Self.reviewers(store: store, key: store + ".key")
    }

    @Test func twentyReviewersOnPostgres() throws {
        guard let server = ProcessInfo.processInfo.environment["RJ_TEST_POSTGRES"], var parts = URLComponents(string: server) else {
            print("skipped: twenty reviewers on PostgreSQL (set RJ_TEST_POSTGRES, or run Tests/postgres/cluster.sh make test)")
            return
        }
        let folder = try RJRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        parts.path = "/" + (try createDatabase(on: server, "rj_load_"))
        let migrate = try RJRunner.run(["store", "migrate", "--store", parts.string!, "--app-role", "rj_app"], environment: [:])
        #expect(migrate.status == 0, "\(migrate.stderr)")
        parts.user = "rj_app"
        try Self.reviewers(store: parts.string!, key: folder.appendingPathComponent("service.key").path)
    }
}

/// A new database on the test server, made with psql as its owner would; returns its name.
func createDatabase(on server: String, _ prefix: String) throws -> String {
    let name = prefix + UUID().uuidString.prefix(8).lowercased()
    let psql = Process()
    psql.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    psql.arguments = ["psql", "-q", "-d", server, "-c", "CREATE DATABASE \(name)"]
    try psql.run()
    psql.waitUntilExit()
    #expect(psql.terminationStatus == 0)
    return name
}
