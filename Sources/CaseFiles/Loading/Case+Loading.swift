import Foundation
import Templating
import Yams

extension Case {
    /// Reads a case file (YAML or JSON).
    /// - Throws: ``CaseFileErrors``: every problem found, each with its line and column.
    public static func load(path: String) throws(CaseFileErrors) -> Case {
        try parse(try YAMLFile.read(path), file: path)
    }

    /// Reads a case from YAML or JSON text.
    public static func parse(_ text: String, file: String) throws(CaseFileErrors) -> Case {
        var loader = CaseLoader(reader: NodeReader(file: file))
        let root = try YAMLFile.compose(text, file: file)
        let result = loader.load(root)
        guard loader.reader.errors.isEmpty, let result else {
            throw CaseFileErrors(loader.reader.errors.sorted { ($0.line, $0.column) < ($1.line, $1.column) })
        }
        return result
    }
}

extension Service {
    /// Reads a service file (`service.yml`).
    public static func load(path: String) throws(CaseFileErrors) -> Service {
        try parse(try YAMLFile.read(path), file: path)
    }

    public static func parse(_ text: String, file: String) throws(CaseFileErrors) -> Service {
        var reader = NodeReader(file: file)
        let root = try YAMLFile.compose(text, file: file)
        let keys = ["name", "phone", "email", "address", "retention", "retention_years", "complaints", "support_services"]
        guard let map = reader.mapping(root, name: "the service file", keys: keys) else {
            throw CaseFileErrors([CaseFileError(file: file, line: 0, column: 0,
                                                message: "the service file is empty; it needs at least name, retention and complaints")])
        }
        let name = reader.string(map, "name", required: true)
        let retention = reader.string(map, "retention", required: true, hint: "say how long records are kept, like: six years")
        let complaints = reader.string(map, "complaints", required: true, hint: "say how a participant can complain")
        var support: [Service.SupportService] = []
        for (index, node) in reader.list(map, "support_services").enumerated() {
            guard let item = reader.mapping(node, name: "support service \(index + 1)",
                                            keys: ["name", "phone", "website", "description"]) else { continue }
            if let serviceName = reader.string(item, "name", required: true) {
                support.append(Service.SupportService(name: serviceName, phone: reader.string(item, "phone"),
                                                      website: reader.string(item, "website"),
                                                      description: reader.string(item, "description")))
            }
        }
        var years: Int?
        if let number = reader.number(map, "retention_years") {
            if number >= 1, number <= 100, number == number.rounded() {
                years = Int(number)
            } else {
                reader.report("'retention_years' in the service file should be a whole number of years, like 6",
                              at: reader.location(map.values["retention_years"]))
            }
        }
        let service = Service(name: name ?? "", phone: reader.string(map, "phone"), email: reader.string(map, "email"),
                              address: reader.string(map, "address"), retention: retention ?? "", retentionYears: years,
                              complaints: complaints ?? "", supportServices: support)
        guard reader.errors.isEmpty else { throw CaseFileErrors(reader.errors) }
        return service
    }
}

/// Reading and parsing YAML files with positioned errors.
enum YAMLFile {
    static func read(_ path: String) throws(CaseFileErrors) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CaseFileErrors([CaseFileError(file: path, line: 0, column: 0,
                                                message: "cannot read the file; check the path")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CaseFileErrors([CaseFileError(file: path, line: 0, column: 0,
                                                message: "not valid UTF-8; save the file as UTF-8")])
        }
        return text
    }

    static func compose(_ text: String, file: String) throws(CaseFileErrors) -> Yams.Node? {
        let composable: String
        do {
            composable = try DataFile.composable(text, file: file)
        } catch {
            throw CaseFileErrors([CaseFileError(file: file, line: error.line, column: error.column, message: error.message)])
        }
        do {
            return try Yams.compose(yaml: composable)
        } catch {
            // DataFile turns libyaml's errors into positioned messages.
            do {
                _ = try DataFile.parse(text, file: file)
            } catch let dataError {
                throw CaseFileErrors([CaseFileError(file: file, line: dataError.line, column: dataError.column,
                                                    message: dataError.message)])
            }
            throw CaseFileErrors([CaseFileError(file: file, line: 0, column: 0, message: "not valid YAML or JSON")])
        }
    }
}

/// Builds a ``Case`` from the YAML tree, checking references between its parts.
struct CaseLoader {
    var reader: NodeReader
    private var participantIDs: [String] = []
    private var deferredAudiences: [([(String, SourceLocation)], String)] = []
    /// Each `parent_carer_of`, checked once every participant's id is known.
    private var deferredParents: [(String, SourceLocation, String)] = []
    /// Words a recipient or copy may be instead of a participant id.
    private static let groupWords: Set<String> = ["community", "service", "referrer", "court", "police"]

