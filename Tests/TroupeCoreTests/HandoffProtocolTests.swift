import Foundation
import Synchronization
import Testing
import TroupeTesting

@testable import TroupeCore

/// A gate answering from a list and remembering what it was asked.
final class ScriptedGate: ApprovalGate {
    private let state: Mutex<(answers: [ApprovalDecision], asked: [ApprovalRequest])>

    init(_ answers: [ApprovalDecision]) {
        state = Mutex((answers, []))
    }

    var asked: [ApprovalRequest] { state.withLock { $0.asked } }

    func decide(_ request: ApprovalRequest) async -> ApprovalDecision {
        state.withLock { state in
            state.asked.append(request)
            return state.answers.isEmpty ? .deny(reason: "no scripted answer") : state.answers.removeFirst()
        }
    }
}

@Suite struct HandoffProtocolTests {
    static let yes = ReplanningTests.ledger(progress: true)

    /// `step:to` per event of `type`.
    func handoffs(_ log: EventLog, _ type: String) -> [String] {
        log.all(type).compactMap { event -> String? in
            switch event.kind {
            case .handoffInitiated(let h): return "\(h.handoff) \(h.from)→\(h.to)" + (h.parent.map { " in \($0)" } ?? "")
            case .handoffAccepted(let h): return h.handoff
            case .handoffRejected(let h): return "\(h.handoff): \(h.reason)"
            case .handoffRolledBack(let h): return h.handoff
            case .handoffCompleted(let h): return "\(h.handoff) \(h.status.rawValue)"
            default: return nil
            }
        }
    }

    /// The ledgers, plan and working memory after the first `count` events, as the shell sees
    /// them (the handoff log itself is left out: it records the rollback, as it should).
    func view(_ log: EventLog, upTo count: Int) -> SessionState {
        var state = SessionState()
        for event in log.events.prefix(count) { state.apply(event) }
        // The handoff list and the timeline record every attempt, rolled back or not; the
        // ledgers and the working memory are what a rollback restores.
        state.handoffs = []
        state.timeline = TurnTimeline()
        return state
    }

