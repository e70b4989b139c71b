import Foundation
import Synchronization
import Testing
import TroupeTesting

@testable import TroupeCore

/// Holds the progress-ledger call until a synthesis call arrives (or two seconds pass), and
/// says which happened: whether the final answer was being written while the ledger judged.
final class LedgerHoldingModel: ChatModel {
    let inner: ScriptedModel
    private let synthesisArrived = Mutex(false)
    let overlapped = Mutex<Bool?>(nil)

    init(_ inner: ScriptedModel) { self.inner = inner }

    var identifier: String { inner.identifier }

    func stream(_ request: ChatRequest) -> AsyncThrowingStream<ChatDelta, any Error> {
        if request.purpose == .synthesis { synthesisArrived.withLock { $0 = true } }
        guard request.purpose == .progressLedger else { return inner.stream(request) }
        return relay(inner, request) { [self] in
            let deadline = ContinuousClock.now + .seconds(2)
            while !synthesisArrived.withLock({ $0 }), ContinuousClock.now < deadline { await Task.yield() }
            let arrived = synthesisArrived.withLock { $0 }
            overlapped.withLock { $0 = arrived }
        }
    }
}

/// The progress ledger as the control loop over the DAG: its verdicts are carried out.
@Suite struct ProgressLedgerSteeringTests {
    typealias Entry = ScriptedModel.Entry

    static func ledger(
        satisfied: Bool = false, satisfiedReason: String = "r", progress: Bool = true, next: String = "none",
        nextReason: String = "r", instruction: String = ""
    ) -> String {
        let ledger = ProgressLedger(
            isRequestSatisfied: LedgerAnswer(reason: satisfiedReason, answer: satisfied),
            isInLoop: LedgerAnswer(reason: "no repeats", answer: false),
            isProgressBeingMade: LedgerAnswer(reason: progress ? "moving" : "stuck", answer: progress),
            nextSpeaker: LedgerAnswer(reason: nextReason, answer: next),
            instructionOrQuestion: LedgerAnswer(reason: "what the step needs", answer: instruction))
        return try! JSONCoding.string(ledger)
    }

    func requests(_ log: EventLog, _ purpose: RequestPurpose, agent: String? = nil) -> [String] {
        log.all("model.request").compactMap { event -> String? in
            guard case .modelRequested(let requested) = event.kind, requested.purpose == purpose,
                agent == nil || requested.agent == agent
            else { return nil }
            return requested.request.messages.map(\.content).joined(separator: "\n")
        }
    }

    func updates(_ log: EventLog) -> [ProgressLedgerUpdated] {
        log.all("ledger.progress_updated").compactMap { event in
            if case .progressLedgerUpdated(let update) = event.kind { return update }
            return nil
        }
    }

    @Test func theLedgerReassignsTheNextStepAndWritesItsInstruction() async throws {
        let log = EventLog()
        let model = ScriptedModel(entries: [
            Entry(purpose: .plan, text: planJSON([("researcher", "find the import code", []), ("coder", "draft the fix", [1])])),
            Entry(agent: "researcher", purpose: .work, text: "CSVReader.swift reads rows one by one in rows()."),
            Entry(
                purpose: .progressLedger,
                text: Self.ledger(
                    next: "analyst", nextReason: "measure before fixing",
                    instruction: "Time rows() in CSVReader.swift on the samples before anyone changes it.")),
            Entry(agent: "analyst", purpose: .work, text: "rows() takes 80% of the import."),
            Entry(purpose: .progressLedger, text: Self.ledger(satisfied: true)),
            Entry(purpose: .synthesis, text: "Measured."),
        ])
        let orchestrator = await makeOrchestrator(model, log: log)
        #expect(await orchestrator.handle("fix the slow import") == TurnResult(outcome: .completed, answer: "Measured."))

        let judged = try #require(requests(log, .progressLedger).first)
        #expect(judged.contains("CSVReader.swift reads rows one by one"))
        #expect(judged.contains("\"next_step\""))
        #expect(judged.contains("\"team\""))
        #expect(updates(log).map(\.nextStep) == [2, nil])
        #expect(updates(log).map(\.judged) == [[1], [2]])

        let assignments = log.all("orchestration.task_assigned").compactMap { event -> String? in
            if case .taskAssigned(let assigned) = event.kind, assigned.step == 2 {
                return "\(assigned.persona): \(assigned.reason)"
            }
            return nil
        }
        #expect(assignments.last == "analyst: progress ledger: measure before fixing (was coder)")
        guard case .handoffInitiated(let handoff)? = log.all("orchestration.handoff_initiated").last?.kind else {
            Issue.record("no handoff for step 2")
            return
        }
        #expect(handoff.to == "analyst")
        let brief = try #require(handoff.brief)
        #expect(brief.instruction == "Time rows() in CSVReader.swift on the samples before anyone changes it.")
        #expect(brief.planStep == "draft the fix")
        #expect(brief.reason.contains("instruction from the progress ledger: what the step needs"))
        let work = try #require(requests(log, .work, agent: "analyst").first)
        #expect(work.contains("\"plan_step\":\"draft the fix\""))
        #expect(model.unusedEntries.isEmpty)
    }

