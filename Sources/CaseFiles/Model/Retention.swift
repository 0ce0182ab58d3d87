import Templating

/// How long a case's records are kept (BPG 2011 §G.7; 2004 §2b.1): the
/// service's number of years, counted from the day the case closed.
public struct RetentionPolicy: Sendable, Equatable {
    public var years: Int

    public init(years: Int) { self.years = years }

    /// The last day the records of a case closed on `closed` are kept: the
    /// same day `years` later (29 February kept until 28 February when that
    /// year has none).
    public func keptUntil(closed: CalendarDate) -> CalendarDate {
        let year = closed.year + years
        return CalendarDate(year: year, month: closed.month, day: closed.day)
            ?? CalendarDate(year: year, month: closed.month, day: closed.day - 1)!
    }

    /// Whether the records of `case` are due for deletion on `today`: it is
    /// closed, and more than `years` have passed since. An open case never is.
    public func isDue(_ case: Case, on today: CalendarDate) -> Bool {
        guard let closed = `case`.closure?.date else { return false }
        return today > keptUntil(closed: closed)
    }
}
