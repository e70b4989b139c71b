import Foundation
import Testing
import TroupeTesting
import TroupeTools

@testable import TroupeCore

@Suite struct BudgetTests {
    func orchestrator(_ model: ScriptedModel, log: EventLog, budget: BudgetTracker) async -> Orchestrator {
        let registry = await builtinRegistry(bus: log.bus)
        return Orchestrator(
            registry: registry, gateway: ModelGateway(router: ModelRouter(sessionModel: model), bus: log.bus, budget: budget),
            tools: ToolBox([]), configuration: OrchestratorConfiguration(retryBackoff: .zero))
    }

    func states(_ log: EventLog) -> [Int: StepState] {
        var states: [Int: StepState] = [:]
        for event in log.all("orchestration.task_completed") {
            if case .taskCompleted(let task) = event.kind { states[task.step] = task.status }
        }
        return states
    }

    @Test func theRequestStopsCleanlyAtItsBudgetAndSaysWhatWasDone() async {
        let log = EventLog()
        let model = ScriptedModel(entries: [
            Entry(
                purpose: .plan,
                text: planJSON([("coder", "fix one", []), ("coder", "fix two", [1]), ("coder", "fix three", [2])])),
            Entry(agent: "coder", purpose: .work, text: "one fixed"),
            Entry(purpose: .progressLedger, text: ReplanningTests.ledger(progress: true)),
        ])
        let budget = BudgetTracker(request: Budget(maxModelCalls: 3))
        let result = await orchestrator(model, log: log, budget: budget).handle("fix three bugs")
        #expect(result.outcome == .partial)
        #expect(result.answer.hasPrefix("The final answer could not be written by the model"))
        #expect(result.answer.contains("one fixed"))
        #expect(states(log) == [1: .done, 2: .failed, 3: .skipped])
        guard case .escalated(let escalated)? = log.first("orchestration.escalated")?.kind else {
            Issue.record("no escalation")
            return
        }
        #expect(escalated.reason == "budget exhausted: request budget of 3 model calls reached")
        #expect(model.unusedEntries.isEmpty)
    }

    @Test func aPersonasBudgetStopsOnlyThatPersona() async {
        let log = EventLog()
        let model = ScriptedModel(entries: [
            Entry(
                purpose: .plan,
                text: planJSON([("coder", "fix one", []), ("coder", "fix two", [1]), ("researcher", "look around", [])])),
            Entry(agent: "coder", purpose: .work, text: "one fixed"),
            Entry(agent: "researcher", purpose: .work, text: "looked"),
            Entry(purpose: .synthesis, text: "partly done"),
        ])
        let budget = BudgetTracker(request: .unlimited, personas: ["coder": Budget(maxModelCalls: 1)])
        let result = await orchestrator(model, log: log, budget: budget).handle("fix and look")
        #expect(result == TurnResult(outcome: .partial, answer: "partly done"))
        #expect(states(log) == [1: .done, 2: .failed, 3: .done])
        let failure = log.all("orchestration.task_completed").compactMap { event -> String? in
            if case .taskCompleted(let task) = event.kind, task.step == 2 { return task.output }
            return nil
        }.first
        #expect(failure == "budget exhausted: coder budget of 1 model calls reached")
    }

    @Test func theRequestStopsAtItsCostBudgetPricedByTheTable() async {
        let log = EventLog()
        let model = ScriptedModel(entries: [
            Entry(purpose: .plan, text: planJSON([("coder", "fix one", []), ("coder", "fix two", [1])])),
            Entry(agent: "coder", purpose: .work, text: "one fixed"),
            Entry(purpose: .progressLedger, text: ReplanningTests.ledger(progress: true)),
        ])
        // One dollar per input or output token: the plan call alone costs far more than $50.
        let prices = PriceTable(["script:inline": ModelPrice(input: 1_000_000, output: 1_000_000)])
        let budget = BudgetTracker(request: Budget(maxCostUSD: 50), prices: prices)
        let result = await orchestrator(model, log: log, budget: budget).handle("fix two bugs")
        #expect(result.outcome == .failed)
        #expect(states(log) == [1: .failed, 2: .skipped])
        guard case .escalated(let escalated)? = log.first("orchestration.escalated")?.kind else {
            Issue.record("no escalation")
            return
        }
        #expect(escalated.reason.hasPrefix("budget exhausted: request cost budget of $50.0000 reached ($"))
        #expect(budget.spentUSD > 50)
    }

    @Test func aModelWithoutAPriceCostsNothing() {
        let budget = BudgetTracker(request: Budget(maxCostUSD: 0.01), prices: PriceTable())
        budget.record("coder", usage: TokenUsage(inputTokens: 1_000_000, outputTokens: 1_000_000), model: "openai/x")
        #expect(budget.spentUSD == 0)
        #expect(throws: Never.self) { try budget.admit("coder") }
    }

    @Test func personaFilesDeclareTheirBudget() throws {
        let persona = try PersonaParser.parse(
            "---\nname: p\ndescription: d\nmax_tokens: 5000\nmax_turns: 12\nmax_cost: 0.25\n---\n", path: "p.md",
            source: .builtin)
        #expect(persona.budget == Budget(maxTokens: 5000, maxModelCalls: 12, maxCostUSD: 0.25))
    }

    @Test func aBadCostInAPersonaFileNamesTheLine() {
        #expect(throws: PersonaError.invalidField(path: "p.md", line: 4, field: "max_cost", message: "expected a number above 0"))
        {
            try PersonaParser.parse("---\nname: p\ndescription: d\nmax_cost: free\n---\n", path: "p.md", source: .builtin)
        }
    }
}

@Suite struct WorkerUsageTests {
    @Test func theTokensOfAWorkerThatFailsAfterToolRoundsAreCounted() async throws {
        let folder = try TemporaryFolder()
        try folder.write("a.txt", "x\n")
        let log = EventLog()
        let model = ScriptedModel(entries: [
            Entry(agent: "coder", purpose: .work, toolCalls: [.init(name: "list_files", arguments: .object([:]))]),
            Entry(agent: "coder", purpose: .work, error: "provider unavailable"),
        ])
        let orchestrator = await makeOrchestrator(
            model, log: log, tools: ToolBox(WorkspaceTools.readOnly(Workspace(root: folder.url))),
            configuration: OrchestratorConfiguration(attemptsPerPersona: 1, retryBackoff: .zero))
        let result = await orchestrator.direct(to: "coder", "list the files")
        #expect(result.outcome == .failed)
        let spent = log.all("model.response").compactMap { event -> Int? in
            guard case .modelResponded(let response) = event.kind else { return nil }
            return response.response.usage.total
        }.reduce(0, +)
        #expect(spent > 0)
        guard case .planCompleted(let completed)? = log.all("orchestration.plan_completed").last?.kind else {
            Issue.record("no plan_completed")
            return
        }
        #expect(completed.tokens == spent, "the failed worker's tool round is counted, not lost")
    }
}
