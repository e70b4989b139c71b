import Testing
import TroupeTesting

@testable import TroupeCore

@Suite struct PlanTests {
    let workers: Set<String> = ["researcher", "analyst", "writer"]

    @Test func aValidPlanHasNoErrors() {
        let plan = Plan(steps: [
            PlanStep(id: 1, title: "a", persona: "researcher"), PlanStep(id: 2, title: "b", persona: "analyst", dependsOn: [1]),
        ])
        #expect(plan.validationErrors(workers: workers).isEmpty)
        #expect(plan.readySteps.map(\.id) == [1])
    }

    @Test func findsCyclesUnknownPersonasAndMissingSteps() {
        let plan = Plan(steps: [
            PlanStep(id: 1, title: "a", persona: "researcher", dependsOn: [3]),
            PlanStep(id: 2, title: "b", persona: "poet", dependsOn: [1]),
            PlanStep(id: 3, title: "c", persona: "writer", dependsOn: [2]),
            PlanStep(id: 4, title: "d", persona: "writer", dependsOn: [9]),
        ])
        let errors = plan.validationErrors(workers: workers)
        #expect(errors.contains("step 2: 'poet' is not a worker of this team (analyst, researcher, writer)"))
        #expect(errors.contains("step 4 depends on step 9, which does not exist"))
        #expect(errors.contains { $0.hasPrefix("steps 1 → 3 → 2 → 1 form a cycle") })
    }

    @Test func rejectsDuplicateIdsAndEmptyPlans() {
        #expect(Plan(steps: []).validationErrors(workers: workers) == ["the plan has no steps"])
        let duplicated = Plan(steps: [
            PlanStep(id: 1, title: "a", persona: "writer"), PlanStep(id: 1, title: "b", persona: "writer"),
        ])
        #expect(duplicated.validationErrors(workers: workers).contains("step id 1 is used more than once"))
    }

    @Test func readyStepsFollowDependencies() {
        var plan = Plan(steps: [
            PlanStep(id: 1, title: "a", persona: "researcher"), PlanStep(id: 2, title: "b", persona: "researcher"),
            PlanStep(id: 3, title: "c", persona: "writer", dependsOn: [1, 2]),
        ])
        #expect(plan.readySteps.map(\.id) == [1, 2])
        plan.setState(.done, of: 1)
        #expect(plan.readySteps.map(\.id) == [2])
        plan.setState(.done, of: 2)
        #expect(plan.readySteps.map(\.id) == [3])
    }
}

@Suite struct CapabilityRouterTests {
    let team = BuiltinPersonas.all.filter(\.isWorker).map(TeamMember.init)

    @Test(arguments: [
        ("List the Swift files under Sources", "researcher"),
        ("count their lines", "analyst"),
        ("write a short summary", "writer"),
        ("Fix the failing test in the parser", "coder"),
        ("Profile the import on sample.csv", "analyst"),
    ])
    func routesByCapability(text: String, expected: String) {
        #expect(CapabilityRouter.best(text, among: team)?.persona == expected)
    }

    @Test func explainsItsChoice() throws {
        let best = try #require(CapabilityRouter.best("count the words", among: team))
        #expect(best.reason == "capability count")
        let none = try #require(CapabilityRouter.best("zzz qqq", among: team))
        #expect(none.score == 0)
        #expect(none.reason.contains("no capability matched"))
    }
}

@Suite struct SuggestAgentTests {
    @Test func ranksByCapabilityThenHealthThenLoad() async {
        let registry = AgentRegistry()
        let capable = ["count", "measure"]
        await registry.register(Persona(name: "busy", description: "", capabilities: capable, maxParallelTasks: 2))
        await registry.register(Persona(name: "idle", description: "", capabilities: capable, maxParallelTasks: 2))
        await registry.register(Persona(name: "shaky", description: "", capabilities: capable, maxParallelTasks: 2))
        await registry.register(Persona(name: "broken", description: "", capabilities: capable))
        await registry.register(Persona(name: "poet", description: "", capabilities: ["rhyme"]))
        await registry.taskStarted("busy")
        await registry.taskFinished("shaky", succeeded: false, latencyMs: 1, tokens: 0)
        for _ in 0..<3 { await registry.taskFinished("broken", succeeded: false, latencyMs: 1, tokens: 0) }
        let suggestions = await registry.suggestAgents(for: "count the lines")
        #expect(suggestions.map(\.persona) == ["idle", "busy", "shaky"])
        #expect(suggestions[0].reason == "capability count; healthy; load 0/2")
        #expect(suggestions[2].reason.contains("degraded"))
        #expect(await registry.suggestAgents(for: "count the lines", excluding: ["idle"]).first?.persona == "busy")
    }
}

