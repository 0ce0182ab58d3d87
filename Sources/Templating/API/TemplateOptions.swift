/// How a template escapes the values it inserts.
public enum Escaping: String, Sendable, CaseIterable {
    /// Values read literally once the Markdown is rendered: no emphasis, link,
    /// heading, list, code or raw HTML can come out of data.
    case markdown
    /// HTML escaping, as the Mustache specification expects.
    case html
    /// Values inserted as they are.
    case none

    /// The escaping a template file's extension implies: Markdown for `.md`,
    /// HTML for `.html` and `.mustache`, none otherwise.
    public static func implied(byFileName name: String) -> Escaping {
        let lowered = name.lowercased()
        if lowered.hasSuffix(".md") || lowered.hasSuffix(".markdown") { return .markdown }
        if lowered.hasSuffix(".html") || lowered.hasSuffix(".htm") || lowered.hasSuffix(".mustache") { return .html }
        return .none
    }
}

/// Options fixed when a template is compiled.
public struct TemplateOptions: Sendable {
    public var escaping: Escaping
    /// Strict (the default): a name the data lacks is an error. Lenient, for
    /// drafts and for Mustache compatibility: it renders as nothing.
    public var strict: Bool
    /// What a withheld value shows: nil (the default) makes it an error;
    /// a placeholder such as "[withheld]" prints that instead.
    public var withheldPlaceholder: String?
    /// Names of months and days, the currency and the word for "and".
    public var locale: TemplateLocale
    /// How deep partials may include partials before rendering stops.
    public var maxPartialDepth: Int

    public init(
        escaping: Escaping = .markdown, strict: Bool = true, withheldPlaceholder: String? = nil,
        locale: TemplateLocale = .enGB, maxPartialDepth: Int = 32
    ) {
        self.escaping = escaping
        self.strict = strict
        self.withheldPlaceholder = withheldPlaceholder
        self.locale = locale
        self.maxPartialDepth = maxPartialDepth
    }
}

/// The words and formats the filters use: en-GB by default.
public struct TemplateLocale: Sendable, Hashable {
    public var identifier: String
    public var months: [String]
    public var weekdays: [String]
    /// Prefix for money, such as "£".
    public var currencySymbol: String
    public var groupingSeparator: String
    public var decimalSeparator: String
    /// The word before the last item of a joined list.
    public var and: String
    public var or: String
    /// The order of day, month and year in a short date.
    public var shortDateOrder: ShortDateOrder

    public enum ShortDateOrder: Sendable, Hashable { case dayMonthYear, monthDayYear }

    public init(identifier: String, months: [String], weekdays: [String], currencySymbol: String,
                groupingSeparator: String, decimalSeparator: String, and: String, or: String,
                shortDateOrder: ShortDateOrder) {
        precondition(months.count == 12 && weekdays.count == 7, "a locale needs 12 months and 7 weekdays")
        self.identifier = identifier
        self.months = months
        self.weekdays = weekdays
        self.currencySymbol = currencySymbol
        self.groupingSeparator = groupingSeparator
        self.decimalSeparator = decimalSeparator
        self.and = and
        self.or = or
        self.shortDateOrder = shortDateOrder
    }

    /// British English: "14 March 2026", "14/03/2026", "£1,250.00".
    public static let enGB = TemplateLocale(
        identifier: "en-GB",
        months: ["January", "February", "March", "April", "May", "June", "July", "August",
                 "September", "October", "November", "December"],
        weekdays: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
        currencySymbol: "£", groupingSeparator: ",", decimalSeparator: ".", and: "and", or: "or",
        shortDateOrder: .dayMonthYear)

    /// Welsh, for services that write to participants in Welsh: "14 Mawrth 2026".
    public static let cyGB = TemplateLocale(
        identifier: "cy-GB",
        months: ["Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst",
                 "Medi", "Hydref", "Tachwedd", "Rhagfyr"],
        weekdays: ["Dydd Llun", "Dydd Mawrth", "Dydd Mercher", "Dydd Iau", "Dydd Gwener", "Dydd Sadwrn", "Dydd Sul"],
        currencySymbol: "£", groupingSeparator: ",", decimalSeparator: ".", and: "a", or: "neu",
        shortDateOrder: .dayMonthYear)

    /// American English: short dates month first ("03/14/2026"), dollars.
    public static let enUS = TemplateLocale(
        identifier: "en-US", months: enGB.months, weekdays: enGB.weekdays,
        currencySymbol: "$", groupingSeparator: ",", decimalSeparator: ".", and: "and", or: "or",
        shortDateOrder: .monthDayYear)

    /// The built-in locales by identifier.
    public static let builtIn: [String: TemplateLocale] = ["en-GB": enGB, "cy-GB": cyGB, "en-US": enUS]
}

extension Escaping {
    /// The text escaped as a value would be in a template using this escaping.
    public func escape(_ text: String) -> String {
        var output = ""
        Escaper.append(text, to: &output, escaping: self, singleLine: false)
        return output
    }
}

extension CalendarDate {
    /// The date as the `date` filter writes it: style long ("14 March 2026"),
    /// short, iso, full or month.
    public func formatted(_ style: String = "long", locale: TemplateLocale = .enGB) -> String {
        Filter.format(self, style: style, locale: locale)
    }
}