    init(reader: NodeReader) { self.reader = reader }

    mutating func load(_ root: Yams.Node?) -> Case? {
        let keys = ["reference", "referral", "incident", "participants", "facilitators", "process", "risk", "agreement",
                    "information", "protect", "closure"]
        // The service file given where a case file was meant: say so once, rather than a dozen unknown keys.
        if case .mapping(let mapping)? = root {
            let names = Set(mapping.keys.compactMap(\.string))
            if !names.contains("reference") && names.contains("name") && (names.contains("complaints") || names.contains("retention")) {
                reader.report("this is the service file (name, retention, complaints), not a case file; name a case file, such as one with reference: and participants:",
                              at: SourceLocation(line: 1, column: 1))
                return nil
            }
        }
        guard let root, let map = reader.mapping(root, name: "the case file", keys: keys) else {
            reader.report("the case file is empty; start with reference:, incident: and participants:", at: .unknown)
            return nil
        }
        let reference = reader.string(map, "reference", required: true, hint: "add the case reference, like reference: NRJ-2026-0142")
        let participants = loadParticipants(map)
        participantIDs = participants.map(\.id)
        // Ids are known now; check the references in the participants themselves.
        for (audiences, name) in deferredAudiences { checkAudiences(audiences, key: "name_shared_with", in: name) }
        for (id, location, name) in deferredParents { checkParticipant(id, at: location, key: "parent_carer_of", in: name) }
        let incident = loadIncident(map)
        let facilitators = loadFacilitators(map)
        let process = loadProcess(map)
        let risk = map.values["risk"].flatMap { loadRisk($0) }
        let agreement = map.values["agreement"].flatMap { loadAgreement($0) }
        let information = loadInformation(map)
        let referral = loadReferral(map)
        var loaded = Case(file: reader.file, reference: reference ?? "", referral: referral, incident: incident,
                          participants: participants, facilitators: facilitators, process: process, risk: risk,
                          agreement: agreement, information: information)
        if let protect = reader.mapping(map.values["protect"], name: "protect", keys: ["names", "places"]) {
            loaded.protectedNames = reader.strings(protect, "names").map(\.0)
            loaded.protectedPlaces = reader.strings(protect, "places").map(\.0)
        }
        if let closure = reader.mapping(map.values["closure"], name: "the closure", keys: ["date", "reason", "note"]) {
            loaded.closure = Closure(date: reader.date(closure, "date", required: true),
                                     reason: reader.choice(closure, "reason", required: true),
                                     note: reader.string(closure, "note"), location: closure.location)
        }
        return loaded
    }

    // MARK: Parts

    private mutating func loadReferral(_ map: NodeReader.Mapping) -> Referral? {
        guard let item = reader.mapping(map.values["referral"], name: "referral",
                                        keys: ["source", "date", "context", "first_contact"]) else {
            return nil
        }
        return Referral(source: reader.string(item, "source", required: true) ?? "", date: reader.date(item, "date"),
                        context: reader.choice(item, "context"), firstContact: reader.date(item, "first_contact"),
                        location: item.location)
    }

    private mutating func loadIncident(_ map: NodeReader.Mapping) -> Incident {
        guard let item = reader.mapping(map.values["incident"], name: "incident", keys: ["kind", "date", "summary"]) else {
            reader.report("the case file has no 'incident'; add its kind and date", at: map.location)
            return Incident(kind: "", date: nil, summary: nil)
        }
        return Incident(kind: reader.string(item, "kind", required: true) ?? "", date: reader.date(item, "date"),
                        summary: reader.string(item, "summary"))
    }

    static let participantKeys = ["id", "role", "name", "address_as", "pronouns", "language", "access_needs", "age",
                                  "contact", "consent", "name_shared_with", "feedback", "parent_carer_of"]

