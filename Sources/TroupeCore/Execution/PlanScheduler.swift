/// Plan → results: a greedy ready-queue scheduler over the DAG with the progress ledger as its
/// control loop, kept off the critical path.
///
/// Ready steps launch at once, within the global and per-persona limits. A finished step joins a
/// batch the progress ledger judges in one call; the call starts as soon as something waits for
/// it — a pending step that depends on the batch (`every_step`: nothing starts on a result the
/// ledger has not seen), a failed or repeated step, or the end of the work — and no sooner, so
/// independent steps never wait for the ledger. Its verdict is applied to what has not started:
/// the step it decided about waits for it. When nothing is left to run, the last batch is left in
/// `PlanRun.finalBatch` for the orchestrator, which judges it while the final answer is written.
/// One value per run of a plan; `run` drives it.
struct PlanScheduler {
    /// What wakes the scheduler: a step finished, the user steered, or the ledger judged.
    enum Wake: Sendable {
        case finished(StepResult)
        case steered
        case judged(ProgressStage.Judgement)
    }

    /// How a step's routing reason begins once the user assigned it (the ledger leaves it be).
    static let reassignedByUser = "reassigned by the user"

    let execution: StepExecution
    let judge: ProgressStage
    let steering: Steering
    let bus: EventBus
    let budget: BudgetTracker?
    let configuration: OrchestratorConfiguration
    let personaLimits: [String: Int]
    let contextPolicies: [String: ContextPolicy]
    /// Workers whose steps are first offered to them to split into sub-plans.
    let delegators: [String: Persona]
    let subPlanner: SubPlanStage
    let team: [TeamMember]

    private var offeredForSubPlan: Set<Int> = []
    private var runningByPersona: [String: Int] = [:]
    private var running = 0
    private var wakerArmed = false
    /// Finished steps the ledger has not been asked about yet, and whether one of them repeated
    /// an earlier result or failed (then it is asked at once).
    private var batch: [Int] = []
    private var batchRepeated = false
    private var batchTroubled = false
    /// The ledger call in flight: the steps it judges and the step it decides about.
    private var judging: (batch: [Int], next: Int?, repeated: Bool)?

