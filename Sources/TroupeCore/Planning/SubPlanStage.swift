import Foundation

/// Hierarchical planning: a ready step owned by a persona that `can_delegate` is first offered to
/// that persona to split into a sub-plan for the team; the sub-steps replace it in the DAG
/// (roots inherit its dependencies, its dependents wait for the sub-plan's sinks). Depth-limited.
struct SubPlanStage: Sendable {
    let gateway: ModelGateway
    let maxDepth: Int
    /// The most steps the whole plan may have once the sub-plan replaces its step.
    let maxPlanSteps: Int

    /// Replaces `step` by its persona's sub-plan; false when the persona keeps it as one step.
    func expand(_ step: PlanStep, by persona: Persona, in run: inout PlanRun, team: [TeamMember]) async throws -> Bool {
        guard persona.canDelegate, step.depth < maxDepth else { return false }
        let workers = team.filter { $0.name != persona.name }
        guard !workers.isEmpty else { return false }
        let request = "\(step.title)\n\(step.details)".trimmingCharacters(in: .whitespacesAndNewlines)
        let prompt = OrchestratorPrompts.planning(
            orchestrator: persona, context: PlanningContext(request: request, team: workers))
        let names = Set(workers.map(\.name))
        let room = max(1, maxPlanSteps - run.plan.steps.count + 1)
        let draft = try await gateway.structured(prompt, as: PlanDraft.self) { draft in
            draft.needsPlan
                ? PlanningStage.plan(from: draft, team: workers).validationErrors(workers: names, maxSteps: room) : []
        }
        guard let draft, draft.needsPlan else { return false }
        let subPlan = PlanningStage.plan(from: draft, team: workers)
        run.plan = Self.splice(subPlan, replacing: step, in: run.plan)
        gateway.bus.publish(.subPlanned(SubPlanned(step: step.id, persona: persona.name, plan: run.plan)))
        for sub in run.plan.steps where sub.depth == step.depth + 1 && sub.state == .pending {
            gateway.bus.publish(.taskAssigned(TaskAssigned(step: sub.id, persona: sub.persona, reason: sub.routingReason)))
        }
        return true
    }

    /// `plan` with `step` marked expanded and `subPlan`'s steps (renumbered) wired in its place.
    static func splice(_ subPlan: Plan, replacing step: PlanStep, in plan: Plan) -> Plan {
        let firstID = (plan.steps.map(\.id).max() ?? 0) + 1
        let newID = Dictionary(subPlan.steps.enumerated().map { ($1.id, firstID + $0) }, uniquingKeysWith: { first, _ in first })
        let subSteps = subPlan.steps.map { sub -> PlanStep in
            var copy = sub
            copy.id = newID[sub.id]!
            copy.dependsOn = sub.dependsOn.isEmpty ? step.dependsOn : sub.dependsOn.compactMap { newID[$0] }
            copy.depth = step.depth + 1
            copy.routingReason = "sub-plan of step \(step.id) by \(step.persona): \(sub.routingReason)"
            return copy
        }
        let dependedOn = Set(subSteps.flatMap(\.dependsOn))
        let sinks = subSteps.map(\.id).filter { !dependedOn.contains($0) }
        var steps = plan.steps.map { existing -> PlanStep in
            var copy = existing
            if existing.id == step.id { copy.state = .expanded }
            if existing.dependsOn.contains(step.id) {
                copy.dependsOn = existing.dependsOn.filter { $0 != step.id } + sinks
            }
            return copy
        }
        steps += subSteps
        return Plan(steps: steps)
    }
}