    private mutating func loadParticipants(_ map: NodeReader.Mapping) -> [Participant] {
        var result: [Participant] = []
        let nodes = reader.list(map, "participants")
        if nodes.isEmpty { reader.report("the case file has no participants", at: reader.location(of: "participants", in: map)) }
        for (index, node) in nodes.enumerated() {
            let name = "participant \(index + 1)"
            guard let item = reader.mapping(node, name: name, keys: Self.participantKeys) else { continue }
            guard let id = reader.string(item, "id", required: true, hint: "give each participant a short id, like id: margaret") else {
                continue
            }
            if result.contains(where: { $0.id == id }) {
                reader.report("two participants have the id '\(id)'; give each a different id", at: reader.location(item.values["id"]))
            }
            let role: Participant.Role? = reader.choice(item, "role", required: true)
            let fullName = reader.string(item, "name", required: true) ?? ""
            var needs: [AccessNeed] = []
            for (text, location) in reader.strings(item, "access_needs") {
                if let need: AccessNeed = reader.choice(text, at: location, key: "access_needs", in: name) { needs.append(need) }
            }
            var consent: Consent?
            if let consentMap = reader.mapping(item.values["consent"], name: "the consent of \(id)", keys: ["given", "date"]) {
                consent = Consent(given: reader.bool(consentMap, "given") ?? false, date: reader.date(consentMap, "date"))
            }
            let age = reader.number(item, "age").map { Int($0) }
            let parentOf = reader.string(item, "parent_carer_of")
            if let parentOf {
                deferredParents.append((parentOf, reader.location(item.values["parent_carer_of"]), name))
                if role != nil && role != .parentCarer {
                    reader.report("'parent_carer_of' is for a participant whose role is parent-carer; \(id)'s role is \(role!.rawValue)",
                                  at: reader.location(item.values["parent_carer_of"]))
                }
            }
            var shared: [Audience]?
            if item.values["name_shared_with"] != nil {
                let entries = reader.strings(item, "name_shared_with")
                deferredAudiences.append((entries, name))
                shared = entries.map { Audience($0.0) }
            }
            result.append(Participant(
                id: id, role: role ?? .supporter, name: fullName,
                addressAs: reader.string(item, "address_as") ?? fullName, pronouns: reader.string(item, "pronouns"),
                language: reader.string(item, "language") ?? "en", accessNeeds: needs, age: age,
                contact: reader.string(item, "contact"), consent: consent, nameSharedWith: shared,
                feedback: loadFeedback(item, of: id), parentCarerOf: parentOf, location: item.location))
        }
        return result
    }

    private mutating func loadFeedback(_ item: NodeReader.Mapping, of id: String) -> Feedback? {
        guard let map = reader.mapping(item.values["feedback"], name: "the feedback of \(id)",
                                       keys: ["date", "satisfaction", "would_recommend", "felt_safe", "comments"]) else { return nil }
        var satisfaction: Int?
        if let number = reader.number(map, "satisfaction") {
            if [1.0, 2, 3, 4, 5].contains(number) {
                satisfaction = Int(number)
            } else {
                reader.report("'satisfaction' in the feedback of \(id) should be 1 (very unhappy) to 5 (very happy)",
                              at: reader.location(map.values["satisfaction"]))
            }
        }
        return Feedback(date: reader.date(map, "date"), satisfaction: satisfaction,
                        wouldRecommend: reader.bool(map, "would_recommend"), feltSafe: reader.bool(map, "felt_safe"),
                        comments: reader.string(map, "comments"), location: map.location)
    }

    private mutating func loadFacilitators(_ map: NodeReader.Mapping) -> [Facilitator] {
        reader.list(map, "facilitators").enumerated().compactMap { index, node in
            guard let item = reader.mapping(node, name: "facilitator \(index + 1)", keys: ["name", "role", "sensitive_complex"]),
                  let name = reader.string(item, "name", required: true)
            else { return nil }
            let role: Facilitator.Role? = reader.choice(item, "role", required: true)
            return Facilitator(name: name, role: role ?? .lead, sensitiveComplex: reader.bool(item, "sensitive_complex") ?? false)
        }
    }

    private mutating func loadProcess(_ map: NodeReader.Mapping) -> Process {
        guard let item = reader.mapping(map.values["process"], name: "process", keys: ["kind", "steps", "meeting"]) else {
            reader.report("the case file has no 'process'; add process: kind: face-to-face, shuttle, letters, video or phone",
                          at: map.location)
            return Process(kind: .faceToFace, steps: [], meeting: nil)
        }
        let kind: Process.Kind? = reader.choice(item, "kind", required: true)
        var steps: [Process.Step] = []
        for (index, node) in reader.list(item, "steps").enumerated() {
            guard let step = reader.mapping(node, name: "step \(index + 1)", keys: ["what", "date", "with"]) else { continue }
            steps.append(Process.Step(what: reader.string(step, "what", required: true) ?? "", date: reader.date(step, "date"),
                                      with: participantReferences(step, "with")))
        }
        var meeting: Process.Meeting?
        if let meetingMap = reader.mapping(item.values["meeting"], name: "the meeting", keys: ["date", "time", "place"]),
           let date = reader.date(meetingMap, "date", required: true) {
            meeting = Process.Meeting(date: date, time: reader.string(meetingMap, "time"),
                                      place: reader.string(meetingMap, "place"), location: meetingMap.location)
        }
        return Process(kind: kind ?? .faceToFace, steps: steps, meeting: meeting)
    }

