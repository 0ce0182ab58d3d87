import ArgumentParser
import Foundation
import LetterReview

extension RJ {
    /// `rj store`: where the letters and the audit trail are kept.
    struct Store: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set up, copy and back up the letter store (a SQLite file, or PostgreSQL for several offices).",
            discussion: """
                A one-office service keeps its store in one SQLite file and needs none of this: \
                the first rj staff add makes it. A service with several offices keeps it on \
                PostgreSQL: the tables' owner runs rj store migrate once (and after each upgrade), \
                and rj then connects as another role that can read and write rows, each \
                transaction seeing only the offices of whoever acts (row-level security).

                Examples:
                  rj store migrate --store postgres://rj_owner@db/rj --app-role rj_app
                  rj store copy --from rj.sqlite --to postgres://rj_app@db/rj --as ahussain
                  rj store backup --out backups/2026-03-21.sqlite --as ahussain
                """,
            subcommands: [Migrate.self, Copy.self, Backup.self])
    }
}

extension RJ.Store {
    struct Migrate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make or update a PostgreSQL store's tables, as the role that owns them.",
            discussion: """
                Applies the migrations not yet applied, each in one transaction, with \
                row-level security on every table that holds an office's records; then lets \
                --app-role (the role rj connects as, which must not own the tables) read and \
                write rows. Audit entries, versions and redactions can be added but never \
                changed or removed by that role. A SQLite store migrates itself when opened.
                """)
        @Option(help: ArgumentHelp("The store: postgres://OWNER@HOST[:PORT]/DB (default: $RJ_STORE).", valueName: "url"))
        var store: String?
        @Option(help: ArgumentHelp("The role rj connects as, granted what it needs.", valueName: "role"))
        var appRole: String?

        func run() throws {
            try reportingFailures {
                let location = store ?? StoreOptions.environment("RJ_STORE") ?? "rj.sqlite"
                guard ReviewQueue.isPostgres(location) else {
                    _ = try attempt { () throws(LetterError) in
                        try ReviewQueue(path: location, screener: try! Screener.standard())
                    }
                    print("\(location): up to date (a SQLite store migrates itself when opened)")
                    return
                }
                let applied = try attempt { () throws(LetterError) in try ReviewQueue.migrate(postgres: location, appRole: appRole) }
                print(applied.isEmpty ? "the store's tables are up to date" : "applied \(applied.joined(separator: ", "))")
                if let appRole { print("granted \(appRole) what rj needs: rows under row-level security, audit entries add-only") }
            }
        }
    }

    struct Copy: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy a store into a new, empty one (a SQLite file into PostgreSQL), audit trail and all.",
            discussion: """
                The source must verify (rj letters verify-log); the destination must be empty \
                and migrated, and uses the source's key file, so that the trail verifies there \
                too. Sessions are not copied: everyone signs in again. Only an admin may copy.
                """)
        @Option(help: ArgumentHelp("The store to copy (default: $RJ_STORE).", valueName: "path-or-url")) var from: String?
        @Option(help: ArgumentHelp("The empty store to copy into.", valueName: "path-or-url")) var to: String
        @Option(help: ArgumentHelp("The key file of both (default: $RJ_KEY_FILE, else the source's path with .key added).",
                                   valueName: "path"))
        var keyFile: String?
        @Option(name: .customLong("as"), help: ArgumentHelp("Your staff id: an admin (default: $RJ_AS).", valueName: "staff-id"))
        var actingAs: String?

        func run() throws {
            try reportingFailures {
                var source = StoreOptions()
                source.store = from
                source.keyFile = keyFile
                source.actingAs = actingAs
                let actor = try source.actor()
                let key = source.keyPath ?? source.location + ".key"
                let sourceQueue = try source.open()
                var destination = StoreOptions()
                destination.store = to
                destination.keyFile = key
                let destinationQueue = try destination.open(create: true)
                let rows = try attempt { () throws(LetterError) in try sourceQueue.copy(into: destinationQueue, by: actor) }
                let report = try attempt { () throws(LetterError) in try destinationQueue.verify(by: actor) }
                guard report.isIntact else {
                    throw CommandFailure(message: "the copy does not verify; run rj letters verify-log on it", exitCode: ExitStatus.refused)
                }
                print("copied \(rows) records into \(destination.displayLocation); its audit trail verifies (\(report.entries) entries)")
            }
        }
    }

    struct Backup: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a backup of the store (SQLite's online backup, or pg_dump of PostgreSQL).",
            discussion: """
                Written through a temporary file and a rename, readable by its owner only. \
                The key file is not in the backup: keep a copy of it apart, since without it the \
                trail cannot be checked. A SQLite backup opens as a store with that key \
                (rj letters verify-log --store BACKUP --key-file KEY); a PostgreSQL one is \
                restored with pg_restore by the tables' owner. Only an admin may back up.
                """)
        @OptionGroup var storeOptions: StoreOptions
        @Option(help: ArgumentHelp("Where to write the backup.", valueName: "file")) var out: String

        func run() throws {
            try reportingFailures {
                let actor = try storeOptions.actor()
                let queue = try storeOptions.open()
                try attempt { () throws(LetterError) in try queue.backup(to: out, by: actor) }
                print("wrote \(out) (\(queue.dialect == .postgres ? "pg_dump custom format; restore with pg_restore" : "a SQLite store"); keep the key file apart)")
            }
        }
    }
}
