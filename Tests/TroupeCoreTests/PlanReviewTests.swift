import Foundation
import Testing
import TroupeTesting

@testable import TroupeCore

/// Plans the user reviews before they run: edits, YAML, feedback, declining.
@Suite struct PlanReviewTests {
    typealias Entry = ScriptedModel.Entry

    static let plan = Plan(steps: [
        PlanStep(id: 1, title: "find the import", persona: "researcher"),
        PlanStep(id: 2, title: "fix it", persona: "coder", dependsOn: [1]),
        PlanStep(id: 3, title: "write notes", persona: "writer", dependsOn: [2]),
    ])

    private func edited(_ text: String, _ plan: Plan = plan) throws -> Plan {
        try PlanEdit.parse(text).get().apply(to: plan).get()
    }

    @Test func editsDropAddMoveAndAssignSteps() throws {
        let dropped = try edited("drop 2")
        #expect(dropped.steps.map(\.id) == [1, 3])
        #expect(dropped.step(3)?.dependsOn == [1])
        let added = try edited("add Review the fix carefully @analyst after 2,1")
        #expect(
            added.step(4)
                == PlanStep(
                    id: 4, title: "Review the fix carefully", persona: "analyst", dependsOn: [2, 1],
                    routingReason: "added by the user"))
        #expect(try edited("move 3 after 1").step(3)?.dependsOn == [2, 1])
        #expect(try edited("move 2 first").step(2)?.dependsOn == [])
        let assigned = try edited("assign 2 @analyst")
        #expect(assigned.step(2)?.persona == "analyst")
        #expect(PlanEdit.parse("drop two") == .failure(.usage("/plan drop STEP")))
        #expect(PlanEdit.parse("add @writer") == .failure(.usage("/plan add TITLE @persona [after STEP,STEP]")))
        #expect(PlanEdit.drop(step: 9).apply(to: Self.plan) == .failure(.noStep(9)))
        let cycle = try edited("move 1 after 3")
        #expect(cycle.validationErrors(workers: ["researcher", "coder", "writer"]).contains { $0.contains("form a cycle") })
    }

    @Test func aPlanSurvivesTheYAMLRoundTripAndEditsInItAreRead() throws {
        let text = try PlanYAML.text(of: Self.plan)
        #expect(text.hasPrefix("# Edit the plan"))
        #expect(try PlanYAML.plan(from: text, original: Self.plan) == Self.plan)
        let changed = text.replacingOccurrences(of: "persona: coder", with: "persona: analyst")
        #expect(try PlanYAML.plan(from: changed, original: Self.plan)?.step(2)?.routingReason == "edited by the user")
        #expect(try PlanYAML.plan(from: "# nothing\n\n", original: Self.plan) == nil)
        #expect(throws: PlanEditError.self) { try PlanYAML.plan(from: "steps: [1, 2", original: Self.plan) }
    }

    @Test func anEditedPlanRunsAndIsRecordedInFull() async throws {
        let log = EventLog()
        let model = ScriptedModel(entries: [
            Entry(purpose: .plan, text: planJSON([("researcher", "find the import", []), ("coder", "fix it", [1])])),
            Entry(agent: "researcher", purpose: .work, text: "CSVReader.swift"),
            Entry(purpose: .progressLedger, text: ReplanningTests.ledger(progress: true)),
            Entry(agent: "analyst", purpose: .work, text: "reviewed"),
            Entry(purpose: .progressLedger, text: ReplanningTests.ledger(progress: true, satisfied: true)),
            Entry(purpose: .synthesis, text: "Done."),
        ])
        let orchestrator = await makeOrchestrator(model, log: log)
        guard case .plan(var proposal) = await orchestrator.propose("fix the import") else {
            Issue.record("no plan")
            return
        }
        #expect(!log.types.contains("orchestration.plan_started"))
        proposal.plan = try edited("assign 2 @analyst", proposal.plan)
        #expect(await orchestrator.execute(proposal) == TurnResult(outcome: .completed, answer: "Done."))
        let edit = log.all("user.intervention").compactMap { event -> UserIntervention? in
            if case .userIntervention(let intervention) = event.kind { return intervention }
            return nil
        }
        #expect(edit.map(\.kind) == [.planEdited])
        #expect(try JSONCoding.decode(Plan.self, from: edit[0].detail) == proposal.plan)
        #expect(model.unusedEntries.isEmpty)
    }

    @Test func anInvalidEditIsRefusedWithItsProblemsAndNothingRuns() async throws {
        let log = EventLog()
        let model = ScriptedModel(entries: [Entry(purpose: .plan, text: planJSON([("researcher", "find the import", [])]))])
        let orchestrator = await makeOrchestrator(model, log: log)
        guard case .plan(var proposal) = await orchestrator.propose("find the import") else {
            Issue.record("no plan")
            return
        }
        proposal.plan = try edited("assign 1 @poet", proposal.plan)
        let result = await orchestrator.execute(proposal)
        #expect(result.outcome == .failed)
        #expect(result.answer.contains("'poet' is not a worker of this team"))
        #expect(!log.types.contains("orchestration.handoff_initiated"))
    }

    @Test func feedbackMakesANewPlanAndADeclinedPlanDoesNotRun() async throws {
        let log = EventLog()
        let model = ScriptedModel(entries: [
            Entry(purpose: .plan, text: planJSON([("researcher", "find the import", [])])),
            Entry(purpose: .plan, text: planJSON([("researcher", "find the import", []), ("analyst", "count its rows", [1])])),
        ])
        let orchestrator = await makeOrchestrator(model, log: log)
        guard case .plan(let first) = await orchestrator.propose("find the import"),
            case .plan(let second) = await orchestrator.revise(first, feedback: "also count the rows")
        else {
            Issue.record("no plan")
            return
        }
        #expect(second.plan.steps.count == 2)
        #expect(second.request == "find the import")
        let asked = log.all("model.request").compactMap { event -> String? in
            if case .modelRequested(let requested) = event.kind { return requested.request.messages.last?.content }
            return nil
        }
        #expect(asked.last?.contains("also count the rows") == true)
        #expect(await orchestrator.decline(second) == TurnResult(outcome: .cancelled, answer: "The plan was not run."))
        #expect(!log.types.contains("orchestration.handoff_initiated"))
        #expect(log.types.contains("user.intervention"))
    }
}
