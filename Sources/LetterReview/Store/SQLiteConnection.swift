import GRDB

/// A GRDB database inside one of its transactions, as the store's connection.
struct SQLiteConnection: SQLConnection {
    let db: Database
    var dialect: SQLDialect { .sqlite }

    @discardableResult
    func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow] {
        let statement = try db.makeStatement(sql: sql)
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
        let cursor = try Row.fetchCursor(statement)
        while let row = try cursor.next() {
            result.append(SQLRow(columns: columns, values: row.databaseValues.map { value in
                switch value.storage {
                case .null: .null
                case .int64(let number): .integer(number)
                case .double(let number): .real(number)
                case .string(let text): .text(text)
                case .blob(let data): .text(String(decoding: data, as: UTF8.self))
                }
            }))
        }
        return result
    }
}
