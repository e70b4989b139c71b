import Foundation
import Testing
import TroupeCore
import TroupeTesting

@testable import TroupeShell

/// The HTML report: every golden transcript exports to one self-contained page, and nothing a
/// model, a tool or a persona wrote becomes markup in it.
@Suite struct HTMLReportTests {
    static let goldens = GoldenTranscripts.files

    @Test(arguments: goldens) func everyGoldenBecomesOneSelfContainedPage(_ golden: URL) throws {
        let html = try TranscriptExporter(reader: TranscriptReader(url: golden)).export(.html)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("default-src 'none'"), "a content security policy forbids fetching and scripts")
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("src=") && !html.contains("href="), "nothing is loaded from anywhere")
        #expect(html.contains("<h2>Request 1</h2>"))
    }

    @Test func aPlannedRequestHasItsGraphTimelineBriefsAndUsage() throws {
        let golden = try #require(Self.goldens.first { $0.lastPathComponent == "parallel-plan.jsonl" })
        let html = try TranscriptExporter(reader: TranscriptReader(url: golden)).export(.html)
        #expect(html.components(separatedBy: "<g class=\"step ").count - 1 == 4, "four steps in the graph")
        #expect(html.components(separatedBy: "<line ").count - 1 == 3, "the writer's step waits for three")
        #expect(html.contains("<svg class=\"timeline\""))
        #expect(html.contains("<h4>Brief</h4>") && html.contains("&quot;instruction&quot;"), "the brief as the worker saw it")
        #expect(html.contains("<h3>Usage</h3>") && html.contains("<td>orchestrator</td>"))
    }

    @Test func hostileTextStaysText() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("troupe-hostile-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: url) }
        let hostile =
            #"<script>alert(1)</script><img src=x onerror=alert(2)><a href="javascript:alert(3)">x</a></style><style>body{display:none}</style>"#
        var persona = BuiltinPersonas.all[1]
        persona.name = #"re"><svg onload=alert(4)>"#
        let header = TranscriptHeader(
            toolVersion: "0.1.0", sessionID: "abcd", started: Date(timeIntervalSince1970: 0), model: hostile, personas: [persona],
            terminal: nil)
        let writer = try TranscriptWriter(url: url, header: header, redactor: SecretRedactor(secrets: []))
        let bus = EventBus()
        writer.record(bus)
        let plan = Plan(steps: [PlanStep(id: 1, title: hostile, persona: persona.name)])
        bus.publish(.userInput(UserInput(text: hostile)))
        bus.publish(.planStarted(PlanStarted(request: hostile, plan: plan)))
        bus.publish(
            .handoffInitiated(
                HandoffInitiated(
                    handoff: "h1", from: "orchestrator", to: persona.name, step: 1, briefTokens: 1, facts: 0, dependencies: 0,
                    brief: Brief(request: hostile, step: 1, instruction: hostile))))
        bus.publish(
            .taskCompleted(
                TaskCompleted(
                    step: 1, persona: persona.name, status: .done, summary: hostile, output: hostile, durationMs: 1, tokens: 1)))
        bus.publish(.planCompleted(PlanCompleted(outcome: .completed, answer: hostile, durationMs: 1, tokens: 1)))
        let html = try TranscriptExporter(reader: TranscriptReader(url: url)).export(.html)
        // Markup is what starts with a raw `<`: no tag of the content's may appear, nor an event
        // handler or a link in any tag.
        let tags = try Regex(#"</?([a-zA-Z!][a-zA-Z0-9]*)"#)
        let names = Set(html.matches(of: tags).compactMap { $0.output[1].substring.map { String($0).lowercased() } })
        let reportTags: Set<String> = [
            "!doctype", "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "h4", "p", "code",
            "details", "summary", "ul", "li", "b", "span", "section", "blockquote", "svg", "defs", "marker", "path", "g", "rect",
            "text", "line", "pre", "ol", "table", "tr", "th", "td",
        ]
        #expect(names.isSubset(of: reportTags), "tags from the content: \(names.subtracting(reportTags))")
        #expect(html.matches(of: try Regex(#"<[^<>]*\son[a-z]+\s*="#)).isEmpty, "no event handler in any tag")
        #expect(!html.lowercased().contains("<script") && !html.lowercased().contains("<img") && !html.contains("<a "))
        #expect(html.components(separatedBy: "<style>").count == 2, "one style element, the report's own")
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("re&quot;&gt;&lt;svg onload=alert(4)&gt;"))
    }
}
