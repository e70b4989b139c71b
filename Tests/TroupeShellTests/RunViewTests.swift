import Foundation
import Testing
import TroupeCore

@testable import TroupeShell

/// `/graph` and `/timeline` drawn from fixed plans and events, without colour.
@Suite struct RunViewTests {
    let plain = TextStyle(enabled: false)

    func step(_ id: Int, _ persona: String, _ title: String, after: [Int] = [], _ state: StepState = .pending) -> PlanStep {
        PlanStep(id: id, title: title, persona: persona, dependsOn: after, state: state)
    }

    @Test func aDiamondIsDrawnInLayersWithTheLongestChainHeavy() {
        let plan = Plan(steps: [
            step(1, "researcher", "Find the parser", .done), step(2, "analyst", "Count its lines", after: [1], .running),
            step(3, "coder", "Read its tests", after: [1]), step(4, "writer", "Sum it up", after: [2, 3]),
        ])
        let drawing = PlanGraphView(style: plain).render(plan, timeline: TurnTimeline(), width: 60)
        #expect(
            drawing == [
                "plan graph  4 steps in 3 layers · critical path 1 → 2 → 4 (heavy boxes)",
                "  ┏━━━━━━━━━━━━━━━━━━━━━━━━━┓",
                "  ┃ ✓ 1 researcher          ┃",
                "  ┃ Find the parser         ┃",
                "  ┃ first                   ┃",
                "  ┗━━━━━━━━━━━━━━━━━━━━━━━━━┛",
                "               ↓",
                "  ┏━━━━━━━━━━━━━━━━━━━━━━━━━┓  ┌─────────────────────────┐",
                "  ┃ … 2 analyst             ┃  │ · 3 coder               │",
                "  ┃ Count its lines         ┃  │ Read its tests          │",
                "  ┃ after 1                 ┃  │ after 1                 │",
                "  ┗━━━━━━━━━━━━━━━━━━━━━━━━━┛  └─────────────────────────┘",
                "               ↓",
                "  ┏━━━━━━━━━━━━━━━━━━━━━━━━━┓",
                "  ┃ · 4 writer              ┃",
                "  ┃ Sum it up               ┃",
                "  ┃ after 2, 3              ┃",
                "  ┗━━━━━━━━━━━━━━━━━━━━━━━━━┛",
            ])
    }

    @Test func aWideFanOutWrapsToTheWidthAndALongChainStaysOneColumn() {
        let fan = Plan(steps: (1...7).map { step($0, "researcher", "Look up part \($0)") })
        let wrapped = PlanGraphView(style: plain).render(fan, timeline: TurnTimeline(), width: 70)
        #expect(wrapped.allSatisfy { $0.count <= 70 }, "\(wrapped.joined(separator: "\n"))")
        #expect(wrapped.filter { $0.contains("┐") || $0.contains("┓") }.count == 3, "seven boxes, three to a row")
        let chain = Plan(steps: (1...5).map { step($0, "coder", "Stage \($0)", after: $0 == 1 ? [] : [$0 - 1]) })
        let drawn = PlanGraphView(style: plain).render(chain, timeline: TurnTimeline(), width: 80)
        #expect(drawn[0] == "plan graph  5 steps in 5 layers · critical path 1 → 2 → 3 → 4 → 5 (heavy boxes)")
        #expect(drawn.filter { $0.hasSuffix("↓") }.count == 4)
        let narrow = PlanGraphView(style: plain).render(chain, timeline: TurnTimeline(), width: 12)
        #expect(
            narrow.dropFirst() == [
                "  layer 1: 1 · coder", "  layer 2: 2 · coder", "  layer 3: 3 · coder", "  layer 4: 4 · coder",
                "  layer 5: 5 · coder",
            ])
    }

    @Test func aReplannedPlanShowsTheFailedStepAndTheStepsAddedAfterIt() {
        let plan = Plan(steps: [
            step(1, "researcher", "Find the parser", .done), step(2, "coder", "Patch the parser", after: [1], .failed),
            step(3, "analyst", "Explain the failure", after: [1, 2], .running), step(4, "coder", "Patch it again", after: [3]),
        ])
        let drawing = PlanGraphView(style: plain).render(plan, timeline: TurnTimeline(), width: 80)
        #expect(
            drawing == [
                "plan graph  4 steps in 4 layers · critical path 1 → 2 → 3 → 4 (heavy boxes)",
                "  ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓",
                "  ┃ ✓ 1 researcher                 ┃",
                "  ┃ Find the parser                ┃",
                "  ┃ first                          ┃",
                "  ┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛",
                "                   ↓",
                "  ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓",
                "  ┃ ✗ 2 coder                      ┃",
                "  ┃ Patch the parser               ┃",
                "  ┃ after 1                        ┃",
                "  ┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛",
                "                   ↓",
                "  ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓",
                "  ┃ … 3 analyst                    ┃",
                "  ┃ Explain the failure            ┃",
                "  ┃ after 1, 2                     ┃",
                "  ┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛",
                "                   ↓",
                "  ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓",
                "  ┃ · 4 coder                      ┃",
                "  ┃ Patch it again                 ┃",
                "  ┃ after 3                        ┃",
                "  ┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛",
            ])
    }

    /// A request of two steps, the second waiting for the first; `finished`: to its end, else cut
    /// while step 2 runs.
    func timeline(finished: Bool = true) -> TurnTimeline {
        let start = Date(timeIntervalSince1970: 1_000)
        var timeline = TurnTimeline()
        var seq = 0
        func at(_ seconds: Double, _ kind: EventKind) {
            seq += 1
            timeline.apply(TroupeEvent(seq: seq, timestamp: start.addingTimeInterval(seconds), kind: kind))
        }
        let plan = Plan(steps: [step(1, "researcher", "Find the parser"), step(2, "writer", "Sum it up", after: [1])])
        let request = ChatRequest(agent: "researcher", purpose: .work, messages: [])
        let answer = ChatResponse(
            message: ChatMessage(role: .assistant, content: "x"), usage: TokenUsage(inputTokens: 900, outputTokens: 100))
        at(0, .userInput(UserInput(text: "find and sum up")))
        at(0.5, .planStarted(PlanStarted(request: "find and sum up", plan: plan)))
        at(
            0.5,
            .handoffInitiated(
                HandoffInitiated(
                    handoff: "h1", from: "orchestrator", to: "researcher", step: 1, briefTokens: 10, facts: 0, dependencies: 0)))
        at(0.6, .modelRequested(ModelRequested(agent: "researcher", purpose: .work, hash: "a", request: request)))
        at(
            2.0,
            .modelResponded(
                ModelResponded(agent: "researcher", model: "m", purpose: .work, hash: "a", response: answer, durationMs: 1400)))
        at(
            2.5,
            .taskCompleted(
                TaskCompleted(
                    step: 1, persona: "researcher", status: .done, summary: "", output: "", durationMs: 2000, tokens: 1000)))
        at(
            3.0,
            .handoffInitiated(
                HandoffInitiated(
                    handoff: "h2", from: "orchestrator", to: "writer", step: 2, briefTokens: 10, facts: 0, dependencies: 1)))
        guard finished else { return timeline }
        at(
            4.5,
            .taskCompleted(
                TaskCompleted(
                    step: 2, persona: "writer", status: .needsModel, summary: "", output: "", durationMs: 1500, tokens: 0)))
        at(5.0, .planCompleted(PlanCompleted(outcome: .partial, answer: "", durationMs: 5000, tokens: 1000)))
        return timeline
    }

    @Test func aRunningRequestIsDrawnUpToNowOnlyWhenToldNow() {
        let view = TimelineView(style: plain) { _, _ in nil }
        let running = timeline(finished: false)
        let now = Date(timeIntervalSince1970: 1_010)
        #expect(
            view.render(running, width: 64, now: now)[0] == "timeline  running · 10.0 s wall · 2 steps · at most 1 worker at once"
        )
        #expect(view.render(running, width: 64)[0] == "timeline  running · 3.0 s wall · 2 steps · at most 1 worker at once")
        #expect(view.render(timeline(), width: 64, now: now)[0].hasPrefix("timeline  5.0 s wall"), "a finished one keeps its end")
    }

    @Test func theTimelineShowsWaitingApartFromRunningAndWhereTheTimeWent() {
        let lines = TimelineView(style: plain) { usage, _ in Double(usage.total) / 1_000_000 }.render(timeline(), width: 64)
        #expect(lines[0] == "timeline  5.0 s wall · 2 steps · at most 1 worker at once")
        let first = lines.first { $0.hasPrefix("  1 ✓ researcher") }
        let second = lines.first { $0.hasPrefix("  2 ◌ writer") }
        // 18 columns for 5 s: step 1 runs 0.5–2.5 s (columns 1–8); step 2 could start at 2.5 s
        // (column 9), ran 3.0–4.5 s (columns 10–15).
        #expect(first == "  1 ✓ researcher Find the parser     ████████          2.0 s", "\(first ?? "")")
        #expect(second == "  2 ◌ writer Sum it up                       ░██████   1.5 s", "\(second ?? "")")
        #expect(lines.contains("  critical path 1 → 2: 3.5 s — model calls 1.4 s, Troupe 2.1 s"))
        #expect(lines.last == "  tokens  researcher 1.0k ($0.0010)")
    }

    @Test func nothingRunYetIsSaid() {
        #expect(
            TimelineView(style: plain).render(TurnTimeline(), width: 80) == [
                "No request has run yet: the timeline shows the current or last one."
            ])
        #expect(
            PlanGraphView(style: plain).render(nil, timeline: TurnTimeline(), width: 80) == [
                "No plan yet: the graph shows the current or last one."
            ])
    }
}
