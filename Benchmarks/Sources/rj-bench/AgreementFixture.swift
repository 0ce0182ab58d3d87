import Templating

/// A realistic outcome agreement: six actions in a loop, a partial per
/// signatory, about twenty values, about 3 KB of Markdown out. The same
/// document as an rj template (filters, loop variables) and as a plain
/// Mustache template for swift-mustache (dates and money formatted in the data).
enum AgreementFixture {
    static let rjTemplate = """
        ---
        title: Outcome agreement
        kind: outcome-agreement
        audience: all-parties
        ---
        # Outcome agreement

        **Case:** {{case.reference}} · **Service:** {{service.name}}
        **Meeting:** {{meeting.kind}} on {{ meeting.date | date }} at {{meeting.place}}
        **Facilitators:** {{ facilitators | join }}

        This agreement was made freely by everyone who signs it. Each person took part \
        because they chose to, and each action below was agreed by the people it concerns.

        ## What has been agreed

        {{#actions}}
        ### Action {{@number}}: {{title}}

        - **What:** {{description}}
        - **Who will do it:** {{responsible}}
        - **For:** {{recipient}}
        - **By when:** {{ due | date }}
        - **Checked by:** {{monitor}}
        {{#support}}
        - **Support:** {{support}}
        {{/support}}

        {{/actions}}
        ## Money

        {{responsible_name}} will pay {{ money.amount | money }} to {{money.recipient}} by {{money.method}}. \
        Each payment is recorded on a receipt and witnessed by {{money.witness}}.

        ## Is this agreement binding?

        {{binding_statement}}

        ## If an action is not done

        {{consequences}}

        ## Who gets a copy

        A copy goes to {{ copies | join }}. The service keeps its copy for {{retention}}.

        ## Signatures

        {{#signatories}}
        {{> signatory}}
        {{/signatories}}
        Facilitator: {{lead_facilitator}}

        Signature: ______________________  Date: ____________
        """

    static let rjSignatory = """
        **{{name}}** ({{role}})

        Signature: ______________________  Date: ____________

        """

    static let mustacheTemplate = """
        # Outcome agreement

        **Case:** {{case.reference}} · **Service:** {{service.name}}
        **Meeting:** {{meeting.kind}} on {{meeting.date}} at {{meeting.place}}
        **Facilitators:** {{facilitators_joined}}

        This agreement was made freely by everyone who signs it. Each person took part \
        because they chose to, and each action below was agreed by the people it concerns.

        ## What has been agreed

        {{#actions}}
        ### Action {{number}}: {{title}}

        - **What:** {{description}}
        - **Who will do it:** {{responsible}}
        - **For:** {{recipient}}
        - **By when:** {{due}}
        - **Checked by:** {{monitor}}
        {{#support}}
        - **Support:** {{support}}
        {{/support}}

        {{/actions}}
        ## Money

        {{responsible_name}} will pay {{money.amount}} to {{money.recipient}} by {{money.method}}. \
        Each payment is recorded on a receipt and witnessed by {{money.witness}}.

        ## Is this agreement binding?

        {{binding_statement}}

        ## If an action is not done

        {{consequences}}

        ## Who gets a copy

        A copy goes to {{copies_joined}}. The service keeps its copy for {{retention}}.

        ## Signatures

        {{#signatories}}
        {{> signatory}}
        {{/signatories}}
        Facilitator: {{lead_facilitator}}

        Signature: ______________________  Date: ____________
        """

    static let mustacheSignatory = rjSignatory

    static let actionTitles = ["Letter of apology", "Repair the fence", "Victim awareness course",
                               "Community reparation", "Return the bicycle", "Review meeting"]

    /// The case data as rj's typed values.
    static func rjData(variant: Int = 0) -> TemplateValue {
        let actions: [TemplateValue] = actionTitles.enumerated().map { index, title in
            [
                "title": .string(title),
                "description": .string("\(title): agreed in detail at the meeting, with what counts as done (case \(variant))."),
                "responsible": "Daniel Price",
                "recipient": index % 2 == 0 ? "Margaret Ellis" : "the community",
                "due": .date(CalendarDate(year: 2026, month: 4 + index % 6, day: 10 + index)!),
                "monitor": "Priya Shah (youth offending service)",
                "support": index % 3 == 0 ? "Tom Price (father)" : nil,
            ]
        }
        return [
            "case": ["reference": .string("NRJ-2026-\(1000 + variant)")],
            "service": ["name": "Northfield Restorative Justice Service"],
            "meeting": ["kind": "a face-to-face meeting", "date": .date(CalendarDate(year: 2026, month: 3, day: 14)!),
                        "place": "Northfield Community Centre"],
            "facilitators": ["Amira Hussain", "Joe Carter"],
            "actions": .list(actions),
            "responsible_name": "Daniel Price",
            "money": ["amount": 150, "recipient": "Margaret Ellis", "method": "three monthly payments",
                      "witness": "Amira Hussain"],
            "binding_statement": "This agreement is voluntary. It is not a court order, and nobody can be punished for not keeping it.",
            "consequences": "If an action is not done, the facilitator will talk with everyone about why and agree what happens next.",
            "copies": ["Margaret Ellis", "Daniel Price", "Tom Price", "the referring officer"],
            "retention": "six years",
            "signatories": [
                ["name": "Margaret Ellis", "role": "person harmed"],
                ["name": "Daniel Price", "role": "person responsible"],
                ["name": "Tom Price", "role": "supporter"],
            ],
            "lead_facilitator": "Amira Hussain",
        ]
    }

    /// The same data as swift-mustache takes it: dictionaries of `Any`, with
    /// dates, money, numbers and lists formatted beforehand.
    static func mustacheData(variant: Int = 0) -> [String: Any] {
        let actions: [[String: Any]] = actionTitles.enumerated().map { index, title in
            var action: [String: Any] = [
                "number": index + 1,
                "title": title,
                "description": "\(title): agreed in detail at the meeting, with what counts as done (case \(variant)).",
                "responsible": "Daniel Price",
                "recipient": index % 2 == 0 ? "Margaret Ellis" : "the community",
                "due": "\(10 + index) \(["April", "May", "June", "July", "August", "September"][index % 6]) 2026",
                "monitor": "Priya Shah (youth offending service)",
            ]
            if index % 3 == 0 { action["support"] = "Tom Price (father)" }
            return action
        }
        return [
            "case": ["reference": "NRJ-2026-\(1000 + variant)"],
            "service": ["name": "Northfield Restorative Justice Service"],
            "meeting": ["kind": "a face-to-face meeting", "date": "14 March 2026", "place": "Northfield Community Centre"],
            "facilitators_joined": "Amira Hussain and Joe Carter",
            "actions": actions,
            "responsible_name": "Daniel Price",
            "money": ["amount": "£150.00", "recipient": "Margaret Ellis", "method": "three monthly payments",
                      "witness": "Amira Hussain"],
            "binding_statement": "This agreement is voluntary. It is not a court order, and nobody can be punished for not keeping it.",
            "consequences": "If an action is not done, the facilitator will talk with everyone about why and agree what happens next.",
            "copies_joined": "Margaret Ellis, Daniel Price, Tom Price and the referring officer",
            "retention": "six years",
            "signatories": [
                ["name": "Margaret Ellis", "role": "person harmed"],
                ["name": "Daniel Price", "role": "person responsible"],
                ["name": "Tom Price", "role": "supporter"],
            ],
            "lead_facilitator": "Amira Hussain",
        ]
    }
}
