/// Plan → results: a greedy ready-queue scheduler over the DAG.
extension Orchestrator {
    /// Runs ready steps as soon as their dependencies are done, within the global and
    /// per-persona limits, updating the progress ledger after each step.
    func execute(_ run: inout PlanRun, orchestrator: Persona) async {
        let execution = stepExecution()
        let personaLimits = await personaLimits()
        let delegators = Dictionary(
            await registry.list().filter { $0.persona.isWorker && $0.persona.canDelegate }.map { ($0.persona.name, $0.persona) },
            uniquingKeysWith: { first, _ in first })
        let team = delegators.isEmpty ? [] : await registry.availableWorkers()
        let subPlanner = SubPlanStage(gateway: gateway, maxDepth: configuration.maxPlanDepth)
        var offeredForSubPlan: Set<Int> = []
        var runningByPersona: [String: Int] = [:]
        await withTaskGroup(of: StepRun.self) { group in
            var running = 0
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
                while !delegators.isEmpty, await expandOne(&run) {}
                for step in run.ready.compactMap({ run.step($0) }) where running < configuration.maxParallelSteps {
                    let busy = runningByPersona[step.persona, default: 0]
                    guard busy < personaLimits[step.persona, default: 1] else { continue }
                    runningByPersona[step.persona] = busy + 1
                    running += 1
                    run.setState(.running, of: step.id)
                    let brief = makeBrief(for: step, in: run)
                    group.addTask { await execution.run(step, brief: brief, allowFallback: true) }
                }
            }
            await launchReady(&run)
            while let finished = await group.next() {
                running -= 1
                if let original = run.step(finished.step)?.persona {
                    runningByPersona[original, default: 1] -= 1
                }
                record(finished, in: &run)
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
        }
        closeUnfinishedSteps(&run)
    }

    private func personaLimits() async -> [String: Int] {
        Dictionary(
            await registry.list().map { ($0.persona.name, max(1, $0.persona.maxParallelTasks)) }, uniquingKeysWith: { a, _ in a })
    }

    /// The brief for `step`: its instruction, the facts, and the results of its dependencies.
    func makeBrief(for step: PlanStep, in run: PlanRun) -> Brief {
        let dependencies = step.dependsOn.compactMap { run.reports[$0] }
        let budget = min(configuration.briefTokenBudget, step.complexity.briefTokenBudget)
        let share = max(400, budget * 4 / max(1, dependencies.count) / 2)
        var constraints = ["Stay within this step; other steps are handled by other personas."]
        let results = dependencies.map { report -> DependencyResult in
            var output = report.output
            if output.count > share {
                output = String(output.prefix(share))
                constraints.append("The result of step \(report.step) was cut to its first \(share) characters.")
            }
            return DependencyResult(step: report.step, persona: report.persona, title: report.title, output: output)
        }
        return Brief(
            request: run.ledger.request, step: step.id, instruction: step.title, details: step.details,
            facts: run.ledger.facts.given, dependencyResults: results, constraints: constraints,
            tokenBudget: budget, requestedBy: "orchestrator", reason: step.routingReason)
    }

    private func record(_ finished: StepRun, in run: inout PlanRun) {
        run.setState(finished.status, of: finished.step)
        run.tokens += finished.tokens
        guard let step = run.step(finished.step) else { return }
        run.reports[step.id] = StepReport(
            step: step.id, title: step.title, persona: finished.persona, status: finished.status, output: finished.output)
        bus.publish(
            .taskCompleted(
                TaskCompleted(
                    step: step.id, persona: finished.persona, status: finished.status,
                    summary: Self.summaryLine(finished.output), output: finished.output,
                    durationMs: finished.durationMs, tokens: finished.tokens)))
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
        let line = text.split(separator: "\n").first { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? ""
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        return trimmed.count > 100 ? String(trimmed.prefix(99)) + "…" : trimmed
    }
}
