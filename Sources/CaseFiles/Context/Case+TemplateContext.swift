import Templating

extension Case {
    /// The values a template sees when it renders this case for `audience`.
    ///
    /// Every value the audience may not see is `.withheld`, so that a template
    /// that shows it fails (or, redacting, prints a placeholder), and lists of
    /// shared items hold only what the audience may see (§3d.4, footnote 15):
    /// - all parties: the service, the case reference, the incident's kind and
    ///   date, the process, the meeting, the facilitators and the agreement;
    /// - each participant, besides: their own details (language, access needs,
    ///   contact, consent) and what information items share with them;
    /// - only the service (`internal`): the referral, the incident summary, the
    ///   risk assessment, and whatever was shared with no one.
    /// A participant's name reaches others only as `name_shared_with` allows,
    /// in free text too: a description, a note or an information item that
    /// names someone the audience may not know is withheld whole, or, with
    /// `redactingNames`, shown with each such name as `[withheld]`.
    public func templateContext(for audience: Audience, service: Service, today: CalendarDate,
                                redactingNames: Bool = false) -> TemplateValue {
        ContextBuilder(case: self, audience: audience, redactingNames: redactingNames).build(service: service, today: today)
    }

    /// The participants whose names `audience` may not know.
    public func namesWithheld(from audience: Audience) -> [Participant] {
        participants.filter { !$0.nameVisibility.allows(audience) }
    }
}

private struct ContextBuilder {
    let `case`: Case
    let audience: Audience

    /// Names the audience may not know, as free text would write them.
    let hidden: NameMentions
    let redactingNames: Bool

    init(case: Case, audience: Audience, redactingNames: Bool) {
        self.case = `case`
        self.audience = audience
        self.redactingNames = redactingNames
        let withheld = `case`.namesWithheld(from: audience)
        hidden = NameMentions(withheld, besides: `case`.participants.filter { participant in !withheld.contains { $0.id == participant.id } })
    }

    /// Free text written for others: withheld (or its hidden names redacted)
    /// when it names someone the audience may not know.
    func text(_ text: String?) -> TemplateValue {
        guard let text else { return .null }
        guard !hidden.isEmpty, hidden.mentioned(in: text) else { return .string(text) }
        return redactingNames ? .string(hidden.redacted(text)) : .withheld
    }

    var isInternal: Bool { audience == .internal }

    func reveal(_ value: TemplateValue, to visibility: Visibility) -> TemplateValue {
        visibility.allows(audience) ? value : .withheld
    }

    func optional(_ text: String?) -> TemplateValue { text.map { .string($0) } ?? .null }
    func optional(_ date: CalendarDate?) -> TemplateValue { date.map { .date($0) } ?? .null }

    func build(service: Service, today: CalendarDate) -> TemplateValue {
        let reader: TemplateValue
        if case .participant(let id) = audience, let participant = `case`.participant(id) {
            reader = participantValue(participant)
        } else {
            reader = .null
        }
        let participants = `case`.participants.map(participantValue)
        func group(_ role: Participant.Role) -> TemplateValue {
            .list(`case`.participants.filter { $0.role == role }.map(participantValue))
        }
        let lead = `case`.facilitators.first { $0.role == .lead }
        return .map([
            "today": .date(today),
            "audience": .string(audience.description),
            "for_internal": .bool(isInternal),
            "reader": reader,
            "service": serviceValue(service),
            "case": ["reference": .string(`case`.reference)],
            "referral": reveal(referralValue, to: .serviceOnly),
            "incident": [
                "kind": .string(`case`.incident.kind),
                "date": optional(`case`.incident.date),
                "summary": reveal(optional(`case`.incident.summary), to: .serviceOnly),
            ],
            "participants": .list(participants),
            "harmed": group(.harmed),
            "responsible": group(.responsible),
            "supporters": group(.supporter),
            "parents_carers": group(.parentCarer),
            "facilitators": .list(`case`.facilitators.map(facilitatorValue)),
            "lead_facilitator": lead.map(facilitatorValue) ?? .null,
            "process": processValue,
            "sensitive_complex": reveal(.bool(`case`.isSensitiveAndComplex), to: .serviceOnly),
            "risk": reveal(riskValue, to: .serviceOnly),
            "agreement": agreementValue,
            "information": .list(informationValues),
            "closure": closureValue,
        ])
    }

    // MARK: People

    func nameVisibility(_ participant: Participant) -> Visibility { participant.nameVisibility }

