/// Stalled run, or finished plan with the request unsatisfied → revised facts and new steps for
/// the remaining work, keeping completed steps (Magentic-One's outer loop, with the stall counter
/// reset after each re-plan). The root cause it gives reaches the next re-plan's prompt and the
/// briefs of the steps it creates.
struct ReplanStage: Sendable {
    let gateway: ModelGateway
    let orchestrator: Persona
    /// The most steps the whole plan may have after the re-plan.
    let maxSteps: Int

    /// Replaces the unfinished part of `run`'s plan, for `reason` (why it stalled, or what the
    /// judge says is missing). Returns false when no usable plan came back.
    func replan(_ run: inout PlanRun, trigger: ReplanTrigger, reason: String, team: [TeamMember]) async throws -> Bool {
        // Steps that need a language model stay what they are: a re-plan on the same model cannot do them.
        let completed = run.plan.steps.filter(\.state.isAnswered)
        let nextID = (run.plan.steps.map(\.id).max() ?? 0) + 1
        let context = ReplanContext(
            request: run.ledger.request, facts: run.ledger.facts, results: run.orderedReports, trigger: trigger,
            stallReason: reason, earlierRootCauses: run.rootCauses, nextStepID: nextID, team: team)
        let workers = Set(team.map(\.name))
        let oldGuesses = run.ledger.facts.educatedGuesses
        let draft = try await gateway.structured(
            OrchestratorPrompts.replan(orchestrator: orchestrator, context: context), as: ReplanDraft.self
        ) { draft in
            var errors = Self.plan(from: draft, keeping: completed, team: team).validationErrors(
                workers: workers, maxSteps: maxSteps)
            if draft.steps.isEmpty { errors.append("steps is empty: plan the remaining work") }
            if draft.steps.contains(where: { $0.id < nextID }) { errors.append("new step ids must start at \(nextID)") }
            if draft.facts.educatedGuesses == oldGuesses { errors.append("revise at least one educated guess") }
            return errors
        }
        guard let draft else { return false }
        run.replans += 1
        run.rootCauses.append(draft.rootCause)
        run.ledger.facts = draft.facts
        run.markJudged(completed.map(\.id))
        run.plan = Self.plan(from: draft, keeping: completed, team: team)
        for step in run.plan.steps where step.id >= nextID { run.replanCauses[step.id] = draft.rootCause }
        run.stalls = 0
        run.stopReason = nil
        run.needsReplan = false
        gateway.bus.publish(
            .replanned(Replanned(attempt: run.replans, rootCause: draft.rootCause, plan: run.plan, trigger: trigger)))
        gateway.bus.publish(.taskLedgerUpdated(TaskLedgerUpdated(ledger: run.ledger)))
        for step in run.plan.steps where step.state == .pending {
            gateway.bus.publish(.taskAssigned(TaskAssigned(step: step.id, persona: step.persona, reason: step.routingReason)))
        }
        return true
    }

    /// Completed steps followed by the draft's new steps (persona choices corrected by capability).
    static func plan(from draft: ReplanDraft, keeping completed: [PlanStep], team: [TeamMember]) -> Plan {
        let fresh = PlanningStage.plan(from: PlanDraft(needsPlan: true, steps: draft.steps), team: team)
        return Plan(steps: completed + fresh.steps)
    }
}
