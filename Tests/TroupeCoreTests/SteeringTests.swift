import Foundation
import Testing
import TroupeTesting

@testable import TroupeCore

/// The user's overrides of a running plan: pause and resume, retry and skip of a step.
@Suite struct SteeringTests {
    typealias Entry = ScriptedModel.Entry

    static func interventions(_ log: EventLog) -> [String] {
        log.all("user.intervention").compactMap { event -> String? in
            if case .userIntervention(let intervention) = event.kind { return "\(intervention.kind) \(intervention.detail)" }
            return nil
        }
    }

    static func handedTo(_ log: EventLog) -> [String] {
        log.all("orchestration.handoff_initiated").compactMap { event -> String? in
            if case .handoffInitiated(let handoff) = event.kind { return "\(handoff.handoff):\(handoff.to)" }
            return nil
        }
    }

    static func completions(_ log: EventLog) -> [String] {
        log.all("orchestration.task_completed").compactMap { event -> String? in
            if case .taskCompleted(let completed) = event.kind { return "\(completed.step) \(completed.status.rawValue)" }
            return nil
        }
    }

    @Test func aPausedPlanStartsNoStepUntilResumed() async throws {
        let log = EventLog()
        let scripted = ScriptedModel(entries: [
            Entry(purpose: .plan, text: planJSON([("researcher", "find the import code", []), ("coder", "draft the fix", [1])])),
            Entry(agent: "researcher", purpose: .work, text: "CSVReader.swift"),
            Entry(purpose: .progressLedger, text: ReplanningTests.ledger(progress: true)),
            Entry(agent: "coder", purpose: .work, text: "fixed"),
            Entry(purpose: .progressLedger, text: ReplanningTests.ledger(progress: true, satisfied: true)),
            Entry(purpose: .synthesis, text: "Done."),
        ])
        let model = GatedModel(scripted, holding: "researcher")
        let orchestrator = await makeOrchestrator(model, log: log)
        let turn = Task { await orchestrator.handle("fix the import") }
        while !log.types.contains("orchestration.handoff_initiated") { await Task.yield() }
        #expect(orchestrator.pauseSteps())
        #expect(!orchestrator.pauseSteps())
        model.open()
        while log.all("ledger.progress_updated").isEmpty { await Task.yield() }
        #expect(Self.handedTo(log) == ["h1:researcher"])
        #expect(orchestrator.resumeSteps())
        #expect(await turn.value == TurnResult(outcome: .completed, answer: "Done."))
        #expect(Self.handedTo(log) == ["h1:researcher", "h2:coder"])
        #expect(Self.interventions(log) == ["pause_plan no new steps start", "resume_plan steps start again"])
        let types = log.types
        let resumed = try #require(
            log.events.firstIndex { event in
                if case .userIntervention(let intervention) = event.kind { return intervention.kind == .resumePlan }
                return false
            })
        #expect(types.lastIndex(of: "orchestration.handoff_initiated")! > resumed)
    }

    @Test func retryingARunningStepCancelsItRollsItBackAndRunsItAgain() async throws {
        let log = EventLog()
        let scripted = ScriptedModel(entries: [
            Entry(purpose: .plan, text: planJSON([("researcher", "find the import code", [])])),
            Entry(agent: "researcher", purpose: .work, text: "CSVReader.swift"),
            Entry(agent: "researcher", purpose: .work, text: "CSVReader.swift, line 40"),
            Entry(purpose: .progressLedger, text: ReplanningTests.ledger(progress: true, satisfied: true)),
            Entry(purpose: .synthesis, text: "Found it."),
        ])
        let model = GatedModel(scripted, holding: "researcher")
        let orchestrator = await makeOrchestrator(model, log: log)
        let turn = Task { await orchestrator.handle("find the import") }
        while !log.types.contains("orchestration.handoff_initiated") { await Task.yield() }
        orchestrator.retry(step: 1)
        orchestrator.retry(step: 7)
        model.open()
        #expect(await turn.value == TurnResult(outcome: .completed, answer: "Found it."))
        #expect(Self.completions(log) == ["1 cancelled", "1 done"])
        #expect(log.types.contains("orchestration.handoff_rolled_back"))
        #expect(Self.handedTo(log).count == 2)
        #expect(Self.interventions(log) == ["retry step 1", "retry step 7", "retry_refused step 7: there is no such step"])
        #expect(scripted.unusedEntries.isEmpty)
    }

    @Test func aSkippedStepDoesNotRunAndItsDependentsGoOnWithoutIt() async throws {
        let log = EventLog()
        let scripted = ScriptedModel(entries: [
            Entry(
                purpose: .plan,
                text: planJSON([
                    ("researcher", "find the import code", []), ("coder", "draft the fix", [1]),
                    ("writer", "write the notes", [2]),
                ])),
            Entry(agent: "researcher", purpose: .work, text: "CSVReader.swift"),
            Entry(agent: "writer", purpose: .work, text: "notes"),
            Entry(purpose: .progressLedger, text: ReplanningTests.ledger(progress: true, satisfied: true)),
            Entry(purpose: .synthesis, text: "Notes written; the fix was skipped."),
        ])
        let model = GatedModel(scripted, holding: "researcher")
        let orchestrator = await makeOrchestrator(model, log: log)
        let turn = Task { await orchestrator.handle("fix the import and write notes") }
        while !log.types.contains("orchestration.handoff_initiated") { await Task.yield() }
        orchestrator.skip(step: 2)
        model.open()
        let result = await turn.value
        #expect(result == TurnResult(outcome: .partial, answer: "Notes written; the fix was skipped."))
        #expect(Self.handedTo(log) == ["h1:researcher", "h3:writer"])
        #expect(Self.completions(log) == ["2 skipped", "1 done", "3 done"])
        #expect(Self.interventions(log) == ["skip step 2"])
        #expect(scripted.unusedEntries.isEmpty)
    }

    @Test func everyOverrideIsReadBackFromTheEventThatRecordsIt() {
        let overrides: [UserOverride] = [
            .assign(step: 2, persona: "analyst"), .retry(step: 3), .skip(step: 14), .pause, .resume,
        ]
        for override in overrides { #expect(UserOverride(override.intervention) == override) }
        #expect(UserOverride(UserIntervention(kind: .resume, detail: "9e974d9c")) == nil)
        #expect(UserOverride(UserIntervention(kind: .assign, detail: "step x → analyst")) == nil)
        #expect(UserOverride(UserIntervention(kind: .assignRefused, detail: "step 1 → writer: it is done")) == nil)
    }
}