    @Test func aSatisfiedVerdictEndsThePlanEarlyAndSaysSo() async throws {
        let log = EventLog()
        let model = ScriptedModel(entries: [
            Entry(purpose: .plan, text: planJSON([("researcher", "find the import code", []), ("writer", "write it up", [1])])),
            Entry(agent: "researcher", purpose: .work, text: "Sources/Import/CSVReader.swift"),
            Entry(purpose: .progressLedger, text: Self.ledger(satisfied: true, satisfiedReason: "the path was all they asked")),
            Entry(purpose: .synthesis, text: "It is in Sources/Import/CSVReader.swift."),
        ])
        let orchestrator = await makeOrchestrator(model, log: log)
        let result = await orchestrator.handle("where is the import code?")
        #expect(result == TurnResult(outcome: .completed, answer: "It is in Sources/Import/CSVReader.swift."))
        guard case .taskCompleted(let skipped)? = log.all("orchestration.task_completed").last?.kind else {
            Issue.record("no completion")
            return
        }
        #expect(skipped.step == 2 && skipped.status == .skipped)
        #expect(skipped.summary == "not needed: the request was already satisfied (the path was all they asked)")
        #expect(requests(log, .work, agent: "writer").isEmpty)
        #expect(model.unusedEntries.isEmpty)
    }

    @Test func aFinishedButUnsatisfiedPlanIsExtendedOnceThenAnsweredWithTheVerdict() async throws {
        let log = EventLog()
        let extension1 = """
            {"root_cause": "nobody ran the tests", "facts": {"given": ["the fix is written"], "educated_guesses": ["the tests pass"]},
             "steps": [{"id": 2, "title": "Run the import's tests", "persona": "coder", "depends_on": [1]}]}
            """
        let model = ScriptedModel(entries: [
            Entry(purpose: .plan, text: planJSON([("coder", "fix the quoting bug", [])])),
            Entry(agent: "coder", purpose: .work, text: "Fixed the quote handling."),
            Entry(purpose: .progressLedger, text: Self.ledger(satisfiedReason: "the fix was not tested")),
            // Each end of the plan has an answer written while the ledger judges; both are dropped.
            Entry(purpose: .synthesis, text: "Dropped at the first end."),
            Entry(purpose: .replan, text: extension1),
            Entry(agent: "coder", purpose: .work, text: "Two tests fail."),
            Entry(purpose: .progressLedger, text: Self.ledger(satisfiedReason: "two tests still fail")),
            Entry(purpose: .synthesis, text: "Dropped at the second end."),
            Entry(purpose: .synthesis, text: "Fixed, but two tests still fail."),
        ])
        let configuration = OrchestratorConfiguration(maxReplans: 1, retryBackoff: .zero)
        let orchestrator = await makeOrchestrator(model, log: log, configuration: configuration)
        let result = await orchestrator.handle("fix the quoting bug")
        #expect(result == TurnResult(outcome: .partial, answer: "Fixed, but two tests still fail."))

        guard case .replanned(let replanned)? = log.first("orchestration.replanned")?.kind else {
            Issue.record("no extension")
            return
        }
        #expect(replanned.trigger == .unsatisfied)
        #expect(replanned.plan.steps.map(\.id) == [1, 2])
        let replan = try #require(requests(log, .replan).first)
        #expect(replan.contains("Every step of the plan has finished"))
        #expect(replan.contains("the fix was not tested"))
        let synthesis = try #require(requests(log, .synthesis).last)
        #expect(synthesis.contains("two tests still fail"))
        let shown = log.all("answer.delta").compactMap { event -> String? in
            if case .answerDelta(let delta) = event.kind { return delta.text }
            return nil
        }
        #expect(shown.joined() == "Fixed, but two tests still fail.")
        guard case .handoffInitiated(let handoff)? = log.all("orchestration.handoff_initiated").last?.kind else {
            Issue.record("no handoff for step 2")
            return
        }
        #expect(try #require(handoff.brief).constraints.contains { $0.contains("nobody ran the tests") })
        #expect(model.unusedEntries.isEmpty)
    }

    @Test func aReplanThatFailsStillAnswersWithWhatWasDoneAndItsTokens() async throws {
        let log = EventLog()
        let model = ScriptedModel(entries: [
            Entry(purpose: .plan, text: planJSON([("coder", "fix it", []), ("coder", "fix it again", [1])])),
            Entry(agent: "coder", purpose: .work, text: "no luck"),
            Entry(purpose: .progressLedger, text: Self.ledger(progress: false)),
            Entry(purpose: .replan, error: "the provider went away"),
            Entry(purpose: .synthesis, text: "Here is what was tried."),
        ])
        let configuration = OrchestratorConfiguration(maxStalls: 1, retryBackoff: .zero)
        let orchestrator = await makeOrchestrator(model, log: log, configuration: configuration)
        let result = await orchestrator.handle("fix the flaky test")
        #expect(result == TurnResult(outcome: .partial, answer: "Here is what was tried."))
        guard case .escalated(let escalated)? = log.first("orchestration.escalated")?.kind,
            case .planCompleted(let completed)? = log.first("orchestration.plan_completed")?.kind
        else {
            Issue.record("no escalation or completion")
            return
        }
        #expect(escalated.reason.hasPrefix("the re-plan failed ("))
        #expect(completed.tokens > 0)
        #expect(model.unusedEntries.isEmpty)
    }

