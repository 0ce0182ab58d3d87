import Foundation

/// The words postal addresses are made of, in the languages of the people
/// whose letters a service screens. Lower-case, as `ScannedText` words are.
package enum AddressWords {
    /// Street types written after the name ("Market Street", "Pollen
    /// Crescent"): the suffixes of USPS Publication 28 (appendix C1) and
    /// Royal Mail's thoroughfare types, with their usual abbreviations, and the
    /// separate words other languages write after a name ("Villacher Strasse",
    /// "Wesselényi utca", "Dunajska cesta").
    package static let suffixes: Set<String> = [
        // United States (USPS Publication 28, C1)
        "alley", "aly", "annex", "arcade", "avenue", "ave", "av", "bayou", "beach", "bend", "bluff", "bluffs",
        "boulevard", "blvd", "branch", "bridge", "brg", "brook", "brooks", "bypass", "byp", "camp", "canyon", "cape",
        "causeway", "cswy", "center", "centre", "circle", "cir", "circles", "cliff", "cliffs", "club", "common",
        "commons", "corner", "corners", "course", "court", "ct", "courts", "cove", "coves", "creek", "crk", "crescent",
        "cres", "crest", "crossing", "xing", "crossroad", "crossroads", "curve", "dale", "dam", "divide", "drive",
        "dr", "drives", "estate", "estates", "expressway", "expy", "extension", "ext", "falls", "ferry", "field",
        "fields", "flats", "ford", "fords", "forest", "forge", "forges", "fork", "forks", "fort", "freeway", "fwy",
        "garden", "gardens", "gdns", "gateway", "glen", "glens", "green", "greens", "grove", "grv", "groves", "harbor",
        "harbour", "harbors", "haven", "heights", "hts", "highway", "hwy", "hill", "hills", "hollow", "inlet",
        "island", "islands", "isle", "junction", "jct", "key", "keys", "knoll", "knolls", "lake", "lakes", "landing",
        "lane", "ln", "light", "lights", "loaf", "lock", "locks", "lodge", "loop", "mall", "manor", "manors", "meadow",
        "meadows", "mews", "mill", "mills", "mission", "motorway", "mount", "mountain", "mountains", "mtn", "neck",
        "orchard", "oval", "overpass", "park", "parks", "parkway", "pkwy", "parkways", "pass", "passage", "path",
        "pike", "pine", "pines", "place", "pl", "plain", "plains", "plaza", "plz", "point", "pt", "points", "port",
        "ports", "prairie", "radial", "ramp", "ranch", "rapid", "rapids", "rest", "ridge", "ridges", "river", "road",
        "rd", "roads", "route", "rte", "row", "run", "shoal", "shoals", "shore", "shores", "skyway", "spring",
        "springs", "spur", "spurs", "square", "sq", "squares", "station", "stravenue", "stream", "street", "st",
        "streets", "summit", "terrace", "ter", "terr", "throughway", "trace", "track", "trafficway", "trail", "trl",
        "tunnel", "turnpike", "tpke", "underpass", "union", "unions", "valley", "vly", "valleys", "viaduct", "view",
        "views", "village", "villages", "ville", "vista", "walk", "walks", "wall", "way", "ways", "well", "wells",
        // Britain and Ireland (Royal Mail thoroughfares)
        "close", "cl", "approach", "broadway", "chase", "circus", "croft", "dene", "drove", "embankment", "esplanade",
        "fold", "gate", "hey", "parade", "promenade", "quay", "rise", "spinney", "vale", "wharf", "wynd", "yard",
        // Written after the name in other languages
        "strasse", "straße", "str", "allee", "weg", "gasse", "platz", "ring", "damm", "ufer", "vej", "gade", "gata",
        "vei", "veien", "laan", "straat", "utca", "út", "tér", "körút", "köz", "sor", "sétány", "ulica",
        "cesta", "trg", "iela", "gatvė", "tänav", "maantee", "puiestee", "náměstí", "třída", "sokak", "sokağı",
        "caddesi", "cad", "bulvarı",
    ]

    /// Street types that name a street even without a house number, when
    /// written with a capital after a capitalised name ("Isaac Lodge Street").
    /// Words that are also everyday nouns or surnames (Close, Way, Green,
    /// Hill, Park, Court) are left out.
    package static let namingSuffixes: Set<String> = [
        "street", "road", "avenue", "lane", "drive", "crescent", "boulevard", "terrace", "mews", "parkway",
        "highway", "strasse", "straße", "allee", "straat", "utca", "ulica",
    ]

    /// Street types written before the name ("rue de Pologne", "Via Roma",
    /// "Avda. Rio Nalon", "ul. Miła"), in French, Italian, Spanish, Catalan,
    /// Portuguese, Polish, Romanian, Greek and others.
    package static let prefixes: Set<String> = [
        "rue", "avenue", "av", "ave", "boulevard", "bd", "bld", "blvd", "chemin", "allée", "allee", "impasse",
        "place", "quai", "route", "voie", "cours", "square", "passage", "via", "viale", "vicolo", "piazza",
        "piazzale", "piazzetta", "corso", "largo", "strada", "contrada", "borgo", "lungomare", "calle", "avenida",
        "avda", "plaza", "paseo", "camino", "carrer", "carretera", "ctra", "ronda", "travesía", "travesia",
        "glorieta", "rua", "travessa", "estrada", "praça", "praca", "alameda", "beco", "ulica", "ul", "aleja", "al",
        "plac", "pl", "osiedle", "os", "bulevardul", "calea", "aleea", "piața", "str", "ulitsa",
        "prospekt", "odos", "οδός", "λεωφόρος", "trg", "náměstí", "nám",
    ]

    /// Prefixes that name a street without a number when the name after them
    /// is capitalised ("Rue de Rivoli", "Calle Mayor"): words that are not
    /// also English.
    package static let namingPrefixes: Set<String> = [
        "rue", "chemin", "allée", "impasse", "quai", "viale", "vicolo", "piazza", "piazzale", "piazzetta", "calle",
        "avenida", "avda", "paseo", "carrer", "carretera", "travesía", "rua", "travessa", "praça", "alameda",
        "ulica", "aleja", "bulevardul", "calea", "aleea", "ulitsa", "odos", "οδός",
    ]

    /// Endings of street names written as one word ("Hersnapvej",
    /// "Magasinsgatan", "Snellmaninkatu", "Asselsestraat", "Wingertweg").
    package static let endings: [String] = [
        // German, Dutch
        "strasse", "straße", "str", "weg", "gasse", "platz", "allee", "ring", "damm", "ufer", "chaussee", "steig",
        "pfad", "zeile", "straat", "laan", "plein", "gracht", "kade", "dijk", "singel", "steeg", "dreef",
        // Danish, Norwegian, Swedish, Icelandic
        "vej", "vei", "veien", "vegen", "gade", "gata", "gatan", "gaten", "vägen", "gränd", "stræde", "stræti",
        "vegur", "braut", "torget", "stigen", "backen", "allé",
        // Finnish, Estonian, Hungarian, Slavonic, Baltic
        "katu", "kuja", "tie", "polku", "väylä", "kaari", "rinne", "tori", "aukio", "tänav", "utca", "ulica",
        "iela", "gatvė",
    ]

    /// The endings by their length in scalars, and the letters they end
    /// with, so that a word is tested against a few endings, not all.
    package static let endingsByLength: [(Int, Set<String>)] = Dictionary(grouping: endings) { $0.unicodeScalars.count }
        .map { ($0.key, Set($0.value)) }.sorted { $0.0 < $1.0 }
    package static let endingLastLetters: Set<Unicode.Scalar> = Set(endings.compactMap(\.unicodeScalars.last))

    /// Words that number a dwelling inside a building (USPS Publication 28,
    /// appendix C2, and other languages): "Apt. 123", "Flat 3", "Suite 501".
    package static let units: Set<String> = [
        "apt", "apartment", "suite", "ste", "flat", "unit", "bldg", "wohnung", "whg", "piso", "apto",
        "appartement", "lgh",
    ]

    /// Particles inside street names ("rue de la Paix", "Via dei Mille",
    /// "Hoge Wei", "Calle de San Bernardo").
    package static let particles: Set<String> = [
        "de", "des", "du", "la", "le", "les", "l", "d", "di", "del", "della", "dei", "degli", "delle", "da", "do",
        "dos", "das", "van", "von", "der", "den", "het", "ten", "ter", "y", "e", "i", "am", "an", "auf", "im", "zum",
        "zur", "san", "santa", "st", "saint", "sankt",
    ]

    /// Words said just before an address: "lives at", "my address:",
    /// "moved to", "the corner of".
    package static let cues: Set<String> = [
        "at", "address", "addresses", "lives", "live", "living", "lived", "moved", "move", "moving", "stay",
        "stays", "staying", "stayed", "to", "near", "opposite", "outside", "corner", "from", "on", "in",
    ]

    /// Capitalised words written before a number that are not streets:
    /// "Year 11", "Chapter 3", "Room 101", "Windows 10".
    package static let notStreets: Set<String> = [
        "year", "years", "page", "pages", "chapter", "section", "part", "level", "grade", "class", "stage", "step",
        "day", "days", "week", "weeks", "month", "months", "session", "question", "article", "rule", "paragraph",
        "verse", "psalm", "psalms", "flight", "platform", "gate", "terminal", "wing", "version", "windows", "covid",
        "number", "no", "nr", "size", "age", "aged", "team", "group", "series", "season", "episode", "volume", "issue",
        "line", "bus", "ward", "bay", "zone", "phase", "act", "scene", "figure", "fig", "table", "appendix",
        "schedule", "item", "point", "round", "game", "match", "lesson", "room", "floor", "door", "seat", "row",
        "exit", "junction", "cell", "landing", "tier", "channel", "top", "over", "under", "only", "about", "around",
        "nearly", "almost", "maybe", "perhaps", "plus", "minus", "times", "mr", "mrs", "ms", "miss", "dr", "hmp",
        "category", "cat", "type", "band", "key", "term", "semester", "form", "standard", "division",
        "league", "iphone", "galaxy", "ps", "xbox", "fifa", "interstate", "highway", "route", "radio", "bbc", "itv", "tv",
        "block", "house", "wave", "lockdown",
    ]

    /// Short words that are never part of a street name.
    package static let stopWords: Set<String> = [
        "a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "from", "by", "for", "with", "into",
        "onto", "near", "past", "over", "under", "about", "around", "after", "before", "since", "until", "than",
        "as", "is", "was", "are", "were", "be", "been", "am", "i", "you", "he", "she", "it", "we", "they", "me",
        "him", "her", "us", "them", "my", "your", "his", "its", "our", "their", "this", "that", "these", "those",
        "there", "here", "every", "each", "all", "some", "any", "no", "not", "only", "just", "very", "so", "if",
        "then", "when", "where", "what", "who", "how", "why", "which", "will", "would", "can", "could", "should",
        "may", "might", "must", "have", "has", "had", "do", "does", "did", "got", "get", "dear", "love", "thanks",
        "thank", "sorry", "yours", "sincerely", "regards",
    ]

    /// Months and days: "March 12" and "Sunday 12" are dates, not streets.
    package static let calendarWords: Set<String> = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    ]

    /// States, provinces and territories written before a postal code in the
    /// United States, Canada and Australia ("Springfield, Illinois 62704").
    package static let regions: Set<String> = [
        "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut", "delaware", "florida",
        "hawaii", "idaho", "illinois", "indiana", "iowa", "kansas", "kentucky", "louisiana", "maine", "maryland",
        "massachusetts", "michigan", "minnesota", "mississippi", "missouri", "montana", "nebraska", "nevada",
        "new hampshire", "new jersey", "new mexico", "new york", "north carolina", "north dakota", "ohio", "oklahoma",
        "oregon", "pennsylvania", "rhode island", "south carolina", "south dakota", "tennessee", "texas", "utah",
        "vermont", "virginia", "washington", "west virginia", "wisconsin", "wyoming", "alberta", "british columbia",
        "manitoba", "new brunswick", "newfoundland", "nova scotia", "ontario", "quebec", "saskatchewan",
        "new south wales", "victoria", "queensland", "tasmania",
    ]

    /// Their postal abbreviations (USPS, Canada Post, Australia Post).
    package static let regionCodes: Set<String> = [
        "al", "ak", "az", "ar", "ca", "co", "ct", "de", "fl", "ga", "hi", "id", "il", "in", "ia", "ks", "ky", "la",
        "me", "md", "ma", "mi", "mn", "ms", "mo", "mt", "ne", "nv", "nh", "nj", "nm", "ny", "nc", "nd", "oh", "ok",
        "or", "pa", "ri", "sc", "sd", "tn", "tx", "ut", "vt", "va", "wa", "wv", "wi", "wy", "dc", "ab", "bc", "mb",
        "nb", "nl", "ns", "nt", "nu", "on", "pe", "qc", "sk", "yt", "nsw", "vic", "qld", "tas", "act",
    ]

    /// Countries, by their short English names, after which a number is a
    /// postal code ("Finland 00100", "United Kingdom SW1A 1AA").
    package static let countries: Set<String> = [
        "afghanistan", "albania", "algeria", "andorra", "angola", "argentina", "armenia", "australia", "austria",
        "azerbaijan", "bahamas", "bahrain", "bangladesh", "barbados", "belarus", "belgium", "belize", "benin",
        "bhutan", "bolivia", "bosnia and herzegovina", "botswana", "brazil", "brunei", "bulgaria", "burkina faso",
        "burundi", "cambodia", "cameroon", "canada", "cape verde", "chad", "chile", "china", "colombia", "comoros",
        "congo", "costa rica", "croatia", "cuba", "cyprus", "czech republic", "czechia", "denmark", "djibouti",
        "dominica", "dominican republic", "ecuador", "egypt", "el salvador", "england", "eritrea", "estonia",
        "eswatini", "ethiopia", "fiji", "finland", "france", "gabon", "gambia", "georgia", "germany", "ghana",
        "greece", "greenland", "grenada", "guatemala", "guinea", "guyana", "haiti", "honduras", "hong kong",
        "hungary", "iceland", "india", "indonesia", "iran", "iraq", "ireland", "israel", "italy", "jamaica", "japan",
        "jordan", "kazakhstan", "kenya", "korea", "kosovo", "kuwait", "kyrgyzstan", "laos", "latvia", "lebanon",
        "lesotho", "liberia", "libya", "liechtenstein", "lithuania", "luxembourg", "madagascar", "malawi",
        "malaysia", "maldives", "mali", "malta", "mauritania", "mauritius", "mexico", "moldova", "monaco",
        "mongolia", "montenegro", "morocco", "mozambique", "myanmar", "namibia", "nepal", "netherlands",
        "new zealand", "nicaragua", "niger", "nigeria", "north macedonia", "northern ireland", "norway", "oman",
        "pakistan", "panama", "papua new guinea", "paraguay", "peru", "philippines", "poland", "portugal", "qatar",
        "romania", "russia", "rwanda", "saudi arabia", "scotland", "senegal", "serbia", "seychelles",
        "sierra leone", "singapore", "slovakia", "slovenia", "somalia", "south africa", "spain", "sri lanka",
        "sudan", "suriname", "sweden", "switzerland", "syria", "taiwan", "tajikistan", "tanzania", "thailand",
        "togo", "trinidad and tobago", "tunisia", "turkey", "türkiye", "turkmenistan", "uganda", "ukraine",
        "united arab emirates", "united kingdom", "uk", "united states", "usa", "uruguay", "uzbekistan",
        "venezuela", "vietnam", "wales", "yemen", "zambia", "zimbabwe",
    ]
}