    func participantValue(_ participant: Participant) -> TemplateValue {
        let own = Visibility.only([participant.id])
        let nameVisible = nameVisibility(participant)
        return .map([
            "id": .string(participant.id),
            "role": .string(participant.role.rawValue),
            "role_label": .string(participant.role.label),
            "name": reveal(.string(participant.name), to: nameVisible),
            "address_as": reveal(.string(participant.addressAs), to: nameVisible),
            "pronouns": optional(participant.pronouns),
            "language": reveal(.string(participant.language), to: own),
            // rj's documents are English: a reader of another language is told an interpreter or translation will be arranged.
            "language_supported": reveal(.bool(Languages.hasDocuments(in: participant.language)), to: own),
            "language_name": reveal(.string(Languages.name(participant.language) ?? participant.language), to: own),
            "language_line": reveal(Languages.arrangementLine(participant.language).map { .string($0) } ?? .null, to: own),
            "access_needs": reveal(.list(participant.accessNeeds.map { .string($0.rawValue) }), to: own),
            "large_print": reveal(.bool(participant.needsLargePrint), to: own),
            "easy_read": reveal(.bool(participant.accessNeeds.contains(.easyRead)), to: own),
            "interpreter": reveal(.bool(participant.accessNeeds.contains(.interpreter)), to: own),
            "age": reveal(participant.age.map { .int($0) } ?? .null, to: own),
            "is_young": reveal(.bool((participant.age ?? 99) < 18), to: own),
            "contact": reveal(optional(participant.contact), to: own),
            "consent": reveal(participant.consent.map {
                ["given": .bool($0.given), "date": optional($0.date)]
            } ?? .null, to: own),
            "is_reader": .bool(audience == .participant(participant.id)),
            // A young person's parents or carers taking part, for the consent form's signature lines.
            "parents_carers": .list(`case`.parentsCarers(of: participant.id).map { parent in
                ["name": reveal(.string(parent.name), to: nameVisibility(parent)), "role_label": .string(parent.role.label)]
            }),
        ])
    }

    /// A participant's name as this audience may see it, or the text itself
    /// when the reference is a description such as "the community".
    func displayName(_ reference: String?) -> TemplateValue {
        guard let reference else { return .null }
        guard let participant = `case`.participant(reference) else {
            // The words a case file uses for those who are not participants read as a sentence would say them.
            let groups = ["community": "the community", "service": "the service", "referrer": "the referrer",
                          "court": "the court", "police": "the police"]
            return .string(groups[reference] ?? reference)
        }
        return reveal(.string(participant.name), to: nameVisibility(participant))
    }

    func facilitatorValue(_ facilitator: Facilitator) -> TemplateValue {
        [
            "name": .string(facilitator.name),
            "role": .string(facilitator.role.rawValue),
            "role_label": .string(facilitator.role.label),
            "sensitive_complex": .bool(facilitator.sensitiveComplex),
        ]
    }

    func serviceValue(_ service: Service) -> TemplateValue {
        [
            "name": .string(service.name),
            "phone": optional(service.phone),
            "email": optional(service.email),
            "address": optional(service.address),
            "retention": .string(service.retention),
            "retention_years": service.retentionYears.map { .int($0) } ?? .null,
            "complaints": .string(service.complaints),
            "support_services": .list(service.supportServices.map {
                ["name": .string($0.name), "phone": optional($0.phone), "website": optional($0.website),
                 "description": optional($0.description)]
            }),
        ]
    }

    // MARK: The case

    var referralValue: TemplateValue {
        guard let referral = `case`.referral else { return .null }
        return [
            "source": .string(referral.source),
            "date": optional(referral.date),
            "context": optional(referral.context?.rawValue),
            "context_label": optional(referral.context?.label),
        ]
    }

    var processValue: TemplateValue {
        let process = `case`.process
        let steps: [TemplateValue] = process.steps.compactMap { step in
            let visible = isInternal || step.with.contains { audience == .participant($0) }
            guard visible else { return nil }
            return ["what": text(step.what), "date": optional(step.date)]
        }
        return [
            "kind": .string(process.kind.rawValue),
            "label": .string(process.kind.label),
            "label_cy": .string(process.kind.welshLabel),
            "is_direct": .bool(process.kind.isDirect),
            "is_letters": .bool(process.kind == .letters),
            "is_face_to_face": .bool(process.kind == .faceToFace),
            "is_shuttle": .bool(process.kind == .shuttle),
            "steps": .list(steps),
            "meeting": process.meeting.map {
                ["date": .date($0.date), "time": optional($0.time), "place": text($0.place)]
            } ?? .null,
        ]
    }

