import Foundation

/// Turns a request into a plan, runs it with persona workers and writes the answer.
///
/// An actor: one turn at a time mutates its state; steps run concurrently in child tasks under
/// `configuration.maxParallelSteps` and each persona's `max_parallel_tasks`. Everything it
/// decides is published on the bus. Cancel the calling task to cancel the turn.
public actor Orchestrator {
    let registry: AgentRegistry
    let gateway: ModelGateway
    let runner: WorkerRunner
    let configuration: OrchestratorConfiguration
    /// Numbers handoffs without a hop onto this actor from the steps running in parallel.
    private let handoffCounter = HandoffCounter()

    var bus: EventBus { gateway.bus }

    public init(
        registry: AgentRegistry, gateway: ModelGateway, tools: ToolBox, configuration: OrchestratorConfiguration = .init()
    ) {
        self.registry = registry
        self.gateway = gateway
        self.runner = WorkerRunner(gateway: gateway, tools: tools)
        self.configuration = configuration
    }

    /// Handles one request from the user: plan, delegate, track, synthesize.
    public func handle(_ request: String) async -> TurnResult {
        bus.publish(.userInput(UserInput(text: request)))
        gateway.budget?.reset()
        let started = ContinuousClock.now
        do {
            guard let orchestrator = await registry.agent("orchestrator")?.persona else {
                throw OrchestrationError.noOrchestrator
            }
            let team = await registry.availableWorkers()
            guard !team.isEmpty else { throw OrchestrationError.noWorkers }
            var planning = try await PlanningStage(gateway: gateway, orchestrator: orchestrator).plan(request, team: team)
            if let answer = planning.directAnswer {
                bus.publish(.taskLedgerUpdated(TaskLedgerUpdated(ledger: planning.ledger)))
                return finish(.direct, answer: answer, started: started, tokens: planning.tokens)
            }
            planning.ledger.plan = configuration.strategy.apply(to: planning.ledger.plan)
            bus.publish(.planStarted(PlanStarted(request: request, plan: planning.ledger.plan)))
            bus.publish(.taskLedgerUpdated(TaskLedgerUpdated(ledger: planning.ledger)))
            for step in planning.ledger.plan.steps {
                bus.publish(.taskAssigned(TaskAssigned(step: step.id, persona: step.persona, reason: step.routingReason)))
            }
            var run = PlanRun(ledger: planning.ledger, tokens: planning.tokens)
            try await executeReplanning(&run, orchestrator: orchestrator)
            if Task.isCancelled { return cancelled(started: started, tokens: run.tokens) }
            let synthesis = await SynthesisStage(gateway: gateway, orchestrator: orchestrator).answer(for: run)
            if Task.isCancelled { return cancelled(started: started, tokens: run.tokens + synthesis.tokens) }
            return finish(run.outcome, answer: synthesis.answer, started: started, tokens: run.tokens + synthesis.tokens)
        } catch is CancellationError {
            return cancelled(started: started, tokens: 0)
        } catch {
            if Task.isCancelled { return cancelled(started: started, tokens: 0) }
            return finish(.failed, answer: StepExecution.describe(error), started: started, tokens: 0)
        }
    }

    /// Runs the plan; after `max_stalls` stalls re-plans (at most `maxReplans` times), then
    /// escalates to the user with what is known.
    private func executeReplanning(_ run: inout PlanRun, orchestrator: Persona) async throws {
        while true {
            await execute(&run, orchestrator: orchestrator)
            guard run.needsReplan, !Task.isCancelled else { return }
            guard run.replans < configuration.maxReplans else {
                let reason = "stopped after \(run.replans) re-plans; \(run.stopReason ?? "no progress")"
                run.stopReason = reason
                run.needsReplan = false
                run.escalated = true
                bus.publish(.escalated(Escalated(reason: reason)))
                return
            }
            let team = await registry.availableWorkers()
            guard try await ReplanStage(gateway: gateway, orchestrator: orchestrator).replan(&run, team: team) else {
                bus.publish(.escalated(Escalated(reason: "the re-plan was unusable; \(run.stopReason ?? "no progress")")))
                run.needsReplan = false
                run.escalated = true
                return
            }
        }
    }

    /// Sends `text` straight to one persona, skipping the plan (`@persona text`).
    public func direct(to name: String, _ text: String) async -> TurnResult {
        bus.publish(.userInput(UserInput(text: "@\(name) \(text)")))
        gateway.budget?.reset()
        bus.publish(.userIntervention(UserIntervention(kind: "direct", detail: name)))
        let started = ContinuousClock.now
        guard await registry.agent(name) != nil else {
            let known = await registry.list().filter { $0.persona.isWorker }.map(\.persona.name)
            return finish(
                .failed, answer: OrchestrationError.unknownPersona(name: name, known: known).localizedDescription,
                started: started, tokens: 0)
        }
        let step = PlanStep(id: 1, title: text, persona: name, routingReason: "chosen by the user")
        let brief = Brief(
            request: text, step: nil, instruction: text, tokenBudget: configuration.briefTokenBudget,
            requestedBy: "user", reason: "the user addressed \(name) directly")
        let result = await stepExecution().run(step, brief: brief, allowFallback: false)
        switch result.status {
        case .done: return finish(.completed, answer: result.output, started: started, tokens: result.tokens)
        case .cancelled: return cancelled(started: started, tokens: result.tokens)
        default: return finish(.failed, answer: result.output, started: started, tokens: result.tokens)
        }
    }

    func stepExecution() -> StepExecution {
        StepExecution(
            runner: runner, registry: registry, bus: bus, configuration: configuration,
            handoffs: handoffCounter)
    }

    private func finish(_ outcome: TurnOutcome, answer: String, started: ContinuousClock.Instant, tokens: Int) -> TurnResult {
        bus.publish(
            .planCompleted(
                PlanCompleted(
                    outcome: outcome, answer: answer, durationMs: started.duration(to: .now).milliseconds, tokens: tokens)))
        return TurnResult(outcome: outcome, answer: answer)
    }

    private func cancelled(started: ContinuousClock.Instant, tokens: Int) -> TurnResult {
        bus.publish(.turnCancelled(TurnCancelled(reason: "interrupted by the user")))
        return finish(
            .cancelled, answer: "Cancelled. The ledgers keep what was done before the interrupt.", started: started,
            tokens: tokens)
    }
}
