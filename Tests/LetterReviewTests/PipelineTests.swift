import Foundation
import Testing
@testable import LetterReview

/// PostgreSQL's pipeline: statements asked together in one round trip give
/// each its own rows, and one that fails stops the rest without leaving the
/// connection broken or its prepared statements wrong.
@Suite(.enabled(if: TestDatabase.server != nil, "needs a PostgreSQL server: run under Tests/postgres/cluster.sh"))
struct PipelineTests {
    @Test func statementsAskedTogetherGiveEachItsOwnRows() throws {
        let database = try TestDatabase()
        let connection = try PostgresConnection(url: database.ownerURL)
        connection.begin(["BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"])
        try connection.later("SELECT set_config('app.offices', ?, true)", [.text("york")])
        let results = try connection.batch([
            SQLStatement("SELECT current_setting('app.offices', true)"),
            SQLStatement("SELECT ?::int + 1", [.integer(41)]),
            SQLStatement("SELECT generate_series(1, ?)", [.integer(3)]),
        ])
        #expect(results.count == 3)
        #expect(results[0].first?[0].string == "york")
        #expect(results[1].first?[0].int64 == 42)
        #expect(results[2].map { $0[0].int64 } == [1, 2, 3])
        try connection.end("COMMIT")
        // The offices were the transaction's own.
        #expect(try connection.one("SELECT current_setting('app.offices', true)")?[0].string ?? "" == "")
    }

    @Test func aFailedStatementStopsThoseAfterItAndLeavesTheConnectionUsable() throws {
        let database = try TestDatabase()
        let connection = try PostgresConnection(url: database.ownerURL)
        connection.begin(["BEGIN"])
        #expect(throws: PostgresError.self) {
            try connection.batch([
                SQLStatement("SELECT 1"),
                SQLStatement("SELECT * FROM no_such_table WHERE id = ?", [.integer(1)]),
                SQLStatement("SELECT 3"),
            ])
        }
        try connection.end("ROLLBACK")
        #expect(connection.isUsable)
        // The same statements again, each prepared as it should be.
        connection.begin(["BEGIN"])
        let again = try connection.batch([SQLStatement("SELECT 1"), SQLStatement("SELECT 3")])
        #expect(again.map { $0.first?[0].int64 } == [1, 3])
        try connection.end("COMMIT")
        #expect(try connection.one("SELECT ?::int * 2", [.integer(21)])?[0].int64 == 42)
    }

    @Test func aTransactionThatAskedNothingNeverReachesTheServer() throws {
        let database = try TestDatabase()
        let connection = try PostgresConnection(url: database.ownerURL)
        connection.begin(["BEGIN", "SELECT pg_advisory_xact_lock(7)"])
        try connection.end("COMMIT")
        // Had the lock been taken, another session could not take it now.
        let other = try PostgresConnection(url: database.ownerURL)
        #expect(try other.one("SELECT pg_try_advisory_lock(7)")?[0].string == "t")
        #expect(connection.isUsable)
    }
}
