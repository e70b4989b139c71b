import Foundation
import Testing
import TroupeTesting
import TroupeTools

@testable import TroupeCore

typealias Entry = ScriptedModel.Entry

@Suite struct OrchestratorTests {
    @Test func runsIndependentStepsInParallelAndDependentOnesAfter() async throws {
        let log = EventLog()
        let model = ScriptedModel(entries: [
            Entry(
                purpose: .plan,
                text: planJSON([("researcher", "find A", []), ("analyst", "measure B", []), ("writer", "summarize", [1, 2])])),
            Entry(agent: "researcher", purpose: .work, text: "A is in a.swift", delayMs: 150),
            Entry(agent: "analyst", purpose: .work, text: "B is 42"),
            Entry(agent: "writer", purpose: .work, text: "A and B summarized"),
            Entry(purpose: .synthesis, text: "Final: A and B"),
        ])
        let orchestrator = await makeOrchestrator(model, log: log)
        let result = await orchestrator.handle("do it")
        #expect(result == TurnResult(outcome: .completed, answer: "Final: A and B"))
        let order = log.events.compactMap { event -> String? in
            switch event.kind {
            case .handoffInitiated(let h): return "start \(h.step ?? 0)"
            case .handoffCompleted(let h): return "end \(h.step ?? 0)"
            default: return nil
            }
        }
        // Step 2 starts before step 1 (which is slower) ends; step 3 starts only after both ended.
        #expect(order.firstIndex(of: "start 2")! < order.firstIndex(of: "end 1")!)
        #expect(order.firstIndex(of: "start 3")! > order.firstIndex(of: "end 1")!)
        #expect(order.firstIndex(of: "start 3")! > order.firstIndex(of: "end 2")!)
        // The writer's brief carries both results, not the chat.
        let writerRequest = log.all("model.request").compactMap { event -> ChatRequest? in
            if case .modelRequested(let r) = event.kind, r.agent == "writer" { return r.request }
            return nil
        }.first
        let brief = try ContextBlock.decode(Brief.self, from: try #require(writerRequest?.messages.last?.content))
        #expect(brief.dependencyResults.map(\.output) == ["A is in a.swift", "B is 42"])
        #expect(model.unusedEntries.isEmpty)
    }

    @Test func feedsPlanErrorsBackAndCorrectsUnknownPersonas() async throws {
        let log = EventLog()
        let model = ScriptedModel(entries: [
            Entry(
                purpose: .plan,
                text:
                    "Here is my plan: {\"steps\": [{\"id\": 1, \"title\": \"x\", \"persona\": \"researcher\", \"depends_on\": [1]}]}"
            ),
            Entry(purpose: .plan, text: "```json\n" + planJSON([("poet", "count the words", [])]) + "\n```"),
            Entry(agent: "analyst", purpose: .work, text: "120 words"),
            Entry(purpose: .synthesis, text: "120 words"),
        ])
        let orchestrator = await makeOrchestrator(model, log: log)
        let result = await orchestrator.handle("how many words")
        #expect(result.outcome == .completed)
        guard case .modelRetried(let retry)? = log.first("model.retry")?.kind else {
            Issue.record("no retry event")
            return
        }
        #expect(retry.error.contains("step 1 depends on itself"))
        let secondPlanRequest = log.all("model.request").compactMap { event -> ChatRequest? in
            if case .modelRequested(let r) = event.kind, r.purpose == .plan { return r.request }
            return nil
        }[1]
        #expect(secondPlanRequest.messages.last?.content.contains("step 1 depends on itself") == true)
        guard case .planStarted(let started)? = log.first("orchestration.plan_started")?.kind else {
            Issue.record("no plan")
            return
        }
        #expect(started.plan.steps[0].persona == "analyst")
        #expect(started.plan.steps[0].routingReason.contains("'poet' is not available"))
    }

    @Test func degradesToOneStepWhenThePlannerNeverAnswersUsefully() async {
        let log = EventLog()
        let model = ScriptedModel(entries: [
            Entry(purpose: .plan, text: "I think we should..."),
            Entry(purpose: .plan, text: "{}"),
            Entry(purpose: .plan, text: "{\"steps\": 5}"),
            Entry(agent: "researcher", purpose: .work, text: "found it"),
            Entry(purpose: .synthesis, text: "found it"),
        ])
        let orchestrator = await makeOrchestrator(model, log: log)
        let result = await orchestrator.handle("search the docs for the config flag")
        #expect(result.outcome == .completed)
        #expect(log.all("model.retry").count == 2)
        guard case .planStarted(let started)? = log.first("orchestration.plan_started")?.kind else {
            Issue.record("no plan")
            return
        }
        #expect(started.plan.steps.count == 1)
        #expect(started.plan.steps[0].routingReason.contains("planner's replies were unusable"))
    }

    @Test func retriesThenFallsBackToTheNextCapablePersona() async {
        let log = EventLog()
        let model = ScriptedModel(entries: [
            Entry(purpose: .plan, text: planJSON([("analyst", "summarize the findings", [])])),
            Entry(agent: "analyst", purpose: .work, error: "boom 1"),
            Entry(agent: "analyst", purpose: .work, error: "boom 2"),
            Entry(agent: "writer", purpose: .work, text: "summary by the writer"),
            Entry(purpose: .synthesis, text: "done"),
        ])
        let orchestrator = await makeOrchestrator(model, log: log)
        let result = await orchestrator.handle("summarize")
        #expect(result.outcome == .completed)
        let handoffs = log.all("orchestration.handoff_completed").compactMap { event -> String? in
            if case .handoffCompleted(let h) = event.kind { return "\(h.from):\(h.status.rawValue)" }
            return nil
        }
        #expect(handoffs == ["analyst:failed", "analyst:failed", "writer:done"])
        #expect(log.types.contains("agent.status_changed"))
        guard case .taskCompleted(let task)? = log.first("orchestration.task_completed")?.kind else {
            Issue.record("no task completed")
            return
        }
        #expect(task.persona == "writer")
        #expect(task.status == .done)
    }

    @Test func skipsDependentsOfAFailedStepAndAnswersPartially() async {
        let log = EventLog()
        let model = ScriptedModel(entries: [
            Entry(
                purpose: .plan,
                text: planJSON([("coder", "fix the zzz", []), ("researcher", "list files", []), ("coder", "then test it", [1])])),
            Entry(agent: "coder", purpose: .work, error: "no"),
            Entry(agent: "coder", purpose: .work, error: "no"),
            Entry(agent: "researcher", purpose: .work, text: "files: a, b"),
            Entry(purpose: .synthesis, text: "partial answer"),
        ])
        let orchestrator = await makeOrchestrator(model, log: log)
        let result = await orchestrator.handle("x")
        #expect(result.outcome == .partial)
        let states = log.all("orchestration.task_completed").compactMap { event -> String? in
            if case .taskCompleted(let t) = event.kind { return "\(t.step):\(t.status.rawValue)" }
            return nil
        }
        #expect(Set(states) == ["1:failed", "2:done", "3:skipped"])
    }

    @Test func derivesTheLedgerWhenTheModelsIsUnusable() async {
        let log = EventLog()
        let model = ScriptedModel(entries: [
            Entry(purpose: .plan, text: planJSON([("researcher", "look", [])])),
            Entry(agent: "researcher", purpose: .work, text: "seen"),
            Entry(purpose: .progressLedger, text: "not json"),
            Entry(purpose: .progressLedger, text: "{\"is_in_loop\": true}"),
            Entry(purpose: .progressLedger, text: ""),
            Entry(purpose: .synthesis, text: "ok"),
        ])
        let orchestrator = await makeOrchestrator(model, log: log)
        _ = await orchestrator.handle("look")
        guard case .progressLedgerUpdated(let update)? = log.first("ledger.progress_updated")?.kind else {
            Issue.record("no ledger")
            return
        }
        #expect(update.derivedByEngine)
        #expect(update.ledger.isRequestSatisfied.answer)
        #expect(update.stalls == 0)
    }

    @Test func answersDirectlyWhenNoPlanIsNeeded() async {
        let log = EventLog()
        let model = ScriptedModel(entries: [
            Entry(purpose: .plan, text: "{\"needs_plan\": false, \"direct_answer\": \"Hi!\", \"steps\": []}")
        ])
        let orchestrator = await makeOrchestrator(model, log: log)
        #expect(await orchestrator.handle("hi") == TurnResult(outcome: .direct, answer: "Hi!"))
        #expect(!log.types.contains("orchestration.plan_started"))
    }

    @Test func cancellingTheTurnCancelsRunningStepsAndRecordsIt() async {
        let log = EventLog()
        let model = ScriptedModel(entries: [
            Entry(purpose: .plan, text: planJSON([("researcher", "slow", []), ("writer", "after", [1])])),
            Entry(agent: "researcher", purpose: .work, text: "never", delayMs: 60_000),
        ])
        let orchestrator = await makeOrchestrator(model, log: log)
        let turn = Task { await orchestrator.handle("slow work") }
        while !log.types.contains("orchestration.handoff_initiated") { await Task.yield() }
        turn.cancel()
        let result = await turn.value
        #expect(result.outcome == .cancelled)
        #expect(log.types.contains("turn.cancelled"))
        let states = log.all("orchestration.task_completed").compactMap { event -> StepState? in
            if case .taskCompleted(let t) = event.kind { return t.status }
            return nil
        }
        #expect(states == [.cancelled, .cancelled])
        #expect(log.types.last == "orchestration.plan_completed")
    }

    /// An orchestrator over `folder` (read-only tools) whose researcher lists `docs` with a tool,
    /// then gets `after` — the rest of the script.
    func docsLister(in folder: TemporaryFolder, log: EventLog, then after: [Entry]) async -> Orchestrator {
        let model = ScriptedModel(
            entries: [
                Entry(purpose: .plan, text: planJSON([("researcher", "list the docs", [])])),
                Entry(
                    agent: "researcher", purpose: .work,
                    toolCalls: [.init(name: "list_files", arguments: .object(["path": .string("docs")]))]),
            ] + after)
        return await makeOrchestrator(model, log: log, tools: ToolBox(WorkspaceTools.readOnly(Workspace(root: folder.url))))
    }

    @Test func aTurnCancelledMidWorkerCountsEveryResponseItGot() async throws {
        let folder = try TemporaryFolder()
        try folder.write("docs/guide.md", "one\n")
        let log = EventLog()
        let orchestrator = await docsLister(
            in: folder, log: log, then: [Entry(agent: "researcher", purpose: .work, text: "never", delayMs: 60_000)])
        let turn = Task { await orchestrator.handle("list docs") }
        let deadline = ContinuousClock.now + .seconds(30)
        while !log.types.contains("tool.result"), ContinuousClock.now < deadline { await Task.yield() }
        try #require(log.types.contains("tool.result"), "the worker's tool round never came")
        turn.cancel()
        #expect(await turn.value.outcome == .cancelled)
        let responses = log.all("model.response").compactMap { event -> Int? in
            if case .modelResponded(let response) = event.kind { return response.response.usage.total }
            return nil
        }
        guard case .planCompleted(let completed)? = log.first("orchestration.plan_completed")?.kind else {
            Issue.record("no plan_completed")
            return
        }
        #expect(responses.count == 2, "the plan and the worker's tool round")
        #expect(completed.tokens == responses.reduce(0, +), "the cancelled worker's tool round is counted")
    }

    @Test func workersUseRealToolsInALoop() async throws {
        let folder = try TemporaryFolder()
        try folder.write("docs/guide.md", "one\ntwo\n")
        let log = EventLog()
        let orchestrator = await docsLister(
            in: folder, log: log,
            then: [
                Entry(agent: "researcher", purpose: .work, text: "docs holds guide.md"),
                Entry(purpose: .synthesis, text: "docs holds guide.md"),
            ])
        _ = await orchestrator.handle("list docs")
        guard case .toolReturned(let tool)? = log.first("tool.result")?.kind else {
            Issue.record("no tool result")
            return
        }
        #expect(tool.output == "1 file under docs (.gitignore rules applied)\ndocs/guide.md")
        #expect(!tool.isError)
    }

    @Test func directRequestsSkipThePlan() async {
        let log = EventLog()
        let model = ScriptedModel(entries: [Entry(agent: "writer", purpose: .work, text: "a haiku")])
        let orchestrator = await makeOrchestrator(model, log: log)
        #expect(await orchestrator.direct(to: "writer", "write a haiku") == TurnResult(outcome: .completed, answer: "a haiku"))
        #expect(!log.types.contains("orchestration.plan_started"))
        guard case .handoffInitiated(let handoff)? = log.first("orchestration.handoff_initiated")?.kind else {
            Issue.record("no handoff")
            return
        }
        #expect(handoff.from == "user")
        let unknown = await orchestrator.direct(to: "poet", "x")
        #expect(unknown.outcome == .failed)
        #expect(unknown.answer.contains("no persona named 'poet'"))
    }

    @Test func respectsEachPersonasParallelLimit() async {
        let log = EventLog()
        let steps = (1...3).map { ("coder", "fix bug \($0)", [Int]()) }
        var entries = [Entry(purpose: .plan, text: planJSON(steps))]
        entries += (1...3).map { _ in Entry(agent: "coder", purpose: .work, text: "fixed", delayMs: 20) }
        entries.append(Entry(purpose: .synthesis, text: "all fixed"))
        let orchestrator = await makeOrchestrator(ScriptedModel(entries: entries), log: log)
        _ = await orchestrator.handle("fix three bugs")
        var running = 0
        var peak = 0
        for event in log.events {
            if case .handoffInitiated = event.kind { running += 1; peak = max(peak, running) }
            if case .handoffCompleted = event.kind { running -= 1 }
        }
        #expect(peak == 1)
    }
}