    init(
        execution: StepExecution, judge: ProgressStage, steering: Steering, bus: EventBus, budget: BudgetTracker?,
        configuration: OrchestratorConfiguration, personas: [Persona], subPlanner: SubPlanStage, team: [TeamMember]
    ) {
        self.execution = execution
        self.judge = judge
        self.steering = steering
        self.bus = bus
        self.budget = budget
        self.configuration = configuration
        self.personaLimits = Dictionary(
            personas.map { ($0.name, max(1, $0.maxParallelTasks)) }, uniquingKeysWith: { first, _ in first })
        self.contextPolicies = Dictionary(personas.map { ($0.name, $0.context) }, uniquingKeysWith: { first, _ in first })
        self.delegators =
            configuration.strategy.allowsSubPlans
            ? Dictionary(
                personas.filter { $0.isWorker && $0.canDelegate }.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
            : [:]
        self.subPlanner = subPlanner
        self.team = team
    }

    /// Runs `run`'s plan until nothing more can start: every step final, or stopped (budget,
    /// satisfied, stalled, cancelled). Steps that never ran are closed with the reason.
    mutating func run(_ run: inout PlanRun) async {
        run.holdsUntilJudged = configuration.progressLedger == .everyStep
        await withTaskGroup(of: Wake.self) { group in
            await launchReady(&run, in: &group)
            while running > 0 || judging != nil
                || (steering.isPaused && run.count(.pending) > 0 && run.stopReason == nil && !Task.isCancelled)
            {
                if !wakerArmed {
                    wakerArmed = true
                    let steering = self.steering
                    group.addTask {
                        await steering.changed()
                        return .steered
                    }
                }
                guard let wake = await group.next() else { break }
                switch wake {
                case .steered:
                    wakerArmed = false
                case .finished(let finished):
                    finish(finished, in: &run)
                case .judged(let judgement):
                    guard let call = judging else { break }
                    judging = nil
                    run.awaitingVerdict = nil
                    // A step retried while the call was out and finished again waits for the next call.
                    let judged = call.batch.filter { !batch.contains($0) }
                    judge.apply(judgement, judging: judged, next: call.next, repeated: call.repeated, to: &run)
                }
                await launchReady(&run, in: &group)
                askLedgerIfWaitedFor(&run, in: &group)
            }
            group.cancelAll()
        }
        closeUnfinishedSteps(&run)
    }

    /// Takes a finished step into the run and its batch for the ledger.
    private mutating func finish(_ finished: StepResult, in run: inout PlanRun) {
        running -= 1
        if let original = run.step(finished.step)?.persona { runningByPersona[original, default: 1] -= 1 }
        let title = run.step(finished.step)?.title ?? ""
        collectResult(finished, in: &run)
        if finished.deniedByUser { run.deniedByUser.insert(finished.step) }
        if run.stopReason == nil, let reason = budget?.requestExhaustedReason {
            run.stopReason = "budget exhausted: \(reason)"
            bus.publish(.escalated(Escalated(reason: run.stopReason!)))
        }
        guard finished.status != .cancelled, !Task.isCancelled else {
            run.markJudged([finished.step])
            return
        }
        let repeated =
            finished.status == .done && run.loops.record(persona: finished.persona, title: title, output: finished.output)
        let troubled = finished.status != .done || repeated || run.stalls > 0
        if configuration.progressLedger == .onTrouble && !troubled {
            // Nothing looks wrong: the engine's own ledger, no model call.
            let next = run.firstPending
            judge.apply(.init(ledger: nil), judging: [finished.step], next: next, repeated: false, to: &run)
            return
        }
        batch.append(finished.step)
        batchRepeated = batchRepeated || repeated
        batchTroubled = batchTroubled || troubled
    }

    /// Starts a ledger call over the batch when something waits for it: a step held on it, a
    /// failed or repeated step, or no work left running. The step it decides about waits too.
    private mutating func askLedgerIfWaitedFor(_ run: inout PlanRun, in group: inout TaskGroup<Wake>) {
        guard judging == nil, !batch.isEmpty else { return }
        guard run.stopReason == nil, !Task.isCancelled else {
            run.markJudged(batch)
            batch = []
            return
        }
        let held = run.heldForJudgement
        guard batchTroubled || !held.isEmpty || running == 0 else { return }
        if held.isEmpty, running == 0, !steering.isPaused {
            // The work is over: the last judgement is the orchestrator's, beside the final answer.
            run.finalBatch = FinalBatch(steps: batch, repeated: batchRepeated)
            (batch, batchRepeated, batchTroubled) = ([], false, false)
            return
        }
        let next = held.first ?? run.firstPending
        let call = (batch: batch, next: next, repeated: batchRepeated)
        (batch, batchRepeated, batchTroubled) = ([], false, false)
        judging = call
        run.awaitingVerdict = next
        let context = judge.context(judging: call.batch, next: next, in: run)
        let judge = self.judge
        group.addTask { .judged(await judge.ask(context)) }
    }

    /// Applies the user's overrides, offers delegating personas their steps, then launches ready
    /// steps until the slots are full.
    private mutating func launchReady(_ run: inout PlanRun, in group: inout TaskGroup<Wake>) async {
        guard run.stopReason == nil, !Task.isCancelled else { return }
        applyOverrides(&run)
        guard !steering.isPaused else { return }
        while !delegators.isEmpty, await expandOne(&run) {}
        // Walked in place, one at a time, until the slots are full: with a long plan most ready
        // steps wait, and neither copying nor looking them all up is free.
        var position = 0
        while running < configuration.maxParallelSteps, position < run.ready.count {
            guard let step = run.step(run.ready[position]), step.id != run.awaitingVerdict,
                runningByPersona[step.persona, default: 0] < personaLimits[step.persona, default: 1]
            else {
                position += 1
                continue
            }
            runningByPersona[step.persona, default: 0] += 1
            running += 1
            // Leaves the ready list: the next ready step moves into `position`.
            run.setState(.running, of: step.id)
            let brief = makeBrief(for: step, in: run)
            let execution = self.execution
            let steering = self.steering
            group.addTask {
                // Its own task, so `/retry` and `/skip` can cancel this step alone.
                let work = Task { await execution.run(step, brief: brief, allowFallback: true) }
                steering.track(step.id) { work.cancel() }
                defer { steering.untrack(step.id) }
                return .finished(
                    await withTaskCancellationHandler {
                        await work.value
                    } onCancel: {
                        work.cancel()
                    })
            }
        }
    }

    /// Offers a ready step of a delegating persona to be split; true if the plan changed.
    private mutating func expandOne(_ run: inout PlanRun) async -> Bool {
        for step in run.ready.compactMap({ run.step($0) })
        where !offeredForSubPlan.contains(step.id) && step.id != run.awaitingVerdict {
            guard let persona = delegators[step.persona], step.depth < configuration.maxPlanDepth else { continue }
            offeredForSubPlan.insert(step.id)
            if (try? await subPlanner.expand(step, by: persona, in: &run, team: team)) == true { return true }
        }
        return false
    }

    /// Applies the user's overrides posted since the last launch. A retry or skip of a step
    /// that is still running waits (its cancellation is on the way) for a later launch.
    private func applyOverrides(_ run: inout PlanRun) {
        var later: [UserOverride] = []
        for override in steering.take() {
            switch override {
            case .assign(let id, let persona):
                guard let step = run.step(id), step.state == .pending else {
                    refuse(.assignRefused, "step \(id) → \(persona)", run.step(id))
                    continue
                }
                let reason = "\(Self.reassignedByUser) (was \(step.persona))"
                run.reassign(id, to: persona, reason: reason)
                bus.publish(.taskAssigned(TaskAssigned(step: id, persona: persona, reason: reason)))
            case .retry(let id):
                guard let step = run.step(id), [.failed, .cancelled, .running].contains(step.state) else {
                    refuse(.retryRefused, "step \(id)", run.step(id))
                    continue
                }
                if step.state == .running {
                    later.append(override)
                    continue
                }
                run.setState(.pending, of: id)
            case .skip(let id):
                guard let step = run.step(id), [.pending, .failed, .cancelled, .running].contains(step.state) else {
                    refuse(.skipRefused, "step \(id)", run.step(id))
                    continue
                }
                if step.state == .running {
                    later.append(override)
                    continue
                }
                run.skipKeepingDependents(id)
                let reason = "skipped by the user"
                run.reports[id] = StepReport(step: id, title: step.title, persona: step.persona, status: .skipped, output: reason)
                bus.publish(
                    .taskCompleted(
                        TaskCompleted(
                            step: id, persona: step.persona, status: .skipped, summary: reason, output: reason, durationMs: 0,
                            tokens: 0)))
            case .pause, .resume:
                break
            }
        }
        steering.putBack(later)
    }

    /// Publishes that an override could not be applied, and why.
    private func refuse(_ kind: InterventionKind, _ detail: String, _ step: PlanStep?) {
        let state = step.map { "it is \($0.state.rawValue)" } ?? "there is no such step"
        bus.publish(.userIntervention(UserIntervention(kind: kind, detail: "\(detail): \(state)")))
    }

    /// The brief for `step`, drawn from the working memory within the persona's context policy
    /// and the step's token budget (set by its complexity), with the ledger's instruction and a
    /// re-plan's root cause when there are.
    func makeBrief(for step: PlanStep, in run: PlanRun) -> Brief {
        let budget = min(configuration.briefTokenBudget, step.complexity.briefTokenBudget)
        return BriefBuilder(request: run.ledger.request, memory: run.memory, reports: run.reports)
            .brief(
                for: step, policy: contextPolicies[step.persona, default: .dependencies], budget: budget,
                ledgerInstruction: run.ledgerInstructions[step.id], replanCause: run.replanCauses[step.id])
    }

    /// Takes a finished step's result into the run: its state, its report, its artifacts into the
    /// working memory, and a `task_completed` event.
    private func collectResult(_ finished: StepResult, in run: inout PlanRun) {
        run.setState(finished.status, of: finished.step)
        guard let step = run.step(finished.step) else { return }
        run.reports[step.id] = StepReport(
            step: step.id, title: step.title, persona: finished.persona, status: finished.status, output: finished.output)
        if !finished.artifacts.isEmpty { run.artifacts[step.id] = finished.artifacts }
        bus.publish(
            .taskCompleted(
                TaskCompleted(
                    step: step.id, persona: finished.persona, status: finished.status, summary: finished.summary,
                    output: finished.output, durationMs: finished.durationMs, tokens: finished.tokens,
                    artifacts: finished.artifacts)))
    }

    /// Marks steps that never ran: cancelled on interrupt, otherwise skipped with the reason.
    private func closeUnfinishedSteps(_ run: inout PlanRun) {
        let cancelled = Task.isCancelled
        for step in run.plan.steps where !step.state.isFinal {
            let failedDependencies = step.dependsOn.filter { run.step($0)?.state != .done }
            let reason: String
            let state: StepState
            if cancelled {
                (state, reason) = (.cancelled, StepExecution.cancelledBeforeFinishing)
            } else if let stop = run.stopReason {
                (state, reason) = (.skipped, run.needsReplan ? "\(stop); re-planning" : stop)
            } else {
                let list = failedDependencies.map { "step \($0)" }.joined(separator: ", ")
                (state, reason) = (.skipped, "skipped: \(list) did not finish")
            }
            run.setState(state, of: step.id)
            run.reports[step.id] = StepReport(
                step: step.id, title: step.title, persona: step.persona, status: state, output: reason)
            bus.publish(
                .taskCompleted(
                    TaskCompleted(
                        step: step.id, persona: step.persona, status: state, summary: reason, output: reason, durationMs: 0,
                        tokens: 0)))
        }
    }
}
