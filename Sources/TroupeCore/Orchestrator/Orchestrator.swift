import Foundation

/// Turns a request into a plan, runs it with persona workers and writes the answer.
///
/// An actor: one turn at a time mutates its state; steps run concurrently in child tasks under
/// `configuration.maxParallelSteps` and each persona's `max_parallel_tasks`. Everything it
/// decides is published on the bus. Cancel the calling task to cancel the turn.
///
/// One turn, end to end, on a scripted model (any `ChatModel` goes where it is):
///
/// ```swift
/// let model = ScriptedModel(entries: [
///     ScriptedModel.Entry(
///         purpose: .plan,
///         text: #"{"facts": {"given": ["a haiku"]}, "steps": [{"id": 1, "title": "Write it", "persona": "writer"}]}"#),
///     ScriptedModel.Entry(agent: "writer", purpose: .work, text: "Leaves fall, one by one."),
///     ScriptedModel.Entry(purpose: .synthesis, text: "Leaves fall, one by one."),
/// ])
/// let bus = EventBus()
/// let registry = AgentRegistry(bus: bus)
/// for persona in BuiltinPersonas.all { await registry.register(persona) }
/// let orchestrator = Orchestrator(registry: registry, gateway: ModelGateway(model: model, bus: bus), tools: ToolBox([]))
/// let result = await orchestrator.handle("A haiku about autumn, please")
/// // result.outcome == .completed, result.answer == "Leaves fall, one by one."
/// ```
public actor Orchestrator {
    let registry: AgentRegistry
    let gateway: ModelGateway
    let runner: WorkerRunner
    let configuration: OrchestratorConfiguration
    /// The handoff protocol's bookkeeping, shared by the steps running in parallel.
    let handoffs: HandoffTracker
    /// Asked before risky handoffs; nil approves everything.
    let approvals: HandoffApprovals?
    /// The user's overrides of the running plan.
    let steering = Steering()

    nonisolated var bus: EventBus { gateway.bus }

    /// An orchestrator over `registry`'s personas. Without `approvals` no handoff asks the user
    /// (for embedding and tests); the shell always passes them.
    public init(
        registry: AgentRegistry, gateway: ModelGateway, tools: ToolBox, configuration: OrchestratorConfiguration = .init(),
        approvals: HandoffApprovals? = nil
    ) {
        self.registry = registry
        self.gateway = gateway
        self.handoffs = HandoffTracker(bus: gateway.bus)
        self.approvals = approvals
        self.runner = WorkerRunner(gateway: gateway, tools: tools, approvals: approvals)
        self.configuration = configuration
    }

    /// Handles one request from the user: plan, delegate, track, synthesize.
    public func handle(_ request: String) async -> TurnResult {
        switch await propose(request) {
        case .finished(let result): return result
        case .plan(let proposal): return await execute(proposal)
        }
    }

    /// The first half of `handle`: the plan for `request` (or its direct answer, or the failure),
    /// for the user to review before `execute` runs it.
    public func propose(_ request: String) async -> Proposal {
        bus.publish(.userInput(UserInput(text: request)))
        gateway.budget.reset()
        handoffs.reset()
        steering.reset()
        return await decompose(request, asked: request, started: .now)
    }

    /// A new plan for `proposal`'s request, made with the user's `feedback` on the old one.
    public func revise(_ proposal: PlanProposal, feedback: String) async -> Proposal {
        bus.publish(.userIntervention(UserIntervention(kind: .planFeedback, detail: feedback)))
        let asked = "\(proposal.request)\n\nThe user's feedback on the plan proposed before:\n\(feedback)"
        return await decompose(proposal.request, asked: asked, started: proposal.started)
    }

    /// Records that the user declined `proposal`, and ends its turn without running it.
    public func decline(_ proposal: PlanProposal) -> TurnResult {
        bus.publish(.userIntervention(UserIntervention(kind: .planDeclined, detail: "the plan was not run")))
        return finish(
            .cancelled, answer: "The plan was not run.", started: proposal.started)
    }

    /// The second half of `handle`: runs `proposal.plan` (as proposed, or as the user edited it:
    /// then it is validated, and recorded in full as a `plan_edited` intervention) and answers.
    public func execute(_ proposal: PlanProposal) async -> TurnResult {
        let started = proposal.started
        var decomposition = proposal.decomposition
        do {
            if proposal.plan != proposal.proposed {
                let workers = Set(await registry.availableWorkers().map(\.name))
                let problems = proposal.plan.validationErrors(workers: workers, maxSteps: configuration.maxPlanSteps)
                guard problems.isEmpty else { throw PlanEditError.invalid(problems) }
                bus.publish(
                    .userIntervention(UserIntervention(kind: .planEdited, detail: try JSONCoding.string(proposal.plan))))
                decomposition.ledger.plan = proposal.plan
            }
            guard let orchestrator = await registry.agent("orchestrator")?.persona else {
                throw OrchestrationError.noOrchestrator
            }
            let (run, written) = await executePlan(decomposition, orchestrator: orchestrator)
            if Task.isCancelled { return cancelled(started: started) }
            let synthesis: Synthesis
            if let written {
                synthesis = written
            } else {
                synthesis = await synthesize(run, orchestrator: orchestrator)
            }
            if Task.isCancelled { return cancelled(started: started) }
            return finish(run.outcome, answer: synthesis.answer, started: started)
        } catch {
            return failed(error, started: started)
        }
    }

    private func decompose(
        _ request: String, asked: String, started: ContinuousClock.Instant
    ) async -> Proposal {
        do {
            var decomposition = try await TaskDecomposer(
                gateway: gateway, registry: registry, maxSteps: configuration.maxPlanSteps
            )
            .decompose(asked, strategy: configuration.strategy)
            decomposition.ledger.request = request
            if let answer = decomposition.directAnswer {
                bus.publish(.taskLedgerUpdated(TaskLedgerUpdated(ledger: decomposition.ledger)))
                return .finished(finish(.direct, answer: answer, started: started))
            }
            return .plan(PlanProposal(decomposition: decomposition, started: started))
        } catch {
            return .finished(failed(error, started: started))
        }
    }

    private func failed(_ error: any Error, started: ContinuousClock.Instant) -> TurnResult {
        if error is CancellationError || Task.isCancelled { return cancelled(started: started) }
        return finish(.failed, answer: StepExecution.describe(error), started: started)
    }

    /// Announces the plan and runs it to the end: ready steps in parallel, the progress ledger
    /// steering what has not started, re-plans after stalls or when the finished plan left the
    /// request unsatisfied, escalation past the re-plan cap or a budget.
    /// Returns the run and, when the last judgement found nothing to add, the final answer
    /// written while it judged.
    func executePlan(_ decomposition: Decomposition, orchestrator: Persona) async -> (PlanRun, Synthesis?) {
        let ledger = decomposition.ledger
        bus.publish(.planStarted(PlanStarted(request: ledger.request, plan: ledger.plan)))
        bus.publish(.taskLedgerUpdated(TaskLedgerUpdated(ledger: ledger)))
        for step in ledger.plan.steps {
            bus.publish(.taskAssigned(TaskAssigned(step: step.id, persona: step.persona, reason: step.routingReason)))
        }
        var run = PlanRun(ledger: ledger)
        let written = await executeReplanning(&run, orchestrator: orchestrator)
        return (run, written)
    }

    /// Runs the plan; re-plans after `max_stalls` stalls, or extends a finished plan the judge
    /// found unsatisfied (together at most `maxReplans` times), then escalates to the user with
    /// what is known. A re-plan that fails (provider, budget) ends the run with what was done.
    /// Returns the final answer when it was written beside the last judgement and is the one to give.
    private func executeReplanning(_ run: inout PlanRun, orchestrator: Persona) async -> Synthesis? {
        let personas = await registry.list().map(\.persona)
        let team = await registry.availableWorkers()
        let judge = ProgressStage(
            gateway: gateway, orchestrator: orchestrator, maxStalls: configuration.maxStalls, team: team)
        while true {
            var scheduler = PlanScheduler(
                execution: stepExecution(), judge: judge, steering: steering, bus: bus, budget: gateway.budget,
                configuration: configuration, personas: personas,
                subPlanner: SubPlanStage(
                    gateway: gateway, maxDepth: configuration.maxPlanDepth, maxPlanSteps: configuration.maxPlanSteps), team: team)
            await scheduler.run(&run)
            guard !Task.isCancelled else { return nil }
            if let last = run.finalBatch {
                run.finalBatch = nil
                if let written = await judgeLast(last, of: &run, judge: judge, orchestrator: orchestrator) { return written }
                guard !Task.isCancelled else { return nil }
            }
            let trigger: ReplanTrigger
            let reason: String
            if run.needsReplan {
                (trigger, reason) = (.stalled, run.stopReason ?? "no progress")
            } else if let missing = Self.unsatisfiedVerdict(of: run) {
                (trigger, reason) = (.unsatisfied, missing)
            } else {
                return nil
            }
            guard run.replans < configuration.maxReplans else {
                if trigger == .unsatisfied {
                    run.unsatisfied = reason
                    return nil
                }
                let stop = "stopped after \(run.replans) re-plans; \(reason)"
                escalate(&run, stop)
                return nil
            }
            do {
                guard
                    try await ReplanStage(gateway: gateway, orchestrator: orchestrator, maxSteps: configuration.maxPlanSteps)
                        .replan(&run, trigger: trigger, reason: reason, team: team)
                else {
                    escalate(&run, "the re-plan was unusable; \(reason)")
                    return nil
                }
            } catch {
                if Task.isCancelled { return nil }
                escalate(&run, "the re-plan failed (\(StepExecution.describe(error))); \(reason)")
                return nil
            }
        }
    }

    /// The progress ledger's judgement of the steps that finished last, made while the final
    /// answer is already being written (its pieces held back): when the verdict adds no work —
    /// satisfied, or an engine-derived ledger — that answer is the one given, and the judgement
    /// cost no time of its own. When it calls for a re-plan or an extension, or for an answer
    /// that states what is missing, the written answer is dropped unseen (nil) once its call has
    /// finished — a model call spent for nothing, the price of not waiting in the common case.
    private func judgeLast(
        _ last: FinalBatch, of run: inout PlanRun, judge: ProgressStage, orchestrator: Persona
    ) async -> Synthesis? {
        let context = judge.context(judging: last.steps, next: nil, in: run)
        let gate = AnswerGate(bus: bus, open: false)
        let stage = await synthesisStage(orchestrator: orchestrator)
        // Written before the verdict, so told none (only a verdict that is not "unsatisfied"
        // lets it be shown).
        var snapshot = run
        snapshot.lastEntryByModel = false
        async let written = stage.answer(for: snapshot, gate: gate)
        let judgement = await judge.ask(context)
        judge.apply(judgement, judging: last.steps, next: nil, repeated: last.repeated, to: &run)
        // An unsatisfied verdict either extends the plan or must be stated in the answer. The
        // dropped answer's call is let finish, not cancelled: whether a cancel beats a reply is a
        // race, and a recording must replay exactly.
        guard !Task.isCancelled, !run.needsReplan, run.verdict?.answer != false else {
            _ = await written
            return nil
        }
        gate.open()
        return await written
    }

    /// The judge's reason when the plan ran to its end, the model's last verdict came after the
    /// last step and says the request is not satisfied — unless the user denied a step (then the
    /// user has decided, and the answer says what is missing) or what is missing needs a
    /// language model (a re-plan on the same model would meet the same wall).
    private static func unsatisfiedVerdict(of run: PlanRun) -> String? {
        guard run.stopReason == nil, run.deniedByUser.isEmpty, run.plan.steps.allSatisfy(\.state.isFinal),
            !run.plan.steps.contains(where: { $0.state == .needsModel }),
            let last = run.verdicts.last,
            !last.isRequestSatisfied.answer, run.lastEntryByModel
        else { return nil }
        return "the plan finished but the request is not satisfied: \(last.isRequestSatisfied.reason)"
    }

    /// Stops the run and hands the request back to the user with `reason`.
    private func escalate(_ run: inout PlanRun, _ reason: String) {
        run.stopReason = reason
        run.needsReplan = false
        run.escalated = true
        bus.publish(.escalated(Escalated(reason: reason)))
    }

    /// Has `persona` run step `step` of the running plan instead of its planned persona. Applied
    /// at once if the step is still pending (`task_assigned` with the user as the reason), else
    /// refused with a recorded intervention. Throws `unknownPersona` when `persona` is not a
    /// loaded worker.
    public func assign(step: Int, to persona: String) async throws {
        guard await registry.agent(persona)?.persona.isWorker == true else {
            let known = await registry.list().filter { $0.persona.isWorker }.map(\.persona.name)
            throw OrchestrationError.unknownPersona(name: persona, known: known)
        }
        override(.assign(step: step, persona: persona))
    }

    /// Holds back new steps of the running plan (the running ones finish); `resumeSteps` lets
    /// them go. Returns false when the plan already was so.
    public nonisolated func pauseSteps() -> Bool {
        guard !steering.isPaused else { return false }
        override(.pause)
        return true
    }

    /// Lets new steps start again after `pauseSteps`; false when the plan was not paused.
    public nonisolated func resumeSteps() -> Bool {
        guard steering.isPaused else { return false }
        override(.resume)
        return true
    }

    /// Each tool `persona` may use with the `tools` entry that gave it, and the entries that give
    /// it nothing here with why (`WebSearch`: Troupe has no such tool).
    public nonisolated func toolReport(for persona: Persona) -> (
        granted: [(tool: String, entry: String)], unavailable: [(entry: String, reason: String)]
    ) {
        (runner.tools.origins(for: persona), runner.tools.unavailable(for: persona))
    }

    /// Every tool of the session (whose specs and effects a replay offers its personas).
    public nonisolated var tools: [any WorkerTool] { runner.tools.all }

    /// What each tool of the session does, by name.
    public nonisolated var toolEffects: [String: ToolEffect] { runner.tools.effects }

    /// The limits and policies this orchestrator runs with.
    public nonisolated var settings: OrchestratorConfiguration { configuration }

    /// Whether new steps are held back (`pauseSteps`).
    public nonisolated var isPaused: Bool { steering.isPaused }

    /// Runs step `step` again: a failed or cancelled one at once, a running one after it is
    /// cancelled (its handoff rolls back). The outcome is published.
    public nonisolated func retry(step: Int) {
        override(.retry(step: step))
    }

    /// Does not run step `step` (a running one is cancelled, its handoff rolled back); the steps
    /// that depend on it go on without its result. The outcome is published.
    public nonisolated func skip(step: Int) {
        override(.skip(step: step))
    }

    /// Records `override` as the user's and hands it to the scheduler (replays call this with the
    /// recorded overrides; `assign` checks the persona first).
    public nonisolated func override(_ override: UserOverride) {
        bus.publish(.userIntervention(override.intervention))
        switch override {
        case .pause: _ = steering.setPaused(true)
        case .resume: _ = steering.setPaused(false)
        case .assign(let step, let persona): steering.post(.assign(step: step, persona: persona))
        case .retry(let step):
            steering.post(.retry(step: step))
            _ = steering.cancelRunning(step)
        case .skip(let step):
            steering.post(.skip(step: step))
            _ = steering.cancelRunning(step)
        }
    }

    /// Writes the final answer from the run's results, aggregated per persona, told the judge's
    /// last verdict.
    func synthesize(_ run: PlanRun, orchestrator: Persona) async -> Synthesis {
        await synthesisStage(orchestrator: orchestrator).answer(for: run)
    }

    /// The synthesis stage, knowing each persona's role (its description).
    private func synthesisStage(orchestrator: Persona) async -> SynthesisStage {
        let roles = Dictionary(
            await registry.list().map { ($0.persona.name, $0.persona.description) }, uniquingKeysWith: { first, _ in first })
        return SynthesisStage(gateway: gateway, orchestrator: orchestrator, roles: roles)
    }

    /// Sends `text` straight to one persona, skipping the plan (`@persona text`).
    public func direct(to name: String, _ text: String) async -> TurnResult {
        bus.publish(.userInput(UserInput(text: "@\(name) \(text)")))
        gateway.budget.reset()
        bus.publish(.userIntervention(UserIntervention(kind: .direct, detail: name)))
        let started = ContinuousClock.now
        guard await registry.agent(name) != nil else {
            let known = await registry.list().filter { $0.persona.isWorker }.map(\.persona.name)
            return finish(
                .failed, answer: OrchestrationError.unknownPersona(name: name, known: known).localizedDescription,
                started: started)
        }
        let step = PlanStep(id: 1, title: text, persona: name, routingReason: "chosen by the user")
        let brief = Brief(
            request: text, step: nil, instruction: text, tokenBudget: configuration.briefTokenBudget,
            requestedBy: "user", reason: "the user addressed \(name) directly")
        let result = await stepExecution().run(step, brief: brief, allowFallback: false)
        switch result.status {
        case .done: return finish(.completed, answer: result.output, started: started)
        case .cancelled: return cancelled(started: started)
        default: return finish(.failed, answer: result.output, started: started)
        }
    }

    func stepExecution() -> StepExecution {
        StepExecution(
            runner: runner, registry: registry, bus: bus, configuration: configuration, handoffs: handoffs,
            approvals: approvals, budget: gateway.budget)
    }

    /// Ends the turn: its outcome, answer, wall time and the tokens of every model response in it.
    private func finish(_ outcome: TurnOutcome, answer: String, started: ContinuousClock.Instant) -> TurnResult {
        bus.publish(
            .planCompleted(
                PlanCompleted(
                    outcome: outcome, answer: answer, durationMs: started.duration(to: .now).milliseconds,
                    tokens: gateway.budget.spentTokens)))
        return TurnResult(outcome: outcome, answer: answer)
    }

    private func cancelled(started: ContinuousClock.Instant) -> TurnResult {
        bus.publish(.turnCancelled(TurnCancelled(reason: "interrupted by the user")))
        return finish(
            .cancelled, answer: "Cancelled. The ledgers keep what was done before the interrupt.", started: started)
    }
}
