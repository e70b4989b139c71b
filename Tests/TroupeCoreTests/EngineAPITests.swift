import Foundation
import Synchronization
import Testing
import TroupeTesting

@testable import TroupeCore

@Suite struct EngineAPITests {
    func workRequests(_ log: EventLog, agent: String) -> [String] {
        log.all("model.request").compactMap { event -> String? in
            guard case .modelRequested(let requested) = event.kind, requested.agent == agent, requested.purpose == .work
            else { return nil }
            return requested.request.messages.map(\.content).joined(separator: "\n")
        }
    }

    @Test func artifactsOfAStepReachTheBriefsOfTheStepsThatDependOnIt() async throws {
        let log = EventLog()
        let model = ScriptedModel(entries: [
            Entry(purpose: .plan, text: planJSON([("coder", "write the parser", []), ("analyst", "review the parser", [1])])),
            Entry(agent: "coder", purpose: .work, text: "Wrote it.\n```swift\nfunc parse() {}\n```"),
            Entry(purpose: .progressLedger, text: ReplanningTests.ledger(progress: true)),
            Entry(agent: "analyst", purpose: .work, text: "Looks right."),
            Entry(purpose: .progressLedger, text: ReplanningTests.ledger(progress: true, satisfied: true)),
            Entry(purpose: .synthesis, text: "Done."),
        ])
        let orchestrator = await makeOrchestrator(model, log: log)
        #expect(await orchestrator.handle("parser").outcome == .completed)
        guard case .taskCompleted(let first)? = log.first("orchestration.task_completed")?.kind else {
            Issue.record("no completion")
            return
        }
        #expect(first.artifacts == [StepArtifact(kind: .code, name: "swift block 1", content: "func parse() {}", step: 1)])
        let review = try #require(workRequests(log, agent: "analyst").first)
        #expect(review.contains("Wrote it.\\n[code: swift block 1]"))
        #expect(review.contains("\"content\":\"func parse() {}\""))
    }

    @Test func theUserReassignsAPendingStepWhileThePlanRuns() async throws {
        let log = EventLog()
        let scripted = ScriptedModel(entries: [
            Entry(purpose: .plan, text: planJSON([("researcher", "find the import code", []), ("coder", "draft the fix", [1])])),
            Entry(agent: "researcher", purpose: .work, text: "CSVReader.swift"),
            Entry(purpose: .progressLedger, text: ReplanningTests.ledger(progress: true)),
            Entry(agent: "analyst", purpose: .work, text: "analysed instead"),
            Entry(purpose: .progressLedger, text: ReplanningTests.ledger(progress: true, satisfied: true)),
            Entry(purpose: .synthesis, text: "Done."),
        ])
        let model = GatedModel(scripted, holding: "researcher")
        let orchestrator = await makeOrchestrator(model, log: log)
        let turn = Task { await orchestrator.handle("fix the import") }
        while !log.types.contains("orchestration.handoff_initiated") { await Task.yield() }
        await #expect(throws: OrchestrationError.self) { try await orchestrator.assign(step: 2, to: "poet") }
        try await orchestrator.assign(step: 2, to: "analyst")
        try await orchestrator.assign(step: 1, to: "writer")
        model.open()
        #expect(await turn.value == TurnResult(outcome: .completed, answer: "Done."))
        let handedTo = log.all("orchestration.handoff_initiated").compactMap { event -> String? in
            if case .handoffInitiated(let handoff) = event.kind { return "\(handoff.step ?? 0):\(handoff.to)" }
            return nil
        }
        #expect(handedTo == ["1:researcher", "2:analyst"])
        let interventions = log.all("user.intervention").compactMap { event -> String? in
            if case .userIntervention(let intervention) = event.kind { return "\(intervention.kind) \(intervention.detail)" }
            return nil
        }
        #expect(
            interventions == [
                "assign step 2 → analyst", "assign step 1 → writer", "assign_refused step 1 → writer: it is running",
            ])
        #expect(scripted.unusedEntries.isEmpty)
    }

    @Test func theParallelStrategyNeverSplitsSteps() async {
        let log = EventLog()
        let registry = await builtinRegistry(bus: log.bus)
        await registry.register(
            Persona(name: "lead", description: "Leads releases", capabilities: ["release"], canDelegate: true))
        let model = ScriptedModel(entries: [
            Entry(purpose: .plan, text: planJSON([("lead", "Prepare the release", [])])),
            Entry(agent: "lead", purpose: .work, text: "prepared"),
            Entry(purpose: .progressLedger, text: ReplanningTests.ledger(progress: true, satisfied: true)),
            Entry(purpose: .synthesis, text: "Released."),
        ])
        let orchestrator = Orchestrator(
            registry: registry, gateway: ModelGateway(model: model, bus: log.bus), tools: ToolBox([]),
            configuration: OrchestratorConfiguration(retryBackoff: .zero, strategy: .parallel))
        #expect(await orchestrator.handle("ship") == TurnResult(outcome: .completed, answer: "Released."))
        #expect(!log.types.contains("orchestration.sub_planned"))
        #expect(model.unusedEntries.isEmpty)
    }

    @Test func withoutASynthesisModelTheAnswerGroupsResultsByPersona() {
        let context = SynthesisContext(
            request: "r", facts: TaskFacts(),
            results: [
                StepReport(step: 1, title: "find", persona: "researcher", status: .done, output: "found A"),
                StepReport(step: 2, title: "fix", persona: "coder", status: .done, output: "fixed A"),
                StepReport(step: 3, title: "find more", persona: "researcher", status: .failed, output: "timeout"),
            ],
            roles: ["researcher": "Finds things", "coder": "Changes code"], stopReason: nil)
        #expect(context.resultsByPersona.map(\.persona) == ["researcher", "coder"])
        #expect(context.results.map(\.step) == [1, 2, 3])
        #expect(
            SynthesisStage.plainAnswer(context).split(separator: "\n").dropFirst() == [
                "researcher — Finds things", "  1. find (done): found A", "  3. find more (failed): timeout",
                "coder — Changes code", "  2. fix (done): fixed A",
            ])
    }

    @Test func theDecomposerRanksCandidatesWithReasons() async {
        let log = EventLog()
        let registry = await builtinRegistry(bus: log.bus)
        let decomposer = TaskDecomposer(gateway: ModelGateway(model: OfflineModel(), bus: log.bus), registry: registry)
        let step = PlanStep(id: 1, title: "Fix the failing unit test in the parser", persona: "coder")
        let candidates = await decomposer.suggestAgent(step)
        #expect(candidates.first?.persona == "coder")
        #expect(candidates.allSatisfy { !$0.reason.isEmpty })
        #expect(TaskDecomposer.estimateComplexity(step) == .high)
        let decomposition = try? await decomposer.decompose("list the files, then count the lines", strategy: .sequential)
        let steps = decomposition?.ledger.plan.steps ?? []
        #expect(steps.count >= 2)
        #expect(steps.dropFirst().allSatisfy { $0.dependsOn.contains($0.id - 1) })
    }
}
