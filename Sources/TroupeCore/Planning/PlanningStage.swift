/// Request → plan. Asks the orchestrator model for a `PlanDraft`, corrects persona choices by
/// capability, sends structural errors back, and degrades to a one-step plan if it must.
struct PlanningStage: Sendable {
    let gateway: ModelGateway
    let orchestrator: Persona
    let maxSteps: Int

    func plan(_ request: String, team: [TeamMember]) async throws -> Decomposition {
        let workers = Set(team.map(\.name))
        let prompt = OrchestratorPrompts.planning(
            orchestrator: orchestrator, context: PlanningContext(request: request, team: team))
        var validated: Plan?  // built once, while validating, not again after
        let draft = try await gateway.structured(prompt, as: PlanDraft.self) { draft in
            if !draft.needsPlan {
                return (draft.directAnswer ?? "").isEmpty ? ["needs_plan is false but direct_answer is empty"] : []
            }
            let missingFacts =
                draft.facts == nil
                ? [
                    "facts is missing: give the four lists given, to_look_up, to_derive, educated_guesses (empty where there is nothing)"
                ]
                : []
            let plan = Self.plan(from: draft, team: team)
            validated = plan
            return missingFacts + plan.validationErrors(workers: workers, maxSteps: maxSteps)
        }
        guard let draft else {
            return Decomposition(ledger: fallbackLedger(request, team: team), directAnswer: nil)
        }
        let facts = draft.facts ?? TaskFacts(given: [request])
        if !draft.needsPlan {
            return Decomposition(
                ledger: TaskLedger(request: request, facts: facts, plan: Plan(steps: [])),
                directAnswer: draft.directAnswer)
        }
        return Decomposition(
            ledger: TaskLedger(request: request, facts: facts, plan: validated ?? Self.plan(from: draft, team: team)),
            directAnswer: nil)
    }

    /// The plan a draft describes, with each unknown persona replaced by the best capable one.
    static func plan(from draft: PlanDraft, team: [TeamMember]) -> Plan {
        let names = Set(team.map(\.name))
        let steps = draft.steps.map { step -> PlanStep in
            let work = "\(step.title) \(step.details ?? "")"
            var persona = step.persona
            var reason = step.reason ?? "chosen by the orchestrator"
            if !names.contains(persona), let best = CapabilityRouter.best(work, among: team) {
                reason = "'\(step.persona)' is not available; routed by \(best.reason)"
                persona = best.persona
            }
            return PlanStep(
                id: step.id, title: step.title, details: step.details ?? "", persona: persona,
                dependsOn: step.dependsOn ?? [], routingReason: reason, complexity: step.complexity)
        }
        return Plan(steps: steps)
    }

    /// One step for the whole request, routed by capability, when no usable plan came back.
    private func fallbackLedger(_ request: String, team: [TeamMember]) -> TaskLedger {
        let best = CapabilityRouter.best(request, among: team)
        let step = PlanStep(
            id: 1, title: request, persona: best?.persona ?? team[0].name,
            routingReason: "the planner's replies were unusable; one step routed by \(best?.reason ?? "team order")")
        return TaskLedger(
            request: request,
            facts: TaskFacts(given: [request], educatedGuesses: ["the request is one unit of work (planner failed)"]),
            plan: Plan(steps: [step]))
    }
}