    @Test func independentStepsNeverWaitForTheLedgerWhichJudgesThemTogether() async throws {
        let log = EventLog()
        let model = ScriptedModel(entries: [
            Entry(
                purpose: .plan,
                text: planJSON([
                    ("researcher", "find the reader", []), ("analyst", "count the rows", []), ("writer", "draft notes", []),
                ])),
            Entry(agent: "researcher", purpose: .work, text: "CSVReader.swift"),
            Entry(agent: "analyst", purpose: .work, text: "1,204 rows"),
            Entry(agent: "writer", purpose: .work, text: "notes"),
            Entry(purpose: .progressLedger, text: Self.ledger(satisfied: true)),
            Entry(purpose: .synthesis, text: "Done."),
        ])
        let orchestrator = await makeOrchestrator(model, log: log)
        #expect(await orchestrator.handle("three things") == TurnResult(outcome: .completed, answer: "Done."))
        #expect(requests(log, .progressLedger).count == 1)
        #expect(updates(log).map { $0.judged?.sorted() } == [[1, 2, 3]])
        let types = log.types
        #expect(types.lastIndex(of: "orchestration.handoff_initiated")! < types.firstIndex(of: "ledger.progress_updated")!)
        #expect(model.unusedEntries.isEmpty)
    }

    @Test func theLastJudgementIsMadeWhileTheAnswerIsWrittenAndShownOnlyAfterIt() async throws {
        let log = EventLog()
        let scripted = ScriptedModel(entries: [
            Entry(purpose: .plan, text: planJSON([("researcher", "find the reader", [])])),
            Entry(agent: "researcher", purpose: .work, text: "CSVReader.swift"),
            Entry(purpose: .progressLedger, text: Self.ledger(satisfied: true)),
            Entry(purpose: .synthesis, text: "It is CSVReader.swift."),
        ])
        let model = LedgerHoldingModel(scripted)
        let orchestrator = await makeOrchestrator(model, log: log)
        #expect(await orchestrator.handle("where?") == TurnResult(outcome: .completed, answer: "It is CSVReader.swift."))
        #expect(model.overlapped.withLock { $0 } == true)
        let types = log.types
        #expect(types.firstIndex(of: "ledger.progress_updated")! < types.firstIndex(of: "answer.delta")!)
        #expect(scripted.unusedEntries.isEmpty)
    }

    @Test func nearlyIdenticalAnswersOfOnePersonaToOneStepAreALoop() {
        var detector = LoopDetector()
        let answer = "I looked at CSVReader.swift and the rows are read one at a time through a buffered reader of 4 KB."
        let first = detector.record(persona: "coder", title: "Fix the reader", output: answer)
        let nearlyTheSame = detector.record(
            persona: "coder", title: "fix the reader.",
            output: "I looked at CSVReader.swift and the rows are read one at a time through a buffered reader of 4 KB!")
        let otherPersona = detector.record(persona: "analyst", title: "Fix the reader", output: answer)
        let otherAnswer = detector.record(
            persona: "coder", title: "Fix the reader", output: "The parser, not the reader, is slow.")
        #expect(!first && nearlyTheSame && !otherPersona && !otherAnswer)
        #expect(LoopDetector.similarity(LoopDetector.shingles("a b c d"), LoopDetector.shingles("a b c d")) == 1)
    }

    @Test func onALongPlanTheJudgeSeesTheUnfinishedStepsAndTheCounts() {
        let steps = (1...300).map { PlanStep(id: $0, title: "step \($0)", persona: "coder") }
        var run = PlanRun(ledger: TaskLedger(request: "r", facts: TaskFacts(), plan: Plan(steps: steps)))
        for id in 1...60 { run.setState(.done, of: id) }
        let judge = ProgressStage(
            gateway: ModelGateway(model: ScriptedModel(entries: []), bus: EventBus()), orchestrator: BuiltinPersonas.all[0],
            maxStalls: 3, team: [])
        let context = judge.context(judging: [60], next: 61, in: run)
        #expect(context.plan.count == ProgressStage.planSteps)
        #expect(context.plan.first?.id == 61)
        #expect(context.planNote == "300 steps (60 done, 240 pending); listed: the first 100 unfinished")
        #expect(context.nextStep?.id == 61)
    }

    @Test func asciiWhitespaceIsTrimmedAtTheEndsOnly() {
        #expect(" \t\r\n{\"a\": 1}\n \u{0B}".trimmingASCIIWhitespace == "{\"a\": 1}")
        #expect("\u{00A0}x\u{00A0}".trimmingASCIIWhitespace == "\u{00A0}x\u{00A0}")
        #expect("  ".trimmingASCIIWhitespace.isEmpty)
        #expect("é a é".trimmingASCIIWhitespace == "é a é")
    }
}
