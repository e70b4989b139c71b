import ArgumentParser
import Foundation
import TroupeCore
import TroupeTesting

/// Tokens workers are sent: Troupe's briefs against broadcasting the whole conversation to every
/// worker (Magentic-One's group chat, where every agent reads the whole thread), on the
/// same scripted eight-step session. Tool schemas are left out on both sides.
struct BriefBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "briefs", abstract: "Worker prompt tokens: briefs vs. broadcasting the whole conversation.")

    @OptionGroup var output: OutputOptions

    /// (persona, title, depends on, words in its answer)
    static let session: [(String, String, [Int], Int)] = [
        ("researcher", "Locate the CSV import code path", [], 600),
        ("researcher", "Find the import tests and their fixtures", [], 400),
        ("analyst", "Profile the import on sample.csv", [1], 700),
        ("analyst", "Measure the memory the import uses", [1], 500),
        ("coder", "Fix the hot spot, keep the tests green", [3, 4], 900),
        ("coder", "Update the tests for the new parser", [2, 5], 600),
        ("writer", "Draft the changelog entry", [5], 200),
        ("writer", "Write the pull request description", [6, 7], 300),
    ]
    static let request = "Find why the CSV import is slow, fix it, and write a short changelog entry and a PR description"

    func run() async throws {
        let bus = EventBus(keepsHistory: true)
        let registry = AgentRegistry(bus: bus)
        for persona in BuiltinPersonas.all { await registry.register(persona) }
        let model = ScriptedModel(entries: Self.entries())
        let orchestrator = Orchestrator(
            registry: registry, gateway: ModelGateway(model: model, bus: bus), tools: ToolBox([]),
            configuration: OrchestratorConfiguration(maxParallelSteps: 1, retryBackoff: .zero, progressLedger: .onTrouble))
        let result = await orchestrator.handle(Self.request)
        guard result.outcome == .completed, model.unusedEntries.isEmpty else {
            throw ValidationError("the scripted session did not complete: \(result.outcome.rawValue) \(result.answer)")
        }
        let rows = Self.measure(bus.history)
        var report = Report("briefs", options: output)
        report.say("step  persona     brief prompt  broadcast prompt")
        for row in rows {
            report.say(String(format: "%4d  %-10@  %8d tok  %12d tok", row.step, row.persona, row.brief, row.broadcast))
        }
        let (briefs, broadcast) = (rows.map(\.brief).reduce(0, +), rows.map(\.broadcast).reduce(0, +))
        let ratio = Double(briefs) / Double(broadcast)
        report.add("brief tokens", Double(briefs), unit: "tokens")
        report.add("broadcast tokens", Double(broadcast), unit: "tokens")
        report.add(
            "briefs / broadcast", ratio * 100, unit: "%", target: 40,
            line: String(
                format: "total        %8d tok  %12d tok   briefs are %.1f%% of broadcast (target < 40%%)", briefs, broadcast,
                ratio * 100))
        try report.finish()
    }

    struct Row {
        var step: Int
        var persona: String
        var brief: Int
        var broadcast: Int
    }

    /// Magentic-One's full task ledger message (`ORCHESTRATOR_TASK_LEDGER_FULL_PROMPT`'s four
    /// slots with their lead-ins), the first message every worker sees.
    static func ledgerMessage(_ ledger: TaskLedger, team: [Persona]) -> String {
        let teamLines = team.filter(\.isWorker).map { "\($0.name): \($0.description)" }
        let facts = ledger.facts
        let factLines =
            facts.given.map { "GIVEN OR VERIFIED FACTS: \($0)" } + facts.toLookUp.map { "FACTS TO LOOK UP: \($0)" }
            + facts.toDerive.map { "FACTS TO DERIVE: \($0)" } + facts.educatedGuesses.map { "EDUCATED GUESSES: \($0)" }
        let planLines = ledger.plan.steps.map { "- \($0.persona): \($0.title)" }
        return """
            We are working to address the following user request:
            \(ledger.request)

            To answer this request we have assembled the following team:
            \(teamLines.joined(separator: "\n"))

            Here is an initial fact sheet to consider:
            \(factLines.joined(separator: "\n"))

            Here is the plan to follow as best as possible:
            \(planLines.joined(separator: "\n"))
            """
    }

    /// Walks the session's events: each worker request as sent (system prompt + brief) against
    /// Magentic-One's broadcast: the same system prompt, the full ledger message, then every
    /// instruction and every worker's final answer so far, then its own instruction.
    static func measure(_ events: [TroupeEvent]) -> [Row] {
        var thread: [String] = []
        var rows: [Row] = []
        var pendingStep: [String: Int] = [:]
        for event in events {
            switch event.kind {
            case .taskLedgerUpdated(let update) where thread.isEmpty:
                thread.append(ledgerMessage(update.ledger, team: BuiltinPersonas.all))
            case .handoffInitiated(let handoff):
                if let step = handoff.step { pendingStep[handoff.to] = step }
            case .modelRequested(let requested) where requested.purpose == .work:
                let sent = requested.request.messages.map(\.content)
                let system = sent.first ?? ""
                let step = pendingStep[requested.agent] ?? 0
                let instruction = session[step - 1].1
                rows.append(
                    Row(
                        step: step, persona: requested.agent, brief: TokenEstimate.tokens(in: sent.joined()),
                        broadcast: TokenEstimate.tokens(in: ([system] + thread + [instruction]).joined())))
            case .taskCompleted(let task) where task.status == .done:
                thread.append("\(task.persona), step \(task.step): \(session[task.step - 1].1)\n\(task.output)")
            default:
                break
            }
        }
        return rows
    }

    /// The plan, each worker's answer (deterministic prose of the given length, code for the
    /// coder) and the synthesis.
    static func entries() -> [ScriptedModel.Entry] {
        var steps: [String] = []
        for (index, step) in session.enumerated() {
            let after = step.2.map(String.init).joined(separator: ",")
            steps.append("{\"id\":\(index + 1),\"title\":\"\(step.1)\",\"persona\":\"\(step.0)\",\"depends_on\":[\(after)]}")
        }
        let plan =
            "{\"needs_plan\":true,\"facts\":{\"given\":[\"sample.csv has 1M rows\"]},\"steps\":[\(steps.joined(separator: ","))]}"
        var entries = [ScriptedModel.Entry(purpose: .plan, text: plan)]
        for (index, step) in session.enumerated() {
            var answer = "Step \(index + 1) done: \(step.1.lowercased()).\n" + prose(words: step.3, seed: index)
            if step.0 == "coder" {
                answer += "\n```swift\n" + (0..<30).map { "let field\($0) = row[\($0)]" }.joined(separator: "\n") + "\n```"
            }
            entries.append(ScriptedModel.Entry(agent: step.0, purpose: .work, text: answer))
        }
        entries.append(ScriptedModel.Entry(purpose: .synthesis, text: "Fixed; changelog and PR description written."))
        return entries
    }

    static func prose(words count: Int, seed: Int) -> String {
        let vocabulary = [
            "the", "import", "reads", "each", "row", "twice", "because", "parser", "allocates", "a", "new", "buffer", "per",
            "field", "and", "quoting", "is", "checked", "character", "by", "profile", "shows", "most", "time", "in",
            "splitting", "lines", "memory", "grows", "with", "file", "size", "tests", "cover", "small", "fixtures", "only",
        ]
        var generator = SplitMix64(seed: UInt64(seed + 1))
        return (0..<count).map { _ in vocabulary[Int(generator.next() % UInt64(vocabulary.count))] }.joined(separator: " ")
    }
}
