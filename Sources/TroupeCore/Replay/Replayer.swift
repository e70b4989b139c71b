import Synchronization

/// Re-executes a recorded session through the real engine: the same user inputs, model answers
/// served from the transcript, recorded tool results and approvals — no network, no side
/// effects. Optionally compares each turn's events with the recording.
public struct Replayer: Sendable {
    /// How a replay ended.
    public struct Outcome: Sendable, Equatable {
        public var turns: Int
        public var events: Int
        /// The first difference from the recording, when verifying.
        public var divergence: Divergence?

        /// The line that says a replay went through: `✓ matches the recording: …` when verified.
        public func verdict(verified: Bool) -> String {
            (verified ? "✓ matches the recording: " : "✓ replayed: ") + "\(turns) turn(s), \(events) events"
        }
    }

    let session: RecordedSession
    let personas: [Persona]
    /// What this build offers of each tool: its spec and its effect (never run).
    let tools: [(spec: ToolSpec, effect: ToolEffect)]

    /// A replayer of `session` with the personas and tools of this build (a persona or tool that
    /// changed since the recording shows up as a divergence). The tools are never run: replay
    /// gives each call its recorded result.
    public init(session: RecordedSession, personas: [Persona], tools: [any WorkerTool]) {
        self.session = session
        self.personas = personas
        self.tools = tools.map { ($0.spec, $0.effect) }
    }

    /// Replays every turn, passing each replayed event to `onEvent`. With `verify`, stops at the
    /// first turn that diverges from the recording.
    public func run(verify: Bool, onEvent: @escaping @Sendable (TroupeEvent) -> Void = { _ in }) async -> Outcome {
        let bus = EventBus()
        let pool = ReplayCallPool(session)
        let progress = Mutex<(events: Int, verifier: TurnVerifier?)>((0, nil))
        let interrupt = Mutex<(after: Int?, task: Task<TurnResult, Never>?)>((nil, nil))
        let overrides = OverrideSchedule()
        let orchestrator = await makeOrchestrator(bus: bus, pool: pool)
        bus.subscribe { event in
            let (count, verifier) = progress.withLock {
                $0.events += 1
                return ($0.events, $0.verifier)
            }
            verifier?.replayed(event)
            pool.eventReplayed(event)
            onEvent(event)
            let task = interrupt.withLock { state -> Task<TurnResult, Never>? in
                guard let after = state.after, count >= after else { return nil }
                state.after = nil
                return state.task
            }
            task?.cancel()
            overrides.give(after: count, to: orchestrator)
        }
        var outcome = Outcome(turns: 0, events: 0)
        for (index, turn) in session.turns.enumerated() {
            let verifier = verify ? TurnVerifier(session: session, turn: index) : nil
            progress.withLock { $0 = (0, verifier) }
            pool.startTurn(index)
            overrides.start(turn.overrides)
            let task = Task {
                if let direct = turn.direct { return await orchestrator.direct(to: direct.persona, direct.text) }
                guard !turn.review.isEmpty else { return await orchestrator.handle(turn.input) }
                return await Self.reviewed(turn, by: orchestrator)
            }
            let cancelNow = interrupt.withLock { state -> Bool in
                state.task = task
                state.after = turn.interruptedAfter
                guard let after = turn.interruptedAfter else { return false }
                return progress.withLock { $0.events } >= after
            }
            if cancelNow { task.cancel() }
            _ = await task.value
            interrupt.withLock { $0 = (nil, nil) }
            outcome.turns += 1
            outcome.events += progress.withLock { $0.events }
            if let divergence = verifier?.finish() {
                outcome.divergence = divergence
                return outcome
            }
            // The shell's choices between this request and the next (`/clear`, `/model`…), given
            // back where they were made; not compared: the turn's own events are.
            progress.withLock { $0.verifier = nil }
            for intervention in turn.afterwards { bus.publish(.userIntervention(intervention)) }
        }
        return outcome
    }

    /// A turn whose plan the user reviewed: the recorded feedback, edit or refusal given again.
    private static func reviewed(_ turn: RecordedSession.Turn, by orchestrator: Orchestrator) async -> TurnResult {
        var proposal = await orchestrator.propose(turn.input)
        for action in turn.review {
            guard case .plan(var plan) = proposal else { break }
            switch action {
            case .feedback(let feedback): proposal = await orchestrator.revise(plan, feedback: feedback)
            case .declined: return await orchestrator.decline(plan)
            case .edited(let edited):
                plan.plan = edited
                proposal = .plan(plan)
            }
        }
        switch proposal {
        case .finished(let result): return result
        case .plan(let plan): return await orchestrator.execute(plan)
        }
    }

    private func makeOrchestrator(bus: EventBus, pool: ReplayCallPool) async -> Orchestrator {
        let registry = AgentRegistry(bus: bus)
        for persona in personas { await registry.register(persona) }
        let tools = RecordedToolResults(session)
        let questions = RecordedToolQuestions(session.toolApprovals)
        let router = ModelRouter(sessionModel: ReplayModel(identifier: session.header.model, pool: pool))
        var identifiers: [String: String] = [:]
        for call in session.calls {
            if let model = call.model, identifiers[call.agent] == nil { identifiers[call.agent] = model }
        }
        for (agent, identifier) in identifiers where identifier != session.header.model {
            router.set(ReplayModel(identifier: identifier, pool: pool), for: agent)
        }
        let settings = session.header.settings
        let budget = BudgetTracker(
            request: Budget(maxTokens: settings?.maxTokensPerRequest, maxModelCalls: settings?.maxModelCallsPerRequest),
            personas: Dictionary(personas.map { ($0.name, $0.budget) }, uniquingKeysWith: { first, _ in first }))
        return Orchestrator(
            registry: registry, gateway: ModelGateway(router: router, bus: bus, budget: budget),
            tools: ToolBox(
                self.tools.map { RecordedTool(spec: $0.spec, effect: $0.effect, results: tools, questions: questions) }),
            configuration: settings?.configuration ?? OrchestratorConfiguration(retryBackoff: .zero),
            approvals: HandoffApprovals(
                gate: RecordedApprovalGate(session.approvals, questions: questions),
                sessionPolicy: settings?.approval.flatMap(ApprovalPolicy.init(rawValue:)),
                toolEffects: Dictionary(self.tools.map { ($0.spec.name, $0.effect) }, uniquingKeysWith: { first, _ in first }),
                sessionPermissionMode: settings?.permissionMode.flatMap(PermissionMode.init(rawValue:))))
    }
}

/// The overrides of the turn being replayed, given to the orchestrator when the replay has
/// published as many of the turn's events as preceded each in the recording. Given from a task
/// of their own: a bus subscriber must not publish, and giving one publishes it.
final class OverrideSchedule: Sendable {
    private let pending = Mutex<[(after: Int, override: UserOverride)]>([])

    func start(_ overrides: [(after: Int, override: UserOverride)]) {
        pending.withLock { $0 = overrides }
    }

    func give(after count: Int, to orchestrator: Orchestrator) {
        let due = pending.withLock { pending -> [UserOverride] in
            let due = pending.prefix { $0.after <= count }.map(\.override)
            pending.removeFirst(due.count)
            return due
        }
        guard !due.isEmpty else { return }
        Task { for override in due { orchestrator.override(override) } }
    }
}
