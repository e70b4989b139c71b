import Foundation

/// Magentic-One's inner loop over a DAG: asks the progress ledger about the steps finished since
/// its last entry, counts stalls and loops, and applies the verdict to what has not started — the
/// next step's persona (`next_speaker`) and instruction (`instruction_or_question`), an early end
/// (`is_request_satisfied`), a re-plan after `max_stalls`. When the model's ledger is unusable the
/// engine derives one from the plan and applies nothing of it but the counts.
struct ProgressStage: Sendable {
    let gateway: ModelGateway
    let orchestrator: Persona
    let maxStalls: Int
    /// Every worker that may be named as the next speaker.
    let team: [TeamMember]

    /// The longest output of a finished step the judge is shown, in characters.
    static let outputBudget = 2_000
    /// The most plan steps the judge is shown: a longer plan is shown by its unfinished steps,
    /// lowest ids first, and counts (each call would otherwise carry the whole plan).
    static let planSteps = 100
    /// How many of its own earlier entries the judge is shown.
    static let recentEntries = 3

    /// A ledger call's answer: the model's ledger (nil when unusable).
    struct Judgement: Sendable {
        var ledger: ProgressLedger?
    }

    /// What the judge is shown about `batch` (finished steps), deciding about step `next`.
    func context(judging batch: [Int], next: Int?, in run: PlanRun) -> ProgressContext {
        let finished = batch.compactMap { run.reports[$0] }.map { report in
            var report = report
            if report.output.count > Self.outputBudget {
                report.output = String(report.output.prefix(Self.outputBudget)) + " … (cut)"
            }
            return report
        }
        let steps = run.plan.steps
        var shown = steps
        var note: String?
        if steps.count > Self.planSteps {
            shown = Array(steps.lazy.filter { !$0.state.isFinal }.prefix(Self.planSteps))
            let counts = [StepState.done, .needsModel, .running, .pending, .failed, .skipped]
                .map { (state: $0, count: run.count($0)) }.filter { $0.count > 0 }
                .map { "\($0.count) \($0.state.rawValue)" }.joined(separator: ", ")
            note = "\(steps.count) steps (\(counts)); listed: the first \(shown.count) unfinished"
        }
        var context = ProgressContext(
            request: run.ledger.request, facts: run.ledger.facts, team: team, plan: shown.map(StepStatus.init),
            finished: finished, nextStep: next.flatMap { run.step($0) }, stalls: run.stalls, maxStalls: maxStalls,
            recent: Array(run.verdicts.suffix(Self.recentEntries)))
        context.planNote = note
        return context
    }

    /// Asks the model for the progress ledger; a reply naming someone outside the team is fed
    /// back like any schema error. Never throws: an unusable or failed call gives no ledger.
    func ask(_ context: ProgressContext) async -> Judgement {
        let speakers = Set(team.map(\.name) + ["none", orchestrator.name])
        do {
            let ledger = try await gateway.structured(
                OrchestratorPrompts.progress(orchestrator: orchestrator, context: context), as: ProgressLedger.self
            ) { ledger in
                speakers.contains(ledger.nextSpeaker.answer)
                    ? [] : ["next_speaker '\(ledger.nextSpeaker.answer)' is not a team member or \"none\""]
            }
            return Judgement(ledger: ledger)
        } catch {
            return Judgement(ledger: nil)
        }
    }

