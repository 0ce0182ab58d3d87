import CaseFiles
import Documents
import Foundation
import Hummingbird
import LetterReview
import Templating

extension Desk {
    func addCases(to router: Router<BasicRequestContext>) {
        router.get("/cases") { request, _ -> Response in
            try await self.signedIn(request) { session in try self.casesPage(session) }
        }
        router.get("/cases/:reference/:document") { request, context -> Response in
            try await self.signedIn(request) { session in
                try self.document(context.parameters.get("reference") ?? "", context.parameters.get("document") ?? "",
                                  reader: nil, session: session)
            }
        }
        // A participant's pack by their place in the case file, so that no name or id is in the address.
        router.get("/cases/:reference/pack/:number") { request, context -> Response in
            try await self.signedIn(request) { session in
                try self.document(context.parameters.get("reference") ?? "", "pack",
                                  reader: context.parameters.get("number", as: Int.self), session: session)
            }
        }
    }

    /// The case files of `--cases`, each loaded (or its errors), by reference.
    func loadCases() -> (cases: [Case], problems: [String]) {
        guard let folder = settings.cases,
              let files = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return ([], []) }
        var cases: [Case] = [], problems: [String] = []
        for file in files.sorted() where ["yml", "yaml", "json"].contains((file as NSString).pathExtension) && file != "service.yml" {
            do {
                cases.append(try Case.load(path: folder.appendingPathComponent(file).path))
            } catch {
                problems.append("\(file): \(error.errors.count) problem\(error.errors.count == 1 ? "" : "s") in the file; rj check names them")
            }
        }
        return (cases, problems)
    }

    func casesPage(_ session: DeskSession) throws -> Response {
        guard Permissions.allows(session.member, to: .read) else {
            return try page("message", status: .forbidden, session: session, title: "Cases",
                            ["message": .string(LetterError.lacksRole(staff: session.member.id, action: .read,
                                                                      needs: Permissions.roles(for: .read)).description)])
        }
        let (cases, problems) = loadCases()
        let visible = cases.filter { !session.member.takesPart(in: $0) }
        let day = CalendarDate(iso: today)
        return try page("cases", session: session, title: "Cases", [
            "configured": .bool(settings.cases != nil),
            "problems": .list(problems.map { .string($0) }),
            "cases": .list(visible.map { loaded in
                let findings = GuidanceChecks.run(loaded, today: day)
                // Where each agreed action stands today, what to chase first (DJ203 P11, P15).
                let actions = day.map { ActionList.items([loaded], today: $0) } ?? []
                return [
                    "reference": .string(loaded.reference), "kind": .string(loaded.incident.kind),
                    "sensitive": .bool(loaded.isSensitiveAndComplex),
                    "checks": .string(findings.isEmpty ? "no problems found" : "\(findings.count) finding\(findings.count == 1 ? "" : "s")"),
                    "findings": .list(findings.map { .string("\($0.severity.rawValue): \($0.code) \($0.message) (\($0.reference))") }),
                    "has_agreement": .bool(loaded.agreement != nil),
                    "actions": .list(actions.map { item -> TemplateValue in
                        let status = item.status
                        var text = "Action \(item.number): \(status.standing.label)"
                        if let days = status.daysOverdue { text += " by \(days) day\(days == 1 ? "" : "s")" }
                        if let due = status.due { text += status.standing.isSettled ? "" : " (due \(due))" }
                        if let done = status.doneOn { text += " on \(done)" }
                        return ["text": .string(text), "chase": .bool(item.group == .chaseNow),
                                "description": .string(item.action.description)]
                    }),
                    "has_actions": .bool(!actions.isEmpty),
                    "to_chase": actions.contains { $0.group == .chaseNow }
                        ? .string("\(actions.filter { $0.group == .chaseNow }.count) to chase now") : .null,
                    "closure": loaded.closure.map { closure -> TemplateValue in
                        .string("Closed" + (closure.date.map { " on \($0)" } ?? "") + (closure.reason.map { ": \($0.label)" } ?? ""))
                    } ?? .null,
                    "participants": .list(loaded.participants.enumerated().map { index, participant -> TemplateValue in
                        ["number": .int(index + 1), "id": .string(participant.id), "role": .string(participant.role.label)]
                    }),
                ]
            }),
        ])
    }

    /// One of a case's documents as `rj render` or `rj pack` would make it.
    func document(_ reference: String, _ name: String, reader: Int?, session: DeskSession) throws -> Response {
        guard Permissions.allows(session.member, to: .read) else {
            return try page("message", status: .forbidden, session: session, title: "Cases",
                            ["message": .string(LetterError.lacksRole(staff: session.member.id, action: .read,
                                                                      needs: Permissions.roles(for: .read)).description)])
        }
        guard let folder = settings.cases, let loaded = loadCases().cases.first(where: { $0.reference == reference }),
              !session.member.takesPart(in: loaded) else {
            return try page("message", status: .notFound, session: session, title: "Cases", ["message": "No such case."])
        }
        do {
            let service = try Service.load(path: folder.appendingPathComponent("service.yml").path)
            let date = CalendarDate(iso: today)!
            let html: String
            if name == "pack", let reader, loaded.participants.indices.contains(reader - 1) {
                html = try DocumentRenderer(service: service, settings: .init(redact: true, today: date))
                    .pack(of: loaded, for: loaded.participants[reader - 1].id).print
            } else if let kind = DocumentKind(rawValue: name), kind == .outcomeAgreement || kind == .riskAssessment {
                let renderer = try DocumentRenderer(service: service, settings: .init(redact: true, draft: true, today: date))
                html = try renderer.render(kind, of: loaded, for: kind.isInternal ? .internal : .allParties, format: .html).output
            } else {
                return try page("message", status: .notFound, session: session, title: "Cases", ["message": "No such document."])
            }
            var response = Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                                    body: .init(byteBuffer: ByteBuffer(string: html)))
            response.headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
            return response
        } catch {
            return try page("message", status: .unprocessableContent, session: session, title: "Cases",
                            ["message": .string("This document cannot be made yet: \(error)")])
        }
    }
}