    var riskValue: TemplateValue {
        guard let risk = `case`.risk else { return .null }
        let factors: [TemplateValue] = RiskAssessment.Factor.allCases.map { factor in
            let assessment = risk.factors[factor]
            return [
                "factor": .string(factor.rawValue),
                "label": .string(factor.label),
                "rating": optional(assessment?.rating.rawValue),
                "notes": optional(assessment?.notes),
                "assessed": .bool(assessment != nil),
            ]
        }
        return [
            "assessed_by": optional(risk.assessedBy),
            "date": optional(risk.date),
            "factors": .list(factors),
            "indicators": .list(risk.sensitiveComplexIndicators.map { .string($0.rawValue) }),
            "formal_assessment": .bool(risk.formalWrittenAssessment),
            "measures": .list(risk.measures.map { .string($0) }),
            "communication": optional(risk.communication?.label),
            "decision": optional(risk.decision?.rawValue),
            "decision_label": optional(risk.decision?.label),
            "reassessments": .list(risk.reassessments.map {
                ["date": optional($0.date), "notes": .string($0.notes), "decision_label": optional($0.decision?.label)]
            }),
        ]
    }

    var agreementValue: TemplateValue {
        guard let agreement = `case`.agreement else { return .null }
        let actions: [TemplateValue] = agreement.actions.map { action in
            [
                "description": text(action.description),
                "responsible_name": displayName(action.responsible),
                "recipient_name": displayName(action.recipient),
                "due": optional(action.due),
                "schedule": text(action.schedule),
                "monitor": text(action.monitor),
                "support": text(action.support),
                "progress": .list(action.progress.map {
                    ["date": optional($0.date), "status": .string($0.status.rawValue), "note": text($0.note)]
                }),
                "outcome": outcomeValue(action),
            ]
        }
        let money: [TemplateValue] = agreement.money.map { payment in
            [
                "amount": .double(payment.amount),
                "payer_name": displayName(payment.payer),
                "payee_name": displayName(payment.payee),
                "method": text(payment.method),
                "witness": text(payment.witness),
            ]
        }
        return [
            "date": optional(agreement.date),
            "binding": optional(agreement.binding?.rawValue),
            "is_binding": .bool(agreement.binding == .binding),
            "consequences": text(agreement.consequences),
            "health_and_safety": text(agreement.healthAndSafety),
            "actions": .list(actions),
            "money": .list(money),
            "signatories": .list(agreement.signatories.compactMap { `case`.participant($0) }.map(participantValue)),
            "copies": .list(agreement.copies.map { displayName($0) }),
        ]
    }

    /// How an action ended, as a closing letter tells it (DJ203 P14, P17):
    /// settled on the day the case closed, or on the day of the document.
    func outcomeValue(_ action: OutcomeAgreement.Action) -> TemplateValue {
        let day = `case`.closure?.date ?? .afterEverything
        let status = action.status(on: day)
        let decision = action.decision
        return [
            "standing": .string(status.standing.rawValue),
            "done": .bool(status.standing == .done || status.standing == .doneLate),
            "waived": .bool(status.standing == .waived),
            "not_completed": .bool(status.standing == .notCompleted),
            "unsettled": .bool(!status.standing.isSettled),
            "varied": .bool(decision?.kind == .varied),
            "varied_terms": text(decision?.kind == .varied ? decision?.terms : nil),
            "done_on": optional(status.doneOn),
            "due": optional(status.due),
            "reason": text(decision?.reason),
        ]
    }

    /// The end of the case: its date and reason for every party; the note
    /// for the service only.
    var closureValue: TemplateValue {
        guard let closure = `case`.closure else { return .null }
        let reason = closure.reason
        return [
            "date": optional(closure.date),
            "reason": optional(reason?.rawValue),
            "reason_label": optional(reason?.label),
            "is_completed": .bool(reason == .completed),
            // What the letter says was done follows the actions, not the reason typed.
            "all_done": .bool(`case`.agreement.map { agreement in
                agreement.actions.allSatisfy { [.done, .doneLate].contains($0.status(on: closure.date ?? .afterEverything).standing) }
            } ?? false),
            "is_partly_completed": .bool(reason == .partlyCompleted),
            "is_not_completed": .bool(reason == .notCompleted),
            "is_withdrawn": .bool(reason == .withdrawn),
            "is_not_suitable": .bool(reason == .notSuitable),
            "is_declined": .bool(reason == .declined),
            "note": reveal(optional(closure.note), to: .serviceOnly),
        ]
    }

    var informationValues: [TemplateValue] {
        `case`.information.compactMap { item in
            let visibility = Visibility(sharedWith: item.sharedWith, plus: item.about.map { [$0] } ?? [])
            guard visibility.allows(audience) else { return nil }
            return ["id": .string(item.id), "text": text(item.text), "about_name": displayName(item.about),
                    "about_reader": .bool(item.about.map { audience == .participant($0) } ?? false)]
        }
    }
}
