import GRDB
import GRDBSQLite

/// A GRDB database inside one of its transactions, as the store's connection.
struct SQLiteConnection: SQLConnection {
    let db: Database
    var dialect: SQLDialect { .sqlite }

    @discardableResult
    func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow] {
        // Compiled once per connection and kept: the store runs the same few statements over and over.
        let statement = try db.cachedStatement(sql: sql)
        statement.arguments = StatementArguments(arguments.map { value -> (any DatabaseValueConvertible)? in
            switch value {
            case .null: nil
            case .integer(let number): number
            case .real(let number): number
            case .text(let text): text
            }
        })
        let columns = SQLRow.Columns(statement.columnNames)
        guard statement.columnCount > 0 else {
            try statement.execute()
            return []
        }
        var result: [SQLRow] = []
        let handle = statement.sqliteStatement
        let count = Int32(statement.columnCount)
        // Each row is read straight from SQLite while the cursor stands on it.
        let cursor = try Row.fetchCursor(statement)
        while try cursor.next() != nil {
            var values: [SQLValue] = []
            values.reserveCapacity(Int(count))
            for index in 0..<count {
                switch sqlite3_column_type(handle, index) {
                case SQLITE_NULL: values.append(.null)
                case SQLITE_INTEGER: values.append(.integer(sqlite3_column_int64(handle, index)))
                case SQLITE_FLOAT: values.append(.real(sqlite3_column_double(handle, index)))
                default:
                    let length = Int(sqlite3_column_bytes(handle, index))
                    if let bytes = sqlite3_column_text(handle, index) {
                        values.append(.text(String(decoding: UnsafeBufferPointer(start: bytes, count: length), as: UTF8.self)))
                    } else {
                        values.append(.text(""))
                    }
                }
            }
            result.append(SQLRow(columns: columns, values: values))
        }
        return result
    }
}