@Suite struct ComplexityAndStrategyTests {
    @Test func estimatesComplexityFromTheWork() {
        #expect(StepComplexity.estimate(title: "List the Swift files", details: "") == .low)
        #expect(StepComplexity.estimate(title: "Fix the parser bug", details: "") == .high)
        #expect(StepComplexity.estimate(title: "Compare the two approaches", details: "") == .medium)
        #expect(PlanStep(id: 1, title: "Refactor the importer", persona: "coder").complexity == .high)
        #expect(StepComplexity.high.briefTokenBudget > StepComplexity.low.briefTokenBudget)
    }

    @Test func theSequentialStrategyChainsTheSteps() {
        let plan = Plan(steps: [
            PlanStep(id: 1, title: "a", persona: "w"), PlanStep(id: 2, title: "b", persona: "w"),
            PlanStep(id: 3, title: "c", persona: "w", dependsOn: [1]),
        ])
        #expect(PlanStrategy.sequential.apply(to: plan).steps.map(\.dependsOn) == [[], [1], [1, 2]])
        #expect(PlanStrategy.parallel.apply(to: plan) == plan)
    }
}

@Suite struct EscalationTests {
    @Test func aFailedStepGoesToThePersonaItEscalatesTo() async {
        let log = EventLog()
        let registry = AgentRegistry(bus: log.bus)
        for persona in BuiltinPersonas.all { await registry.register(persona) }
        await registry.register(Persona(name: "junior", description: "", capabilities: ["tidy"], escalatesTo: "coder"))
        let model = ScriptedModel(entries: [
            Entry(purpose: .plan, text: planJSON([("junior", "tidy the imports", [])])),
            Entry(agent: "junior", purpose: .work, error: "stuck"),
            Entry(agent: "junior", purpose: .work, error: "still stuck"),
            Entry(agent: "coder", purpose: .work, text: "tidied"),
            Entry(purpose: .synthesis, text: "done"),
        ])
        let orchestrator = Orchestrator(
            registry: registry, gateway: ModelGateway(model: model, bus: log.bus), tools: ToolBox([]),
            configuration: OrchestratorConfiguration(retryBackoff: .zero))
        #expect(await orchestrator.handle("tidy up").outcome == .completed)
        let assigned = log.all("orchestration.task_assigned").compactMap { event -> String? in
            if case .taskAssigned(let task) = event.kind { return task.persona }
            return nil
        }
        #expect(assigned == ["junior", "coder"])
    }

    @Test func aPlanLongerThanTheCapIsSentBackToBeMerged() async {
        let log = EventLog()
        let model = ScriptedModel(entries: [
            Entry(purpose: .plan, text: planJSON([("researcher", "a", []), ("analyst", "b", []), ("writer", "c", [1, 2])])),
            Entry(purpose: .plan, text: planJSON([("researcher", "a and b", []), ("writer", "c", [1])])),
            Entry(agent: "researcher", purpose: .work, text: "found"),
            Entry(purpose: .progressLedger, text: ReplanningTests.ledger(progress: true)),
            Entry(agent: "writer", purpose: .work, text: "written"),
            Entry(purpose: .progressLedger, text: ReplanningTests.ledger(progress: true, satisfied: true)),
            Entry(purpose: .synthesis, text: "Done."),
        ])
        let configuration = OrchestratorConfiguration(retryBackoff: .zero, maxPlanSteps: 2)
        let result = await makeOrchestrator(model, log: log, configuration: configuration).handle("do a, b and c")
        #expect(result.outcome == .completed)
        guard case .modelRetried(let retried)? = log.first("model.retry")?.kind else {
            Issue.record("the long plan was not sent back")
            return
        }
        #expect(retried.error == "the plan has 3 steps; at most 2 are allowed: merge related steps")
        #expect(model.unusedEntries.isEmpty)
    }
}
