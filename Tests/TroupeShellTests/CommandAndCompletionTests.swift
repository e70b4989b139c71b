import Foundation
import Testing
import TroupeCore

@testable import TroupeShell

@Suite struct CompletionMatcherTests {
    let matcher = CompletionMatcher(commands: ["help", "agents", "plan", "ledger", "quit"], personas: ["researcher", "writer"])

    @Test func completesCommandsAtTheStartOfTheLine() {
        #expect(matcher.candidates(word: "/a", line: "/a") == ["/agents"])
        #expect(matcher.candidates(word: "/", line: "/").count == 5)
        #expect(matcher.candidates(word: "/p", line: "hello /p").isEmpty)
    }

    @Test func completesPersonaNames() {
        #expect(matcher.candidates(word: "@w", line: "@w") == ["@writer"])
        #expect(matcher.candidates(word: "res", line: "@res") == ["researcher"])
        #expect(matcher.candidates(word: "res", line: "please res").isEmpty)
    }

    @Test func completesStepAndHandoffIdsAndModelNames() {
        let matcher = CompletionMatcher(
            commands: [], personas: [], models: ["anthropic/claude-sonnet-4-5", "offline", "opus"],
            ids: { (["1", "2", "12"], ["h1", "h1.2", "d1"]) })
        #expect(matcher.candidates(word: "1", line: "/assign 1") == ["1", "12"])
        #expect(matcher.candidates(word: "", line: "/plan drop ") == ["1", "2", "12"])
        #expect(matcher.candidates(word: "h1", line: "/handoff h1") == ["h1", "h1.2"])
        #expect(matcher.candidates(word: "o", line: "/model @coder o") == ["offline", "opus"])
        #expect(matcher.candidates(word: "1", line: "step 1").isEmpty)
    }

    @Test func completesPathsRelativeToTheFolderAndUnderHome() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("troupe-complete-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("Sources/App"), withIntermediateDirectories: true)
        try "".write(to: folder.appendingPathComponent("Sources/main.swift"), atomically: true, encoding: .utf8)
        try "".write(to: folder.appendingPathComponent("Sources/.hidden"), atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: folder) }
        let matcher = CompletionMatcher(commands: [], personas: [], directory: folder)
        #expect(matcher.candidates(word: "Sources/", line: "read Sources/") == ["Sources/App/", "Sources/main.swift"])
        #expect(matcher.candidates(word: "./Sources/m", line: "read ./Sources/m") == ["./Sources/main.swift"])
        #expect(matcher.candidates(word: "Sources/.h", line: "Sources/.h") == ["Sources/.hidden"])
        #expect(matcher.candidates(word: "Nowhere/x", line: "Nowhere/x").isEmpty)
    }

    @Test func commonPrefix() {
        #expect(CompletionMatcher.commonPrefix(["/plan", "/play"]) == "/pla")
    }
}

@Suite struct CommandTableTests {
    let table = CommandTable(
        commands: ["help", "plan", "pause", "quit"].map { name in
            SlashCommand(name: name, arguments: "", summary: name) { _, _ in .continue }
        })

    @Test func matchesExactNamesAndUniquePrefixes() {
        guard case .found(let command) = table.lookup("pl") else { Issue.record("no match"); return }
        #expect(command.name == "plan")
        guard case .found(let exact) = table.lookup("help") else { Issue.record("no match"); return }
        #expect(exact.name == "help")
    }

    @Test func reportsAmbiguousAndUnknownNames() {
        guard case .ambiguous(let names) = table.lookup("p") else { Issue.record("not ambiguous"); return }
        #expect(names == ["plan", "pause"])
        guard case .unknown = table.lookup("zz") else { Issue.record("not unknown"); return }
    }
}

