/// The filters a value can pass through: `{{ due | date: "short" }}`.
enum Filter: String, CaseIterable, Sendable {
    case date, money, join, count, plural, upper, lower, capitalize
    case `default`

    static let dateStyles = ["long", "short", "iso", "full", "month"]

    /// A problem with the arguments, found when the template is compiled.
    func check(_ arguments: [FilterArgument]) -> String? {
        func strings() -> [String]? {
            var result: [String] = []
            for argument in arguments {
                guard case .string(let text) = argument else { return nil }
                result.append(text)
            }
            return result
        }
        switch self {
        case .date:
            guard arguments.count <= 1 else { return "takes one style at most" }
            if let style = strings()?.first, !Self.dateStyles.contains(style) {
                return "'\(style)' is not a date style; use one of \(Self.dateStyles.joined(separator: ", "))"
            }
            if arguments.count == 1 && strings() == nil { return "the style is text in quotes, like date: \"short\"" }
        case .money, .join:
            guard arguments.count <= 1 else { return "takes one argument at most" }
            if arguments.count == 1 && strings() == nil { return "the argument is text in quotes" }
        case .plural:
            guard (1...2).contains(arguments.count), strings() != nil else {
                return "needs the word in quotes, like plural: \"action\" (or plural: \"person\", \"people\")"
            }
        case .default:
            guard arguments.count == 1 else { return "needs the text to show instead, like default: \"not recorded\"" }
        case .count, .upper, .lower, .capitalize:
            guard arguments.isEmpty else { return "takes no arguments" }
        }
        return nil
    }

    /// Applies the filter.
    /// - Throws: a message saying why the value does not suit the filter.
    func apply(_ value: TemplateValue, _ arguments: [FilterArgument], locale: TemplateLocale,
               withheld placeholder: String? = nil) throws(FilterFailure) -> TemplateValue
    {
        if case .withheld = value { return value }
        switch self {
        case .default:
            return value.isFalsey && value != .bool(false) ? .string(arguments[0].text) : value
        case .date:
            if case .null = value { return .null }
            guard let date = Self.date(from: value) else {
                throw FilterFailure("cannot read \(value.kindDescription) as a date; write dates as YYYY-MM-DD")
            }
            return .string(Self.format(date, style: arguments.first?.text ?? "long", locale: locale))
        case .money:
            if case .null = value { return .null }
            guard let amount = Self.number(from: value) else {
                throw FilterFailure("needs an amount such as 150 or 150.00, not \(value.kindDescription)")
            }
            return .string(Self.money(amount, symbol: arguments.first?.text ?? locale.currencySymbol, locale: locale))
        case .join:
            if case .null = value { return .string("") }
            guard case .list(let items) = value else {
                throw FilterFailure("needs a list, not \(value.kindDescription)")
            }
            var words: [String] = []
            for item in items {
                if case .withheld = item {
                    guard let placeholder else { throw FilterFailure("lists a value the reader of this document may not see") }
                    words.append(placeholder)
                    continue
                }
                guard let text = Self.scalarText(item, locale: locale) else {
                    throw FilterFailure("needs a list of text; an item is \(item.kindDescription)")
                }
                words.append(text)
            }
            let conjunction = switch arguments.first?.text {
            case nil, "and": locale.and
            case "or": locale.or
            case let word?: word
            }
            return .string(Self.join(words, conjunction: conjunction))
        case .count:
            switch value {
            case .null: return .int(0)
            case .list(let items): return .int(items.count)
            case .map(let values): return .int(values.count)
            default: throw FilterFailure("counts a list, not \(value.kindDescription)")
            }
        case .plural:
            let count: Int
            switch value {
            case .int(let number): count = number
            case .double(let number): count = Int(number)
            case .list(let items): count = items.count
            case .null: count = 0
            default: throw FilterFailure("needs a number or a list, not \(value.kindDescription)")
            }
            let singular = arguments[0].text
            let plural = arguments.count > 1 ? arguments[1].text : singular + "s"
            return .string("\(count) \(count == 1 ? singular : plural)")
        case .upper, .lower, .capitalize:
            if case .null = value { return .null }
            guard let text = Self.scalarText(value, locale: locale) else {
                throw FilterFailure("needs text, not \(value.kindDescription)")
            }
            switch self {
            case .upper: return .string(text.uppercased())
            case .lower: return .string(text.lowercased())
            default: return .string(text.prefix(1).uppercased() + text.dropFirst())
            }
        }
    }

    // MARK: Formatting

    static func date(from value: TemplateValue) -> CalendarDate? {
        switch value {
        case .date(let date): date
        case .string(let text): CalendarDate(iso: text.trimmingWhitespace)
        default: nil
        }
    }

    static func number(from value: TemplateValue) -> Double? {
        switch value {
        case .int(let number): Double(number)
        case .double(let number): number
        case .string(let text): Double(text.trimmingWhitespace.replacingCommas)
        default: nil
        }
    }

    static func format(_ date: CalendarDate, style: String, locale: TemplateLocale) -> String {
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        let month = locale.months[date.month - 1]
        switch style {
        case "short":
            return locale.shortDateOrder == .dayMonthYear
                ? "\(two(date.day))/\(two(date.month))/\(date.year)" : "\(two(date.month))/\(two(date.day))/\(date.year)"
        case "iso":
            return date.description
        case "full":
            return "\(locale.weekdays[date.weekday - 1]) \(date.day) \(month) \(date.year)"
        case "month":
            return "\(month) \(date.year)"
        default:
            return "\(date.day) \(month) \(date.year)"
        }
    }

    static func money(_ amount: Double, symbol: String, locale: TemplateLocale) -> String {
        let pence = Int((abs(amount) * 100).rounded())
        var whole = String(pence / 100)
        var grouped = ""
        while whole.count > 3 {
            grouped = locale.groupingSeparator + whole.suffix(3) + grouped
            whole = String(whole.dropLast(3))
        }
        let fraction = pence % 100
        return (amount < 0 && pence > 0 ? "-" : "") + symbol + whole + grouped + locale.decimalSeparator
            + (fraction < 10 ? "0" : "") + String(fraction)
    }

    static func join(_ words: [String], conjunction: String) -> String {
        switch words.count {
        case 0: ""
        case 1: words[0]
        default: words.dropLast().joined(separator: ", ") + " \(conjunction) " + words[words.count - 1]
        }
    }

    /// The text of a value that is text, a number, a yes/no or a date.
    static func scalarText(_ value: TemplateValue, locale: TemplateLocale) -> String? {
        switch value {
        case .string(let text): text
        case .int(let number): String(number)
        case .double(let number): number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
        case .bool(let flag): flag ? "yes" : "no"
        case .date(let date): format(date, style: "long", locale: locale)
        case .null: ""
        case .list, .map, .withheld: nil
        }
    }
}

struct FilterFailure: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

extension String {
    fileprivate var replacingCommas: String { filter { $0 != "," } }
}
