/// The languages participants read, and what rj can give each of them
/// (BPG 2011 §2b.2: information "in another language where needed").
public enum Languages {
    /// The languages rj has templates in: English, and Welsh for every
    /// document a participant is sent (`Templates/cy/`).
    public static let documented: Set<String> = ["en", "en-GB", "en-US", "cy", "cy-GB"]

    /// Whether `code` is Welsh.
    public static func isWelsh(_ code: String) -> Bool { code.lowercased() == "cy" || code.lowercased() == "cy-gb" }

    /// Whether rj's documents are written in `code`.
    public static func hasDocuments(in code: String) -> Bool { documented.contains(code) }

    /// The language's English name, for a facilitator and for the pack ("Polish").
    public static func name(_ code: String) -> String? { names[code.lowercased().split(separator: "-").first.map(String.init) ?? code] }

    /// "We will arrange an interpreter or a translation for you." in the
    /// language, where rj has it. Each wants a native speaker's review
    /// (Templates/README.md says so).
    public static func arrangementLine(_ code: String) -> String? {
        lines[code.lowercased().split(separator: "-").first.map(String.init) ?? code]
    }

    static let names: [String: String] = [
        "ar": "Arabic", "bn": "Bengali", "cy": "Welsh", "de": "German", "es": "Spanish", "fa": "Persian", "fr": "French",
        "gu": "Gujarati", "hi": "Hindi", "it": "Italian", "ku": "Kurdish", "lt": "Lithuanian", "lv": "Latvian",
        "pa": "Punjabi", "pl": "Polish", "ps": "Pashto", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian",
        "so": "Somali", "sq": "Albanian", "ta": "Tamil", "ti": "Tigrinya", "tr": "Turkish", "uk": "Ukrainian",
        "ur": "Urdu", "zh": "Chinese", "bg": "Bulgarian", "hu": "Hungarian", "sk": "Slovak", "cs": "Czech",
        "en": "English", "ga": "Irish", "gd": "Scottish Gaelic", "bsl": "British Sign Language",
    ]

    static let lines: [String: String] = [
        "cy": "Byddwn yn trefnu cyfieithydd neu gyfieithiad i chi.",
        "de": "Wir sorgen für eine Dolmetscherin, einen Dolmetscher oder eine Übersetzung.",
        "es": "Le facilitaremos un intérprete o una traducción.",
        "fr": "Nous vous proposerons un interprète ou une traduction.",
        "it": "Le metteremo a disposizione un interprete o una traduzione.",
        "lt": "Pasirūpinsime vertėju arba vertimu.",
        "pl": "Zapewnimy Pani/Panu tłumacza lub tłumaczenie.",
        "pt": "Vamos providenciar um intérprete ou uma tradução.",
        "ro": "Vă vom asigura un interpret sau o traducere.",
    ]
}
