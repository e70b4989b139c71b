import Foundation
import Testing
import TroupeTesting

@testable import TroupeCore

@Suite struct SubPlanTests {
    @Test func aDelegatingPersonaSplitsItsStepIntoASubPlan() async throws {
        let log = EventLog()
        let registry = await builtinRegistry(bus: log.bus)
        await registry.register(
            Persona(name: "lead", description: "Leads releases", capabilities: ["release", "coordinate"], canDelegate: true))
        let model = ScriptedModel(entries: [
            Entry(purpose: .plan, text: planJSON([("lead", "Prepare the release", []), ("writer", "Announce it", [1])])),
            Entry(
                agent: "lead", purpose: .plan,
                text: planJSON([("researcher", "Collect the changes", []), ("writer", "Draft the notes", [1])])),
            Entry(agent: "researcher", purpose: .work, text: "3 changes"),
            Entry(agent: "writer", purpose: .work, text: "notes drafted"),
            Entry(agent: "writer", purpose: .work, text: "announced"),
            Entry(purpose: .synthesis, text: "Released."),
        ])
        let orchestrator = Orchestrator(
            registry: registry, gateway: ModelGateway(model: model, bus: log.bus), tools: ToolBox([]),
            configuration: OrchestratorConfiguration(retryBackoff: .zero))
        let result = await orchestrator.handle("ship version 2")
        #expect(result == TurnResult(outcome: .completed, answer: "Released."))
        guard case .subPlanned(let subPlanned)? = log.first("orchestration.sub_planned")?.kind else {
            Issue.record("no sub-plan")
            return
        }
        #expect(subPlanned.step == 1)
        let steps = subPlanned.plan.steps
        #expect(steps.map(\.id) == [1, 2, 3, 4])
        #expect(steps[0].state == .expanded)
        #expect(steps[1].dependsOn == [4])
        #expect(steps[2].dependsOn == [] && steps[2].depth == 1 && steps[2].persona == "researcher")
        #expect(steps[3].dependsOn == [3])
        let handedTo = log.all("orchestration.handoff_initiated").compactMap { event -> String? in
            if case .handoffInitiated(let handoff) = event.kind { return "\(handoff.step ?? 0):\(handoff.to)" }
            return nil
        }
        #expect(handedTo == ["3:researcher", "4:writer", "2:writer"])
    }

    @Test func spliceRenumbersSubStepsOneLevelDeeper() {
        let step = PlanStep(id: 1, title: "t", persona: "lead", depth: 2)
        let plan = SubPlanStage.splice(
            Plan(steps: [PlanStep(id: 9, title: "a", persona: "writer"), PlanStep(id: 10, title: "b", persona: "writer")]),
            replacing: step, in: Plan(steps: [step]))
        #expect(plan.steps.map(\.depth) == [2, 3, 3])
        #expect(plan.steps.map(\.id) == [1, 2, 3])
        #expect(plan.steps[2].dependsOn == [])
    }
}