    /// Applies `judgement` of `batch` to `run`: counts, stalls, loops (`repeated`: steps whose
    /// output repeated an earlier one of the same persona), the decisions about step `next`;
    /// releases the batch's dependents and publishes the entry.
    func apply(_ judgement: Judgement, judging batch: [Int], next: Int?, repeated: Bool, to run: inout PlanRun) {
        var ledger = judgement.ledger ?? Self.derivedLedger(for: run, judging: batch, next: next)
        if let model = judgement.ledger { run.verdicts.append(model) }
        run.lastEntryByModel = judgement.ledger != nil
        if repeated {
            ledger.isInLoop = LedgerAnswer(
                reason: "the same persona returned (nearly) the same result for the same step", answer: true)
        }
        if ledger.isInLoop.answer || !ledger.isProgressBeingMade.answer {
            run.stalls += 1
        } else {
            run.stalls = max(0, run.stalls - 1)
        }
        if judgement.ledger != nil, let next { steer(next, by: ledger, in: &run) }
        if run.stopReason == nil {
            if ledger.isRequestSatisfied.answer {
                // Satisfied outranks stalled: nothing is re-planned for a request already done.
                if run.count(.pending) > 0 {
                    run.stopReason = "not needed: the request was already satisfied (\(ledger.isRequestSatisfied.reason))"
                    run.satisfiedEarly = true
                }
            } else if run.stalls >= maxStalls {
                let reason = ledger.isInLoop.answer ? ledger.isInLoop.reason : ledger.isProgressBeingMade.reason
                run.stopReason = "stalled \(run.stalls) times: \(reason)"
                run.needsReplan = true
            }
        }
        run.markJudged(batch)
        gateway.bus.publish(
            .progressLedgerUpdated(
                ProgressLedgerUpdated(
                    afterStep: batch.last ?? 0, ledger: ledger, done: run.count(.done), running: run.count(.running),
                    total: run.plan.steps.count, stalls: run.stalls, derivedByEngine: judgement.ledger == nil,
                    judged: batch, nextStep: next)))
    }

    /// Gives step `id` (still waiting for this verdict) the persona and instruction the ledger
    /// chose: a different team member is an assignment with the ledger's reason; a different
    /// instruction replaces the step's title in its brief.
    private func steer(_ id: Int, by ledger: ProgressLedger, in run: inout PlanRun) {
        // The user's own assignment stands, and with it the plan's instruction.
        guard let step = run.step(id), step.state == .pending, !step.routingReason.hasPrefix(PlanScheduler.reassignedByUser)
        else { return }
        let speaker = ledger.nextSpeaker.answer
        if speaker != step.persona, team.contains(where: { $0.name == speaker }) {
            let reason = "progress ledger: \(ledger.nextSpeaker.reason) (was \(step.persona))"
            run.reassign(id, to: speaker, reason: reason)
            gateway.bus.publish(.taskAssigned(TaskAssigned(step: id, persona: speaker, reason: reason)))
        }
        let instruction = ledger.instructionOrQuestion.answer.trimmingCharacters(in: .whitespacesAndNewlines)
        if !instruction.isEmpty, instruction != step.title {
            run.ledgerInstructions[id] = LedgerInstruction(
                instruction: instruction, reason: ledger.instructionOrQuestion.reason)
        }
    }

    /// The ledger the plan's state implies, used when the model gave none: it changes nothing
    /// about the next step.
    static func derivedLedger(for run: PlanRun, judging batch: [Int], next: Int?) -> ProgressLedger {
        let plan = run.plan
        let done = run.count(.done)
        let failed = batch.filter { run.step($0)?.state == .failed }
        let step = next.flatMap { run.step($0) }
        let allDone = done == plan.steps.count
        return ProgressLedger(
            isRequestSatisfied: LedgerAnswer(reason: "\(done) of \(plan.steps.count) steps done", answer: allDone),
            isInLoop: LedgerAnswer(reason: "no step was repeated", answer: false),
            isProgressBeingMade: LedgerAnswer(
                reason: failed.isEmpty
                    ? "steps are completing" : "step(s) \(failed.map(String.init).joined(separator: ", ")) failed",
                answer: failed.isEmpty),
            nextSpeaker: LedgerAnswer(
                reason: step.map { "step \($0.id) is next" } ?? "no step is waiting", answer: step?.persona ?? "none"),
            instructionOrQuestion: LedgerAnswer(reason: "the plan's step", answer: step?.title ?? ""))
    }
}
