import ArgumentParser
import Desk
import Foundation
import LetterReview

extension RJ {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the review desk: the letter queue, letters and cases in a browser, for the service's staff.",
            discussion: """
                Staff sign in with their staff id and the password set by rj staff password. \
                Every page and action checks their role, as the command line does, and every \
                letter read or changed is on the audit trail.

                It listens on 127.0.0.1 unless --host says otherwise. To reach it from other \
                machines, put it behind a web server that terminates TLS (nginx, Caddy) and \
                pass --tls-proxy, so that its cookies are sent over HTTPS only.

                Example:
                  rj serve --store northfield.sqlite --cases Examples/cases
                  rj serve --store postgres://rj_app@db.internal/rj --key-file /etc/rj/service.key
                """)
        @Option(help: ArgumentHelp("The letter store: a SQLite file, or postgres://USER@HOST[:PORT]/DB (default: $RJ_STORE, else rj.sqlite in this folder).",
                                   valueName: "path-or-url"))
        var store: String?
        @Option(help: ArgumentHelp("The store's key file (default: $RJ_KEY_FILE, else, for a file, the store's path with .key added).",
                                   valueName: "path"))
        var keyFile: String?
        @Option(help: ArgumentHelp("A folder of case files, shown at /cases.", valueName: "folder")) var cases: String?
        @Option(help: ArgumentHelp("The address to listen on.", valueName: "host")) var host = "127.0.0.1"
        @Option(help: ArgumentHelp("The port to listen on.", valueName: "port")) var port = 8080
        @Flag(help: "The desk is reached through a proxy that terminates TLS: cookies are marked Secure.") var tlsProxy = false

        func run() async throws {
            try await reportingFailuresAsync {
                var options = StoreOptions()
                options.store = store
                options.keyFile = keyFile
                let queue = try options.open()
                if let cases, !FileManager.default.fileExists(atPath: cases) {
                    throw CommandFailure(file: cases, message: "no such folder", hint: "name the folder of case files")
                }
                let desk: Desk
                do {
                    desk = try Desk(queue: queue, settings: .init(cases: cases.map { URL(fileURLWithPath: $0) },
                                                                  secureCookies: tlsProxy,
                                                                  today: StoreOptions.environment("RJ_TODAY")))
                } catch {
                    throw CommandFailure(message: "\(error)", exitCode: ExitStatus.storeUnusable)
                }
                let app = desk.application(host: host, port: port) { port in
                    Terminal.output("the review desk is at http://\(host == "0.0.0.0" ? "127.0.0.1" : host):\(port)/ (Ctrl-C stops it)\n")
                }
                try await app.runService()
            }
        }
    }
}
