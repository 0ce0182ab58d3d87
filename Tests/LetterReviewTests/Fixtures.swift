import CaseFiles
import Foundation
import GRDB
import LetterReview
import TestSupport

/// A service's staff and two example cases, for the workflow tests.
struct Service {
    static let screener = try! Screener.standard()
    static let burglary = try! Case.load(path: Checkout.path("Examples/cases/burglary-adult.yml").path)
    static let assault = try! Case.load(path: Checkout.path("Examples/cases/assault-letters-sensitive.yml").path)

    static let clean = "Dear Mrs Ellis,\n\nI am sorry for breaking into your home. It was wrong and it was my fault.\n\nDaniel\n"
    static let blocked = "Dear Mrs Ellis,\nIt is 07700 900123 if needed.\nDaniel\n"

    let queue: ReviewQueue

    /// A store (in memory, or a file when `path` is given) with the staff:
    /// `admin` (admin), `kturner` (facilitator, cleared for sensitive and
    /// complex work), `jcarter` (facilitator), `nokafor` (supervisor,
    /// cleared), `pshah` (supervisor), `both` (facilitator and supervisor,
    /// cleared), `manager` (manager).
    init(path: String? = nil, key: String? = nil) throws {
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
