@testable import LetterReview
import Testing

@Suite struct SQLRowTests {
    @Test func aColumnIsFoundByItsNameOrByItFoldedAsPostgreSQLGivesIt() {
        // PostgreSQL gives back "casereference" for a column the store asks for as caseReference.
        let columns = SQLRow.Columns(["id", "casereference", "writerName"])
        let row = SQLRow(columns: columns, values: [.integer(7), .text("RJ-2026-014"), .text("Dean")])
        #expect(row["caseReference"] == .text("RJ-2026-014"))
        #expect(row["CASEREFERENCE"] == .text("RJ-2026-014"))
        #expect(row["writerName"] == .text("Dean"))
        #expect(row["writername"] == .text("Dean"))
        #expect(row["case"] == .null)
        #expect(row["casereferences"] == .null)
        #expect(!row.has("caseReferenc"))
        #expect(SQLRow.Columns.Folded("caseReference") == SQLRow.Columns.Folded("casereference"))
        #expect(SQLRow.Columns.Folded("caseReference").hashValue == SQLRow.Columns.Folded("CaseReference").hashValue)
        #expect(SQLRow.Columns.Folded("ab") != SQLRow.Columns.Folded("abc"))
    }
}
