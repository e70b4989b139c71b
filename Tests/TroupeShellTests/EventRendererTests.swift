import Foundation
import Testing
import TroupeCore

@testable import TroupeShell

@Suite struct EventRendererTests {
    let renderer = EventRenderer(style: TextStyle(enabled: false), colors: [:])

    func render(_ kind: EventKind) -> RenderedEvent {
        renderer.render(TroupeEvent(seq: 1, timestamp: Date(timeIntervalSince1970: 0), kind: kind))
    }

    @Test func rendersThePlanWithDependenciesAligned() {
        let plan = Plan(steps: [
            PlanStep(id: 1, title: "Locate the code", persona: "researcher"),
            PlanStep(id: 2, title: "Profile it", persona: "analyst", dependsOn: [1]),
            PlanStep(id: 3, title: "Write it up", persona: "writer", dependsOn: [1, 2]),
        ])
        #expect(
            render(.planStarted(PlanStarted(request: "r", plan: plan))).progress == [
                "plan  (task ledger · 3 steps)",
                "  1 researcher  Locate the code",
                "  2 analyst     Profile it       after 1",
                "  3 writer      Write it up      after 1, 2",
            ])
    }

    @Test func rendersHandoffsAndTheirReturn() {
        let out = render(
            .handoffInitiated(
                HandoffInitiated(
                    handoff: "h1", from: "orchestrator", to: "researcher", step: 1, briefTokens: 612, facts: 2, dependencies: 0)))
        #expect(out.progress == ["⇢ orchestrator → researcher  step 1 · brief 612 tok (2 facts)"])
        let back = render(
            .handoffCompleted(
                HandoffCompleted(
                    handoff: "h1", from: "researcher", to: "orchestrator", step: 1, status: .done, durationMs: 4100, tokens: 1900)
            ))
        #expect(back.progress == ["⇠ researcher → orchestrator  ✓ step 1 · 4.1 s · 1.9k tok"])
        let failed = render(
            .handoffCompleted(
                HandoffCompleted(
                    handoff: "h2", from: "coder", to: "orchestrator", step: 3, status: .failed, durationMs: 50, tokens: 12)))
        #expect(failed.progress == ["⇠ coder → orchestrator  ✗ failed step 3 · 0.1 s · 12 tok"])
    }

    @Test func rendersTheLedgerSummaryLine() {
        let ledger = ProgressLedger(
            isRequestSatisfied: .init(reason: "", answer: false), isInLoop: .init(reason: "", answer: false),
            isProgressBeingMade: .init(reason: "", answer: true),
            nextSpeaker: .init(reason: "profile needs the code path", answer: "analyst"),
            instructionOrQuestion: .init(reason: "", answer: "profile"))
        let out = render(
            .progressLedgerUpdated(
                ProgressLedgerUpdated(
                    afterStep: 1, ledger: ledger, done: 1, running: 0, total: 4, stalls: 0, derivedByEngine: false)))
        #expect(out.progress == ["ledger  1/4 done · 0 running · stalls 0 · next: analyst (profile needs the code path)"])
        let decided = render(
            .progressLedgerUpdated(
                ProgressLedgerUpdated(
                    afterStep: 1, ledger: ledger, done: 1, running: 0, total: 4, stalls: 0, derivedByEngine: false,
                    judged: [1], nextStep: 2)))
        #expect(
            decided.progress == [
                "ledger  1/4 done · 0 running · stalls 0 · step 2 → analyst: profile (profile needs the code path)"
            ])
        var satisfied = ledger
        satisfied.isRequestSatisfied = .init(reason: "the path was all", answer: true)
        let ended = render(
            .progressLedgerUpdated(
                ProgressLedgerUpdated(
                    afterStep: 1, ledger: satisfied, done: 1, running: 0, total: 4, stalls: 0, derivedByEngine: false,
                    judged: [1])))
        #expect(ended.progress == ["ledger  1/4 done · 0 running · stalls 0 · satisfied: answer (the path was all)"])
        let reassigned = render(
            .taskAssigned(TaskAssigned(step: 2, persona: "analyst", reason: "progress ledger: measure first (was coder)")))
        #expect(reassigned.progress == ["  step 2 → analyst (progress ledger: measure first (was coder))"])
    }

    @Test func sanitizesModelTextAndSplitsTheAnswerFromProgress() {
        let out = render(
            .planCompleted(PlanCompleted(outcome: .completed, answer: "hi \u{1B}]0;x\u{07}there", durationMs: 1200, tokens: 50)))
        #expect(out.answer == ["hi there"])
        #expect(out.progress == ["── completed · 1.2 s · 50 tok"])
    }

    @Test func recordOnlyEventsRenderNothing() {
        #expect(render(.userInput(UserInput(text: "x"))) == RenderedEvent())
    }
}

@Suite struct StreamedAnswerTests {
    func event(_ kind: EventKind) -> TroupeEvent {
        TroupeEvent(seq: 1, timestamp: Date(timeIntervalSince1970: 0), kind: kind)
    }

    let renderer = EventRenderer(style: TextStyle(enabled: false), colors: [:])

    func present(_ presenter: StreamedAnswer, _ kind: EventKind) -> (fragment: String?, answer: [String]) {
        let event = event(kind)
        return presenter.present(event, rendered: renderer.render(event))
    }

    @Test func aStreamedAnswerIsNotPrintedTwice() {
        let presenter = StreamedAnswer()
        #expect(present(presenter, .answerDelta(AnswerDelta(text: "Forty"))).fragment == "Forty")
        #expect(present(presenter, .answerDelta(AnswerDelta(text: "-two \u{1B}[2J"))).fragment == "-two ")
        let end = present(
            presenter, .planCompleted(PlanCompleted(outcome: .completed, answer: "Forty-two \u{1B}[2J", durationMs: 1, tokens: 1))
        )
        #expect(end.fragment == "\n")
        #expect(end.answer.isEmpty)
    }

    @Test func anAnswerTheEngineWroteInsteadIsPrintedAfterTheStream() {
        let presenter = StreamedAnswer()
        _ = present(presenter, .answerDelta(AnswerDelta(text: "partial")))
        let end = present(
            presenter, .planCompleted(PlanCompleted(outcome: .partial, answer: "The step results: …", durationMs: 1, tokens: 1)))
        #expect(end.fragment == "\n")
        #expect(end.answer == ["The step results: …"])
    }

    @Test func withoutAStreamTheAnswerIsPrintedWhole() {
        let presenter = StreamedAnswer()
        let end = present(presenter, .planCompleted(PlanCompleted(outcome: .direct, answer: "Hi", durationMs: 1, tokens: 1)))
        #expect(end.fragment == nil)
        #expect(end.answer == ["Hi"])
    }
}
