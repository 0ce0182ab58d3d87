import CaseFiles
import Foundation
import GRDB
@testable import LetterReview
import TestSupport

/// A service's staff and two example cases, for the workflow tests.
struct Service {
    static let screener = try! Screener.standard()
    static let burglary = try! Case.load(path: Checkout.path("Examples/cases/burglary-adult.yml").path)
    static let assault = try! Case.load(path: Checkout.path("Examples/cases/assault-letters-sensitive.yml").path)

    static let clean = "Dear Mrs Ellis,\n\nI am sorry for breaking into your home. It was wrong and it was my fault.\n\nDaniel\n"
    static let blocked = "Dear Mrs Ellis,\nIt is 07700 900123 if needed.\nDaniel\n"

    let queue: ReviewQueue
    /// The PostgreSQL database the store is in, dropped when the last copy of this goes.
    let database: TestDatabase?

    /// The same service on `backend`.
    init(on backend: Backend) throws {
        switch backend {
        case .sqlite: try self.init()
        case .postgres:
            let database = try TestDatabase()
            try self.init(location: database.appURL, key: database.keyPath, database: database)
        }
    }

    init(path: String? = nil, key: String? = nil) throws {
        try self.init(location: path, key: key, database: nil)
    }

    /// A store (in memory, or a file or PostgreSQL when `location` is given) with the staff:
    /// `admin` (admin), `kturner` (facilitator, cleared for sensitive and
    /// complex work), `jcarter` (facilitator), `nokafor` (supervisor,
    /// cleared), `pshah` (supervisor), `both` (facilitator and supervisor,
    /// cleared), `manager` (manager).
    private init(location path: String?, key: String?, database: TestDatabase?) throws {
        self.database = database
        // The cheapest bcrypt cost, so that tests of signing in run quickly.
        queue = try path.map { try ReviewQueue(path: $0, keyFile: key, create: true, screener: Self.screener, passwordCost: 4) }
            ?? ReviewQueue(screener: Self.screener, passwordCost: 4)
        try queue.addStaff(id: "admin", name: "Ada Admin", roles: [.admin], by: nil)
        for (id, name, roles, cleared) in [
            ("kturner", "Karen Turner", [StaffRole.facilitator], true),
            ("jcarter", "Joe Carter", [.facilitator], false),
            ("nokafor", "Nadia Okafor", [.supervisor], true),
            ("pshah", "Priya Shah", [.supervisor], false),
            ("both", "Sam Both", [.facilitator, .supervisor], true),
            ("manager", "Morag Manager", [.manager], false),
        ] {
            try queue.addStaff(id: id, name: name, roles: Set(roles), sensitiveComplex: cleared, by: Self.as("admin"))
        }
    }

    static func `as`(_ id: String) -> Actor { Actor(staffId: id, account: "test") }

    /// Daniel's letter to Margaret in the burglary case, stored by Karen Turner.
    func submit(_ text: String = Service.clean, wish: String? = nil) throws -> Int64 {
        try queue.submit(letter: text, case: Self.burglary, from: "daniel", to: "margaret", by: Self.as("kturner"),
                         responseWish: wish).id
    }

    /// Ryan's letter to Chris in the sensitive and complex assault case.
    func submitSensitive() throws -> Int64 {
        try queue.submit(letter: "Dear Chris,\n\nI am sorry for what I did to you. It was my fault.\n\nRyan\n",
                         case: Self.assault, from: "ryan", to: "chris", by: Self.as("kturner")).id
    }

    /// The refusal `body` threw, if any.
    static func refusal(_ body: () throws -> Void) -> LetterError? {
        do {
            try body()
            return nil
        } catch let error as LetterError {
            return error
        } catch {
            return .store("\(error)")
        }
    }
}

/// A store in a temporary file, removed with its key when the test ends.
struct StoreFile {
    let folder: URL
    var path: String { folder.appendingPathComponent("rj.sqlite").path }
    var key: String { path + ".key" }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("rj-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// Changes the database directly, as someone with write access but no rj would.
    func edit(_ sql: String, _ arguments: StatementArguments = []) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = false
        let database = try DatabaseQueue(path: path, configuration: configuration)
        try database.write { db in try db.execute(sql: sql, arguments: arguments) }
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}

/// The databases the store tests run on: SQLite always, PostgreSQL when a
/// server is named by RJ_TEST_POSTGRES (`Tests/postgres/cluster.sh` starts one).
enum Backend: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite, postgres

    static var available: [Backend] { TestDatabase.server == nil ? [.sqlite] : [.sqlite, .postgres] }
    var description: String { rawValue }
}

/// A new PostgreSQL database for one test, migrated by its owner role and
/// used by rj as `rj_app`, which does not own the tables; dropped at the end.
final class TestDatabase: @unchecked Sendable {
    /// `postgres://OWNER@HOST:PORT/postgres`, an owner role that may create databases.
    static let server: URLComponents? = ProcessInfo.processInfo.environment["RJ_TEST_POSTGRES"].flatMap {
        $0.isEmpty ? nil : URLComponents(string: $0)
    }
    static let appRole = ProcessInfo.processInfo.environment["RJ_TEST_POSTGRES_APP"] ?? "rj_app"

    let name = "rj_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
    let folder: URL
    var keyPath: String { folder.appendingPathComponent("service.key").path }

    func url(user: String?, database: String) -> String {
        var parts = Self.server!
        if let user { parts.user = user }
        parts.path = "/" + database
        return parts.string!
    }

    var ownerURL: String { url(user: nil, database: name) }
    var appURL: String { url(user: Self.appRole, database: name) }

    /// The owner role: the user the server's URL names.
    static var owner: String { server?.user ?? "postgres" }
    static var serverDatabase: String { server!.path.isEmpty ? "postgres" : String(server!.path.dropFirst()) }

    /// A new database, migrated unless `empty`.
    init(empty: Bool = false) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("rj-pg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let admin = try PostgresConnection(url: url(user: nil, database: Self.serverDatabase))
        try admin.execute("CREATE DATABASE \(name)")
        if !empty { _ = try ReviewQueue.migrate(postgres: ownerURL, appRole: Self.appRole) }
    }

    /// Grants the app role its rights, as `rj store migrate --app-role` does.
    func grant() throws { _ = try ReviewQueue.migrate(postgres: ownerURL, appRole: Self.appRole) }

    /// Changes the database directly, as its owner would with psql, in every office.
    func edit(_ sql: String, _ arguments: [SQLValue] = []) throws {
        let owner = try PostgresConnection(url: ownerURL)
        try owner.execute("SELECT set_config('app.offices', 'main,york,leeds', false)")
        try owner.execute(sql, arguments)
    }

    deinit {
        if let admin = try? PostgresConnection(url: url(user: nil, database: Self.serverDatabase)) {
            _ = try? admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        }
        try? FileManager.default.removeItem(at: folder)
    }
}

/// The RFC 6238 test secret, "12345678901234567890".
enum OneTimeCodeProbe {
    static let rfcSecret = OneTimeCode(secret: Array("12345678901234567890".utf8))
}
