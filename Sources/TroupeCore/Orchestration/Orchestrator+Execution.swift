/// Plan → results: a greedy ready-queue scheduler over the DAG.
extension Orchestrator {
    /// What wakes the scheduler: a step finished, or the user steered.
    enum Wake: Sendable {
        case finished(StepResult)
        case steered
    }

    /// Runs ready steps as soon as their dependencies are done, within the global and
    /// per-persona limits, updating the progress ledger after each step.
    func execute(_ run: inout PlanRun, orchestrator: Persona) async {
        let execution = stepExecution()
        let personas = await registry.list().map(\.persona)
        let personaLimits = Dictionary(personas.map { ($0.name, max(1, $0.maxParallelTasks)) }, uniquingKeysWith: { a, _ in a })
        let contextPolicies = Dictionary(personas.map { ($0.name, $0.context) }, uniquingKeysWith: { a, _ in a })
        let delegators =
            configuration.strategy.allowsSubPlans
            ? Dictionary(
                personas.filter { $0.isWorker && $0.canDelegate }.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
            : [:]
        let team = delegators.isEmpty ? [] : await registry.availableWorkers()
        let subPlanner = SubPlanStage(gateway: gateway, maxDepth: configuration.maxPlanDepth)
        var offeredForSubPlan: Set<Int> = []
        var runningByPersona: [String: Int] = [:]
        let steering = self.steering
        await withTaskGroup(of: Wake.self) { group in
            var running = 0
            var wakerArmed = false
            /// Offers a ready step of a delegating persona to be split; true if the plan changed.
            func expandOne(_ run: inout PlanRun) async -> Bool {
                for step in run.ready.compactMap({ run.step($0) }) where !offeredForSubPlan.contains(step.id) {
                    guard let persona = delegators[step.persona], step.depth < configuration.maxPlanDepth else { continue }
                    offeredForSubPlan.insert(step.id)
                    if (try? await subPlanner.expand(step, by: persona, in: &run, team: team)) == true { return true }
                }
                return false
            }
            func launchReady(_ run: inout PlanRun) async {
                guard run.stopReason == nil, !Task.isCancelled else { return }
                applyOverrides(&run)
                guard !steering.isPaused else { return }
                while !delegators.isEmpty, await expandOne(&run) {}
                // Walked in place, one at a time, until the slots are full: with a long plan most
                // ready steps wait, and neither copying nor looking them all up is free.
                var position = 0
                while running < configuration.maxParallelSteps, position < run.ready.count {
                    guard let step = run.step(run.ready[position]),
                        runningByPersona[step.persona, default: 0] < personaLimits[step.persona, default: 1]
                    else {
                        position += 1
                        continue
                    }
                    runningByPersona[step.persona, default: 0] += 1
                    running += 1
                    // Leaves the ready list: the next ready step moves into `position`.
                    run.setState(.running, of: step.id)
                    let brief = makeBrief(
                        for: step, in: run, policy: contextPolicies[step.persona, default: .dependencies])
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
            await launchReady(&run)
            while running > 0 || (steering.isPaused && run.count(.pending) > 0 && run.stopReason == nil && !Task.isCancelled) {
                if !wakerArmed {
                    wakerArmed = true
                    group.addTask {
                        await steering.changed()
                        return .steered
                    }
                }
                guard let wake = await group.next() else { break }
                guard case .finished(let finished) = wake else {
                    wakerArmed = false
                    await launchReady(&run)
                    continue
                }
                running -= 1
                if let original = run.step(finished.step)?.persona {
                    runningByPersona[original, default: 1] -= 1
                }
                collectResult(finished, in: &run)
                if run.stopReason == nil, let reason = gateway.budget?.requestExhaustedReason {
                    run.stopReason = "budget exhausted: \(reason)"
                    bus.publish(.escalated(Escalated(reason: run.stopReason!)))
                }
                if finished.status != .cancelled, !Task.isCancelled {
                    await ProgressStage(
                        gateway: gateway, orchestrator: orchestrator, maxStalls: configuration.maxStalls,
                        policy: configuration.progressLedger
                    )
                    .update(&run, after: finished)
                }
                await launchReady(&run)
            }
            group.cancelAll()
        }
        closeUnfinishedSteps(&run)
    }

    /// Applies the user's overrides posted since the last launch. A retry or skip of a step
    /// that is still running waits (its cancellation is on the way) for a later launch.
    private func applyOverrides(_ run: inout PlanRun) {
        var later: [UserOverride] = []
        for override in steering.take() {
            switch override {
            case .assign(let id, let persona):
                guard let step = run.step(id), step.state == .pending else {
                    refuse("assign", "step \(id) → \(persona)", run.step(id))
                    continue
                }
                run.reassign(id, to: persona, reason: "reassigned by the user (was \(step.persona))")
                bus.publish(
                    .taskAssigned(
                        TaskAssigned(step: id, persona: persona, reason: "reassigned by the user (was \(step.persona))")))
            case .retry(let id):
                guard let step = run.step(id), [.failed, .cancelled, .running].contains(step.state) else {
                    refuse("retry", "step \(id)", run.step(id))
                    continue
                }
                if step.state == .running {
                    later.append(override)
                    continue
                }
                run.setState(.pending, of: id)
            case .skip(let id):
                guard let step = run.step(id), [.pending, .failed, .cancelled, .running].contains(step.state) else {
                    refuse("skip", "step \(id)", run.step(id))
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
    private func refuse(_ kind: String, _ detail: String, _ step: PlanStep?) {
        let state = step.map { "it is \($0.state.rawValue)" } ?? "there is no such step"
        bus.publish(.userIntervention(UserIntervention(kind: "\(kind)_refused", detail: "\(detail): \(state)")))
    }

    /// The brief for `step`, drawn from the working memory within the persona's context policy
    /// and the step's token budget (set by its complexity).
    func makeBrief(for step: PlanStep, in run: PlanRun, policy: ContextPolicy) -> Brief {
        let budget = min(configuration.briefTokenBudget, step.complexity.briefTokenBudget)
        return BriefBuilder(request: run.ledger.request, memory: run.memory, reports: run.reports)
            .brief(for: step, policy: policy, budget: budget)
    }

    /// Takes a finished step's result into the run: its state, its report, its artifacts into the
    /// working memory, and a `task_completed` event.
    func collectResult(_ finished: StepResult, in run: inout PlanRun) {
        run.setState(finished.status, of: finished.step)
        run.tokens += finished.tokens
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
                (state, reason) = (.cancelled, "cancelled before it finished")
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

    /// The first non-empty line of `text`, at most 100 characters.
    static func summaryLine(_ text: String) -> String {
        var rest = Substring(text)
        while !rest.isEmpty {
            let end = rest.firstIndex(of: "\n") ?? rest.endIndex
            let line = rest[..<end].trimmingCharacters(in: .whitespaces)
            if !line.isEmpty { return line.count > 100 ? String(line.prefix(99)) + "…" : line }
            rest = end == rest.endIndex ? "" : rest[rest.index(after: end)...]
        }
        return ""
    }
}
