import Foundation
import Templating

/// Today's date where the service is: `RJ_TODAY` when set (for tests and
/// demonstrations), else the date in Europe/London.
enum Today {
    static var date: CalendarDate {
        if let fixed = ProcessInfo.processInfo.environment["RJ_TODAY"], let date = CalendarDate(iso: fixed) { return date }
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "Europe/London")!, from: Date())
        return CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }

    /// The day by the clock in Europe/London, whatever `RJ_TODAY` says: for
    /// what must not be done early (deleting records past their retention).
    static var byTheClock: CalendarDate {
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "Europe/London")!, from: Date())
        return CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }

    /// YYYY-MM-DD.
    static var iso: String { date.description }

    /// A date given on the command line, checked.
    static func parse(_ text: String, option: String) throws -> String {
        guard let date = CalendarDate(iso: text) else {
            throw CommandFailure(message: "\(option) \(text) is not a date", hint: "write it as YYYY-MM-DD")
        }
        return date.description
    }
}
