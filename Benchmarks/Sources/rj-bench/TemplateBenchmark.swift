import CommonMark
import Mustache
import Templating

/// rj's template engine against swift-mustache on the same outcome agreement,
/// and cmark turning the result into HTML, in one run.
enum TemplateBenchmark {
    static func run() {
        let template: Templating.Template
        do {
            template = try Templating.Template(
                source: AgreementFixture.rjTemplate, name: "agreement.md",
                partials: InMemoryPartials(["signatory": AgreementFixture.rjSignatory]))
        } catch {
            fatalError("the benchmark template does not compile: \(error)")
        }
        let mustache: MustacheLibrary
        do {
            mustache = MustacheLibrary(templates: [
                "agreement": try MustacheTemplate(string: AgreementFixture.mustacheTemplate),
                "signatory": try MustacheTemplate(string: AgreementFixture.mustacheSignatory),
            ])
        } catch {
            fatalError("the swift-mustache template does not compile: \(error)")
        }
        let rjData = AgreementFixture.rjData()
        let mustacheData = AgreementFixture.mustacheData()

        let sample = (try? template.render(rjData)) ?? ""
        let peerSample = mustache.render(mustacheData, withTemplate: "agreement") ?? ""
        precondition(sample.utf8.count > 2500, "the rj rendering is too short: \(sample.utf8.count) bytes")
        // The two engines must produce the very same document for the race to be fair.
        precondition(sample == peerSample, "rj and swift-mustache no longer render the same document")

        let times = 2000
        var sink = 0
        var rjBest = Double.infinity, mustacheBest = Double.infinity, cmarkBest = Double.infinity
        for _ in 0..<3 {
            rjBest = min(rjBest, Stopwatch.best(rounds: 2) {
                for _ in 0..<times { sink &+= (try? template.render(rjData))?.utf8.count ?? 0 }
            })
            mustacheBest = min(mustacheBest, Stopwatch.best(rounds: 2) {
                for _ in 0..<times { sink &+= mustache.render(mustacheData, withTemplate: "agreement")?.utf8.count ?? 0 }
            })
            cmarkBest = min(cmarkBest, Stopwatch.best(rounds: 2) {
                for _ in 0..<times { sink &+= Document.render(markdown: sample, as: .html).utf8.count }
            })
        }
        precondition(sink > 0)

        let rjRate = Double(times) / rjBest, mustacheRate = Double(times) / mustacheBest
        let cmarkRate = Double(times) / cmarkBest
        print("## Templates: an outcome agreement (6 actions, 3 signatory partials, \(sample.utf8.count) bytes of Markdown)")
        var table = Table()
        table.add("step", "documents/s", "µs/document")
        table.add("rj Templating (Markdown escaping, filters)", format(rjRate, 0), format(1e6 / rjRate, 1))
        table.add("swift-mustache 2.1.1 (HTML escaping, data pre-formatted)", format(mustacheRate, 0),
                  format(1e6 / mustacheRate, 1))
        table.add("cmark: the rendered Markdown to HTML", format(cmarkRate, 0), format(1e6 / cmarkRate, 1))
        table.print()
        print("template-vs-swift-mustache: \(format(rjRate / mustacheRate, 2))")
        print("template-vs-cmark: \(format(rjRate / cmarkRate, 2)) (above 1: the template step costs less than cmark's)")
        print("")
    }
}