@Suite struct SessionViewTests {
    @Test func followsPlanStatesFromEvents() {
        let bus = EventBus()
        let view = SessionView()
        view.follow(bus)
        let plan = Plan(steps: [
            PlanStep(id: 1, title: "a", persona: "researcher"), PlanStep(id: 2, title: "b", persona: "writer", dependsOn: [1]),
        ])
        bus.publish(.userInput(UserInput(text: "r")))
        bus.publish(.planStarted(PlanStarted(request: "r", plan: plan)))
        bus.publish(
            .taskLedgerUpdated(TaskLedgerUpdated(ledger: TaskLedger(request: "r", facts: TaskFacts(given: ["r"]), plan: plan))))
        bus.publish(
            .handoffInitiated(
                HandoffInitiated(
                    handoff: "h1", from: "orchestrator", to: "researcher", step: 1, briefTokens: 1, facts: 1, dependencies: 0)))
        #expect(view.snapshot.plan?.step(1)?.state == .running)
        bus.publish(
            .taskCompleted(
                TaskCompleted(step: 1, persona: "researcher", status: .done, summary: "", output: "", durationMs: 1, tokens: 1)))
        bus.publish(.taskAssigned(TaskAssigned(step: 2, persona: "coder", reason: "fallback")))
        let snapshot = view.snapshot
        #expect(snapshot.plan?.step(1)?.state == .done)
        #expect(snapshot.plan?.step(2)?.persona == "coder")
        #expect(snapshot.taskLedger?.plan == snapshot.plan)
        let lines = Inspectors(style: TextStyle(enabled: false)).plan(snapshot.plan)
        #expect(lines == ["plan  1/2 done", "  1 ✓ done      researcher  a", "  2 · pending   coder       b  after 1"])
    }

    @Test func ledgerShowsOnePersonasStepsFactsAndArtifacts() {
        let view = SessionView()
        let plan = Plan(steps: [
            PlanStep(id: 1, title: "write it", persona: "coder"),
            PlanStep(id: 2, title: "check it", persona: "analyst", dependsOn: [1]),
        ])
        view.apply(TroupeEvent(seq: 1, timestamp: Date(), kind: .userInput(UserInput(text: "r"))))
        view.apply(
            TroupeEvent(
                seq: 2, timestamp: Date(),
                kind: .taskLedgerUpdated(
                    TaskLedgerUpdated(ledger: TaskLedger(request: "r", facts: TaskFacts(given: ["g"]), plan: plan)))))
        let artifact = StepArtifact(kind: .code, name: "swift block 1", content: "x", step: 1)
        view.apply(
            TroupeEvent(
                seq: 3, timestamp: Date(),
                kind: .taskCompleted(
                    TaskCompleted(
                        step: 1, persona: "coder", status: .done, summary: "", output: "", durationMs: 1, tokens: 1,
                        artifacts: [artifact]))))
        let inspectors = Inspectors(style: TextStyle(enabled: false))
        let lines = inspectors.ledger(view.snapshot, scope: Inspectors.LedgerScope("@analyst")!)
        #expect(lines.first == "ledger of analyst")
        #expect(lines.contains("  2 · pending   check it"))
        #expect(lines.contains("    - g"))
        #expect(lines.contains("    - step 1: code swift block 1"))
        #expect(!lines.contains { $0.contains("write it") })
        #expect(Inspectors.LedgerScope("bogus") == nil)
        #expect(inspectors.ledger(view.snapshot, scope: .progress) == ["progress ledger  latest 0 of 0 update(s)", "  none yet"])
    }
}

@Suite struct UsageMeterTests {
    func responded(_ model: String, input: Int, output: Int) -> TroupeEvent {
        let response = ChatResponse(
            message: ChatMessage(role: .assistant, content: ""), usage: TokenUsage(inputTokens: input, outputTokens: output))
        return TroupeEvent(
            seq: 1, timestamp: Date(timeIntervalSince1970: 0),
            kind: .modelResponded(
                ModelResponded(agent: "coder", model: model, purpose: .work, hash: "h", response: response, durationMs: 1)))
    }

    @Test func countsTokensAndCostPerTurnAndSession() {
        let meter = UsageMeter(prices: PriceTable(["openai/gpt-4.1": ModelPrice(input: 2, output: 8)]))
        meter.apply(responded("openai/gpt-4.1", input: 1000, output: 500))
        meter.apply(TroupeEvent(seq: 2, timestamp: Date(), kind: .userInput(UserInput(text: "next"))))
        meter.apply(responded("openai/gpt-4.1", input: 2000, output: 0))
        meter.apply(responded("ollama/qwen3", input: 100, output: 100))
        let (turn, session) = meter.totals
        #expect(turn.tokens == 2200)
        #expect(abs((turn.cost ?? 0) - 0.004) < 1e-9)
        #expect(session.tokens == 3700)
        #expect(abs((session.cost ?? 0) - 0.010) < 1e-9)
        #expect(
            meter.line(style: TextStyle(enabled: false)) == "usage  this turn 2.2k tok · $0.0040 · session 3.7k tok · $0.0100")
    }

    @Test func showsTokensOnlyWithoutPrices() {
        let meter = UsageMeter(prices: PriceTable())
        meter.apply(responded("offline", input: 10, output: 5))
        #expect(meter.line(style: TextStyle(enabled: false)) == "usage  this turn 15 tok · session 15 tok")
    }
}
