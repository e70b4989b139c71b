import Foundation
import Testing

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
                purpose: .plan, text: planJSON([("coder", "fix one", []), ("coder", "fix two", []), ("coder", "fix three", [])])),
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

    @Test func personaFilesDeclareTheirBudget() throws {
        let persona = try PersonaParser.parse(
            "---\nname: p\ndescription: d\nmax_tokens: 5000\nmax_turns: 12\n---\n", path: "p.md", source: .builtin)
        #expect(persona.budget == Budget(maxTokens: 5000, maxModelCalls: 12))
    }
}