    private mutating func loadRisk(_ node: Yams.Node) -> RiskAssessment? {
        let keys = ["assessed_by", "date", "factors", "sensitive_complex", "measures", "communication", "decision",
                    "reassessments"]
        guard let item = reader.mapping(node, name: "the risk assessment", keys: keys) else { return nil }
        var factors: [RiskAssessment.Factor: RiskAssessment.Assessment] = [:]
        let factorNames = RiskAssessment.Factor.allCases.map(\.rawValue)
        if let factorMap = reader.mapping(item.values["factors"], name: "the risk factors", keys: factorNames) {
            for factor in RiskAssessment.Factor.allCases {
                guard let assessment = reader.mapping(factorMap.values[factor.rawValue], name: "the factor '\(factor.rawValue)'",
                                                      keys: ["rating", "notes"]) else { continue }
                if let rating: RiskAssessment.Rating = reader.choice(assessment, "rating", required: true) {
                    factors[factor] = RiskAssessment.Assessment(rating: rating, notes: reader.string(assessment, "notes"))
                }
            }
        }
        var indicators: [RiskAssessment.SensitiveComplexIndicator] = []
        var formal = false
        if let sc = reader.mapping(item.values["sensitive_complex"], name: "sensitive_complex",
                                   keys: ["indicators", "formal_assessment"]) {
            for (text, location) in reader.strings(sc, "indicators") {
                if let indicator: RiskAssessment.SensitiveComplexIndicator =
                    reader.choice(text, at: location, key: "indicators", in: "sensitive_complex") {
                    indicators.append(indicator)
                }
            }
            formal = reader.bool(sc, "formal_assessment") ?? false
        }
        var reassessments: [RiskAssessment.Reassessment] = []
        for (index, node) in reader.list(item, "reassessments").enumerated() {
            guard let entry = reader.mapping(node, name: "reassessment \(index + 1)", keys: ["date", "notes", "decision"])
            else { continue }
            reassessments.append(RiskAssessment.Reassessment(
                date: reader.date(entry, "date"), notes: reader.string(entry, "notes") ?? "",
                decision: reader.choice(entry, "decision"), location: entry.location))
        }
        return RiskAssessment(
            assessedBy: reader.string(item, "assessed_by"), date: reader.date(item, "date"), factors: factors,
            sensitiveComplexIndicators: indicators, formalWrittenAssessment: formal,
            measures: reader.strings(item, "measures").map(\.0), communication: reader.choice(item, "communication"),
            decision: reader.choice(item, "decision"), reassessments: reassessments, location: item.location)
    }

    private mutating func loadAgreement(_ node: Yams.Node) -> OutcomeAgreement? {
        let keys = ["date", "binding", "consequences", "health_and_safety", "actions", "money", "signatories", "copies"]
        guard let item = reader.mapping(node, name: "the agreement", keys: keys) else { return nil }
        var actions: [OutcomeAgreement.Action] = []
        let actionKeys = ["description", "responsible", "recipient", "recipient_agreed", "due", "schedule", "monitor",
                          "support", "needs_support", "practical", "progress", "decision"]
        for (index, node) in reader.list(item, "actions").enumerated() {
            let name = "action \(index + 1)"
            guard let action = reader.mapping(node, name: name, keys: actionKeys) else { continue }
            var progress: [OutcomeAgreement.Progress] = []
            for (number, entry) in reader.list(action, "progress").enumerated() {
                guard let map = reader.mapping(entry, name: "progress \(number + 1) of \(name)", keys: ["date", "status", "note"])
                else { continue }
                let status: OutcomeAgreement.Progress.Status? = reader.choice(map, "status", required: true)
                progress.append(OutcomeAgreement.Progress(date: reader.date(map, "date"), status: status ?? .notStarted,
                                                          note: reader.string(map, "note")))
            }
            actions.append(OutcomeAgreement.Action(
                description: reader.string(action, "description") ?? "",
                responsible: participantReference(action, "responsible"),
                recipient: recipientReference(action, "recipient"),
                recipientAgreed: reader.bool(action, "recipient_agreed"),
                due: reader.date(action, "due"), schedule: reader.string(action, "schedule"),
                monitor: reader.string(action, "monitor"), support: reader.string(action, "support"),
                needsSupport: reader.bool(action, "needs_support") ?? false,
                practical: reader.bool(action, "practical") ?? false, progress: progress,
                decision: loadDecision(action, name: name), location: action.location))
        }
        var money: [OutcomeAgreement.Payment] = []
        for (index, node) in reader.list(item, "money").enumerated() {
            guard let map = reader.mapping(node, name: "payment \(index + 1)",
                                           keys: ["amount", "payer", "payee", "method", "witness"]) else { continue }
            money.append(OutcomeAgreement.Payment(
                amount: reader.number(map, "amount", required: true) ?? 0, payer: participantReference(map, "payer"),
                payee: recipientReference(map, "payee"), method: reader.string(map, "method"),
                witness: reader.string(map, "witness"), location: map.location))
        }
        return OutcomeAgreement(
            date: reader.date(item, "date"), binding: reader.choice(item, "binding"),
            consequences: reader.string(item, "consequences"), healthAndSafety: reader.string(item, "health_and_safety"),
            actions: actions, money: money, signatories: participantReferences(item, "signatories"),
            copies: reader.strings(item, "copies").map { text, location in
                checkRecipient(text, at: location, key: "copies", in: "the agreement")
                return text
            },
            location: item.location)
    }