    @Test func theStateMachineAllowsOnlyTheProtocolsTransitions() throws {
        let log = EventLog()
        let tracker = HandoffTracker(bus: log.bus)
        let brief = Brief(request: "r", step: 1, instruction: "do it")
        let id = tracker.initiate(from: "orchestrator", to: "coder", brief: brief)
        #expect(id == "h1")
        #expect(throws: HandoffError.invalidTransition(handoff: id, from: .initiated, to: .completed)) {
            try tracker.complete(id, from: "coder", to: "orchestrator", output: "", tokens: 0, durationMs: 0)
        }
        try tracker.accept(id)
        #expect(throws: HandoffError.invalidTransition(handoff: id, from: .accepted, to: .rolledBack)) {
            try tracker.rollback(id, reason: "x")
        }
        try tracker.fail(id, from: "coder", to: "orchestrator", status: .failed, error: "boom", tokens: 0, durationMs: 0)
        try tracker.rollback(id, reason: "boom")
        #expect(tracker.state(of: id) == nil)
        #expect(throws: HandoffError.unknownHandoff(id)) { try tracker.accept(id) }
        #expect(
            log.types == [
                "orchestration.handoff_initiated", "orchestration.handoff_accepted", "orchestration.handoff_completed",
                "orchestration.handoff_rolled_back",
            ])
        guard case .handoffInitiated(let initiated) = log.events[0].kind else { return }
        #expect(initiated.brief == brief)
    }

    @Test func aFailedHandoffIsRolledBackLeavingTheLedgersAndMemoryAsBefore() async throws {
        let log = EventLog()
        let model = ScriptedModel(entries: [
            Entry(purpose: .plan, text: planJSON([("coder", "write the parser", []), ("analyst", "review it", [1])])),
            Entry(agent: "coder", purpose: .work, text: "Wrote it.\n```swift\nfunc parse() {}\n```"),
            Entry(purpose: .progressLedger, text: Self.yes),
            Entry(agent: "analyst", purpose: .work, error: "provider unavailable"),
            Entry(agent: "analyst", purpose: .work, text: "Looks right."),
            Entry(purpose: .progressLedger, text: ReplanningTests.ledger(progress: true, satisfied: true)),
            Entry(purpose: .synthesis, text: "Done."),
        ])
        let registry = await builtinRegistry(bus: log.bus)
        let orchestrator = Orchestrator(
            registry: registry, gateway: ModelGateway(model: model, bus: log.bus), tools: ToolBox([]),
            configuration: OrchestratorConfiguration(retryBackoff: .zero))
        #expect(await orchestrator.handle("parser").outcome == .completed)
        #expect(handoffs(log, "orchestration.handoff_rolled_back") == ["h2"])
        #expect(handoffs(log, "orchestration.handoff_completed") == ["h1 done", "h2 failed", "h2.2 done"])
        let events = log.events
        let initiated = try #require(
            events.firstIndex { if case .handoffInitiated(let h) = $0.kind { h.handoff == "h2" } else { false } })
        let rolledBack = try #require(events.firstIndex { $0.kind.type == "orchestration.handoff_rolled_back" })
        let before = view(log, upTo: initiated)
        let after = view(log, upTo: rolledBack + 1)
        #expect(before == after)
        #expect(before.artifacts[1]?.first?.name == "swift block 1")
        #expect(after.plan?.step(2)?.state == .pending)
        #expect(await registry.agent("analyst")?.health.load == 0)
    }

    @Test func cancellingDuringAHandoffRollsItBackAndReleasesTheAgent() async throws {
        let log = EventLog()
        let model = ScriptedModel(entries: [
            Entry(purpose: .plan, text: planJSON([("researcher", "slow", [])])),
            Entry(agent: "researcher", purpose: .work, text: "never", delayMs: 60_000),
        ])
        let registry = await builtinRegistry(bus: log.bus)
        let orchestrator = Orchestrator(
            registry: registry, gateway: ModelGateway(model: model, bus: log.bus), tools: ToolBox([]),
            configuration: OrchestratorConfiguration(retryBackoff: .zero))
        let turn = Task { await orchestrator.handle("slow") }
        while !log.types.contains("orchestration.handoff_accepted") { await Task.yield() }
        let initiated = try #require(log.events.firstIndex { $0.kind.type == "orchestration.handoff_initiated" })
        turn.cancel()
        #expect(await turn.value.outcome == .cancelled)
        #expect(handoffs(log, "orchestration.handoff_completed") == ["h1 cancelled"])
        let rolledBack = try #require(log.events.firstIndex { $0.kind.type == "orchestration.handoff_rolled_back" })
        #expect(view(log, upTo: initiated) == view(log, upTo: rolledBack + 1))
        #expect(await registry.agent("researcher")?.health.load == 0)
    }

    func approvalRun(
        policy: ApprovalPolicy?, gate: ScriptedGate, steps: [(String, String, [Int])], entries: [Entry],
        costThreshold: Double? = nil, log: EventLog
    ) async -> TurnResult {
        let model = ScriptedModel(entries: [Entry(purpose: .plan, text: planJSON(steps))] + entries)
        let registry = await builtinRegistry(bus: log.bus)
        let orchestrator = Orchestrator(
            registry: registry, gateway: ModelGateway(model: model, bus: log.bus), tools: ToolBox([]),
            configuration: OrchestratorConfiguration(maxParallelSteps: 1, retryBackoff: .zero, progressLedger: .onTrouble),
            approvals: HandoffApprovals(gate: gate, sessionPolicy: policy, costThreshold: costThreshold))
        return await orchestrator.handle("request")
    }

    @Test func aDeniedHandoffIsRejectedWithTheUsersReasonAndNotRetried() async {
        let log = EventLog()
        let gate = ScriptedGate([.deny(reason: "not on main"), .deny(reason: "no")])
        let result = await approvalRun(
            policy: .ask, gate: gate, steps: [("coder", "fix the bug", [])],
            entries: [
                // The answer written while the ledger judged is dropped: the verdict (not satisfied) must be stated.
                Entry(purpose: .progressLedger, text: Self.yes), Entry(purpose: .synthesis, text: "Dropped."),
                Entry(purpose: .synthesis, text: "Not done."),
            ], log: log)
        #expect(result == TurnResult(outcome: .failed, answer: "Not done."))
        #expect(
            !log.all("answer.delta").contains {
                if case .answerDelta(let d) = $0.kind { d.text.contains("Dropped") } else { false }
            })
        #expect(gate.asked.first?.persona == "coder")
        #expect(gate.asked.first?.requestedBy == "orchestrator")
        #expect(gate.asked.filter { $0.persona == "coder" }.count == 1)
        #expect(handoffs(log, "orchestration.handoff_rejected").first == "h1: the handoff to coder was not approved: not on main")
        #expect(handoffs(log, "orchestration.handoff_accepted").isEmpty)
        #expect(log.types.contains("approval.decided"))
    }

    @Test func yesForTheSessionIsAskedOncePerPersona() async {
        let log = EventLog()
        let gate = ScriptedGate([.approveForSession])
        let result = await approvalRun(
            policy: .ask, gate: gate, steps: [("coder", "fix one", []), ("coder", "fix two", [1])],
            entries: [
                Entry(agent: "coder", purpose: .work, text: "one"), Entry(agent: "coder", purpose: .work, text: "two"),
                Entry(purpose: .synthesis, text: "Both fixed."),
            ], log: log)
        #expect(result.outcome == .completed)
        #expect(gate.asked.count == 1)
    }

    @Test func riskAsksOnlyForPersonasThatCanWriteOrRunOrPastTheCostThreshold() {
        let approvals = HandoffApprovals(
            gate: ScriptedGate([]), sessionPolicy: nil, costThreshold: 0.5,
            toolEffects: ["read_file": .readsOnly, "write_file": .writesFiles])
        var coder = BuiltinPersonas.all.first { $0.name == "coder" }!
        coder.approval = .risk
        let researcher = BuiltinPersonas.all.first { $0.name == "researcher" }!
        #expect(approvals.approvalNeeded(for: coder, spentUSD: 0) == ["may write files (write_file)"])
        #expect(approvals.approvalNeeded(for: researcher, spentUSD: 0.75) == nil, "the researcher's file says auto")
        let readOnly = HandoffApprovals(gate: ScriptedGate([]), costThreshold: 0.5, toolEffects: ["read_file": .readsOnly])
        #expect(readOnly.approvalNeeded(for: coder, spentUSD: 0) == nil)
        #expect(
            readOnly.approvalNeeded(for: coder, spentUSD: 0.75) == ["this request has spent $0.75, past the $0.5 threshold"])
        let auto = HandoffApprovals(gate: ScriptedGate([]), sessionPolicy: .auto, toolEffects: ["write_file": .writesFiles])
        #expect(auto.approvalNeeded(for: coder, spentUSD: 99) == nil)
    }

    static func handoffCall(to persona: String, _ instruction: String) -> ScriptedModel.ScriptedToolCall {
        .init(
            name: "handoff",
            arguments: .object([
                "to": .string(persona), "instruction": .string(instruction), "reason": .string("better at it"),
            ]))
    }

    func delegatingRegistry(_ log: EventLog, alphaDelegates: Bool = true) async -> AgentRegistry {
        let registry = AgentRegistry(bus: log.bus)
        await registry.register(BuiltinPersonas.all.first { $0.name == "orchestrator" }!)
        await registry.register(
            Persona(name: "alpha", description: "Plans releases", capabilities: ["release"], canDelegate: alphaDelegates))
        await registry.register(
            Persona(name: "beta", description: "Checks changelogs", capabilities: ["changelog"], canDelegate: true))
        return registry
    }

    func orchestrator(_ registry: AgentRegistry, _ model: ScriptedModel, _ log: EventLog) -> Orchestrator {
        Orchestrator(
            registry: registry, gateway: ModelGateway(model: model, bus: log.bus), tools: ToolBox([]),
            configuration: OrchestratorConfiguration(retryBackoff: .zero, strategy: .parallel, progressLedger: .onTrouble))
    }

    @Test func aWorkersHandoffCallIsANestedHandoffAndPingPongIsStopped() async {
        let log = EventLog()
        let model = ScriptedModel(entries: [
            Entry(purpose: .plan, text: planJSON([("alpha", "ship the release", [])])),
            Entry(agent: "alpha", purpose: .work, toolCalls: [Self.handoffCall(to: "beta", "check the changelog")]),
            Entry(agent: "beta", purpose: .work, toolCalls: [Self.handoffCall(to: "alpha", "which version?")]),
            Entry(agent: "alpha", purpose: .work, toolCalls: [Self.handoffCall(to: "beta", "you decide")]),
            Entry(agent: "alpha", purpose: .work, text: "version 2"),
            Entry(agent: "beta", purpose: .work, text: "changelog fine for version 2"),
            Entry(agent: "alpha", purpose: .work, text: "shipped"),
            Entry(purpose: .synthesis, text: "Shipped."),
        ])
        let result = await orchestrator(await delegatingRegistry(log), model, log).handle("ship")
        #expect(result == TurnResult(outcome: .completed, answer: "Shipped."))
        #expect(
            handoffs(log, "orchestration.handoff_initiated") == [
                "h1 orchestrator→alpha", "h1.2 alpha→beta in h1", "h1.3 beta→alpha in h1.2", "h1.4 alpha→beta in h1.3",
            ])
        #expect(
            handoffs(log, "orchestration.handoff_rejected") == [
                "h1.4: ping-pong stopped: orchestrator → alpha → beta → alpha → beta on the same step; answer with what you have"
            ])
        #expect(handoffs(log, "orchestration.handoff_completed") == ["h1.3 done", "h1.2 done", "h1 done"])
        let returned = log.all("tool.result").compactMap { event -> String? in
            if case .toolReturned(let tool) = event.kind, tool.agent == "alpha" { return tool.output }
            return nil
        }
        #expect(returned.last == "beta answered:\nchangelog fine for version 2")
        #expect(model.unusedEntries.isEmpty)
    }

    @Test func aPersonaThatMayNotDelegateIsRoutedThroughTheOrchestrator() async {
        let log = EventLog()
        let model = ScriptedModel(entries: [
            Entry(purpose: .plan, text: planJSON([("alpha", "ship the release", [])])),
            Entry(agent: "alpha", purpose: .work, toolCalls: [Self.handoffCall(to: "beta", "check the changelog")]),
            Entry(agent: "beta", purpose: .work, text: "fine"),
            Entry(agent: "alpha", purpose: .work, text: "shipped"),
            Entry(purpose: .synthesis, text: "Shipped."),
        ])
        _ = await orchestrator(await delegatingRegistry(log, alphaDelegates: false), model, log).handle("ship")
        #expect(handoffs(log, "orchestration.handoff_initiated") == ["h1 orchestrator→alpha", "h1.2 orchestrator→beta in h1"])
        guard case .handoffInitiated(let routed) = log.all("orchestration.handoff_initiated")[1].kind else { return }
        #expect(routed.reason?.contains("routed through the orchestrator: alpha may not delegate") == true)
    }

    @Test func aCapabilityGapIsEscalated() async {
        let log = EventLog()
        let model = ScriptedModel(entries: [
            Entry(purpose: .plan, text: planJSON([("alpha", "ship the release", [])])),
            Entry(agent: "alpha", purpose: .work, toolCalls: [Self.handoffCall(to: "ghost", "paint a mural")]),
            Entry(agent: "alpha", purpose: .work, text: "shipped without a mural"),
            Entry(purpose: .synthesis, text: "Shipped."),
        ])
        let registry = AgentRegistry(bus: log.bus)
        await registry.register(BuiltinPersonas.all.first { $0.name == "orchestrator" }!)
        await registry.register(Persona(name: "alpha", description: "Plans releases", capabilities: ["release"]))
        _ = await orchestrator(registry, model, log).handle("ship")
        guard case .escalated(let escalated)? = log.first("orchestration.escalated")?.kind else {
            Issue.record("no escalation")
            return
        }
        #expect(escalated.reason.hasPrefix("capability gap: no capable healthy persona for 'paint a mural'"))
    }

    @Test func aStepMayMakeOnlySoManyHandoffsHoweverShallow() {
        #expect(Delegation.refusal(after: [], from: "coder", to: "researcher", madeOnStep: Delegation.maxPerStep - 1) == nil)
        #expect(
            Delegation.refusal(after: [], from: "coder", to: "researcher", madeOnStep: Delegation.maxPerStep)
                == "this step has made \(Delegation.maxPerStep) handoffs, the most one step may; answer with what you have")
    }
}
