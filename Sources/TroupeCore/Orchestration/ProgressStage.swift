/// After each step: ask for the progress ledger, count stalls, detect loops, decide whether to
/// stop launching steps. Falls back to a ledger derived from the plan when the model's is unusable.
struct ProgressStage: Sendable {
    let gateway: ModelGateway
    let orchestrator: Persona
    let maxStalls: Int
    var policy: ProgressLedgerPolicy = .everyStep

    func update(_ run: inout PlanRun, after finished: StepResult) async {
        guard let step = run.step(finished.step), let latest = run.reports[finished.step] else { return }
        let workKey = ContentHash.sha256("\(finished.persona)\u{0}\(step.title)\u{0}\(finished.output)")
        let repeated = finished.status == .done && run.seenWork.contains(workKey)
        let troubled = finished.status != .done || repeated || run.stalls > 0
        let reply: (value: ProgressLedger?, usage: TokenUsage)
        if policy == .onTrouble && !troubled {
            reply = (nil, TokenUsage())
        } else {
            let context = ProgressContext(request: run.ledger.request, plan: run.plan, latest: latest, stalls: run.stalls)
            let speakers = Set(run.plan.steps.map(\.persona) + ["none", orchestrator.name])
            reply = await ask(context, speakers: speakers)
        }
        apply(reply, to: &run, after: finished, workKey: workKey)
    }

    private func ask(_ context: ProgressContext, speakers: Set<String>) async -> (value: ProgressLedger?, usage: TokenUsage) {
        let reply: (value: ProgressLedger?, usage: TokenUsage)
        do {
            reply = try await gateway.structured(
                OrchestratorPrompts.progress(orchestrator: orchestrator, context: context), as: ProgressLedger.self
            ) { ledger in
                speakers.contains(ledger.nextSpeaker.answer)
                    ? [] : ["next_speaker '\(ledger.nextSpeaker.answer)' is not a team member or \"none\""]
            }
        } catch {
            reply = (nil, TokenUsage())
        }
        return reply
    }

    private func apply(
        _ reply: (value: ProgressLedger?, usage: TokenUsage), to run: inout PlanRun, after finished: StepResult, workKey: String
    ) {
        run.tokens += reply.usage.total
        var ledger = reply.value ?? Self.derivedLedger(for: run)
        if finished.status == .done, !run.seenWork.insert(workKey).inserted {
            ledger.isInLoop = LedgerAnswer(
                reason: "the same persona returned the same result for the same instruction", answer: true)
        }
        if ledger.isInLoop.answer || !ledger.isProgressBeingMade.answer {
            run.stalls += 1
        } else {
            run.stalls = max(0, run.stalls - 1)
        }
        if ledger.isRequestSatisfied.answer, run.count(.pending) > 0 {
            run.stopReason = "not needed: the request was already satisfied (\(ledger.isRequestSatisfied.reason))"
        } else if run.stalls >= maxStalls {
            let reason = ledger.isInLoop.answer ? ledger.isInLoop.reason : ledger.isProgressBeingMade.reason
            run.stopReason = "stalled \(run.stalls) times: \(reason)"
            run.needsReplan = true
        }
        gateway.bus.publish(
            .progressLedgerUpdated(
                ProgressLedgerUpdated(
                    afterStep: finished.step, ledger: ledger, done: run.count(.done), running: run.count(.running),
                    total: run.plan.steps.count, stalls: run.stalls, derivedByEngine: reply.value == nil)))
    }

    /// The ledger the plan's state implies, used when the model gave none.
    static func derivedLedger(for run: PlanRun) -> ProgressLedger {
        let plan = run.plan
        let done = run.count(.done)
        let failed = run.count(.failed)
        let next = run.ready.first.flatMap { run.step($0) }
        let allDone = done == plan.steps.count
        return ProgressLedger(
            isRequestSatisfied: LedgerAnswer(reason: "\(done) of \(plan.steps.count) steps done", answer: allDone),
            isInLoop: LedgerAnswer(reason: "no step was repeated", answer: false),
            isProgressBeingMade: LedgerAnswer(
                reason: failed > 0 ? "\(failed) step(s) failed" : "steps are completing", answer: failed == 0),
            nextSpeaker: LedgerAnswer(
                reason: next.map { "step \($0.id) is ready" } ?? "no step is ready", answer: next?.persona ?? "none"),
            instructionOrQuestion: LedgerAnswer(reason: "next ready step", answer: next?.title ?? ""))
    }
}