    private mutating func loadDecision(_ action: NodeReader.Mapping, name: String) -> OutcomeAgreement.Decision? {
        guard let map = reader.mapping(action.values["decision"], name: "the decision on \(name)",
                                       keys: ["kind", "date", "terms", "due", "reason"]) else { return nil }
        let kind: OutcomeAgreement.Decision.Kind? = reader.choice(map, "kind", required: true)
        guard let kind else { return nil }
        return OutcomeAgreement.Decision(kind: kind, date: reader.date(map, "date"), terms: reader.string(map, "terms"),
                                         due: reader.date(map, "due"), reason: reader.string(map, "reason"),
                                         location: map.location)
    }

    private mutating func loadInformation(_ map: NodeReader.Mapping) -> [InformationItem] {
        reader.list(map, "information").enumerated().compactMap { index, node in
            guard let item = reader.mapping(node, name: "information item \(index + 1)",
                                            keys: ["id", "about", "text", "shared_with"]) else { return nil }
            let entries = reader.strings(item, "shared_with")
            checkAudiences(entries, key: "shared_with", in: item.name)
            let audiences = entries.map { Audience($0.0) }
            return InformationItem(id: reader.string(item, "id") ?? "item-\(index + 1)",
                                   about: participantReference(item, "about"),
                                   text: reader.string(item, "text", required: true) ?? "", sharedWith: audiences,
                                   location: item.location)
        }
    }

    // MARK: References

    private mutating func participantReference(_ map: NodeReader.Mapping, _ key: String) -> String? {
        guard let id = reader.string(map, key) else { return nil }
        checkParticipant(id, at: reader.location(map.values[key]), key: key, in: map.name)
        return id
    }

    private mutating func participantReferences(_ map: NodeReader.Mapping, _ key: String) -> [String] {
        reader.strings(map, key).map { id, location in
            checkParticipant(id, at: location, key: key, in: map.name)
            return id
        }
    }

    private mutating func recipientReference(_ map: NodeReader.Mapping, _ key: String) -> String? {
        guard let text = reader.string(map, key) else { return nil }
        checkRecipient(text, at: reader.location(map.values[key]), key: key, in: map.name)
        return text
    }

    /// A recipient is a participant id, or a description with spaces ("the
    /// community"); a single lower-case word that is no participant is a typo.
    private mutating func checkRecipient(_ text: String, at location: SourceLocation, key: String, in name: String) {
        let looksLikeID = !text.contains(" ") && text == text.lowercased()
        if looksLikeID && !Self.groupWords.contains(text) { checkParticipant(text, at: location, key: key, in: name) }
    }

    private mutating func checkParticipant(_ id: String, at location: SourceLocation, key: String, in name: String) {
        guard !participantIDs.contains(id) else { return }
        let hint = Suggestions.closest(to: id, in: participantIDs).map { " (did you mean '\($0)'?)" } ?? ""
        reader.report("'\(key)' in \(name) is '\(id)', but no participant has that id\(hint)", at: location)
    }

    private mutating func checkAudiences(_ entries: [(String, SourceLocation)], key: String, in name: String) {
        for (text, location) in entries {
            if case .participant(let id) = Audience(text) { checkParticipant(id, at: location, key: key, in: name) }
        }
    }
}
