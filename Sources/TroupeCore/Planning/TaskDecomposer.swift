/// Request → plan (DESIGN §3). LLM-guided through the orchestrator persona's model, corrected by
/// capability: the model chooses among capable candidates; an unknown or unavailable choice is
/// replaced by the best capable one, and a plan that is not a valid DAG is sent back with its
/// errors. Degrades to a one-step plan routed by capability when no usable plan comes back.
public struct TaskDecomposer: Sendable {
    let gateway: ModelGateway
    let registry: AgentRegistry
    /// The most steps a plan may have.
    let maxSteps: Int

    public init(gateway: ModelGateway, registry: AgentRegistry, maxSteps: Int = Plan.defaultMaxSteps) {
        self.gateway = gateway
        self.registry = registry
        self.maxSteps = maxSteps
    }

    /// The plan for `task` shaped by `strategy`, or a direct answer when it needs no plan.
    public func decompose(_ task: String, strategy: PlanStrategy) async throws -> Decomposition {
        guard let orchestrator = await registry.agent("orchestrator")?.persona else { throw OrchestrationError.noOrchestrator }
        let team = await registry.availableWorkers()
        guard !team.isEmpty else { throw OrchestrationError.noWorkers }
        var decomposition = try await PlanningStage(gateway: gateway, orchestrator: orchestrator, maxSteps: maxSteps)
            .plan(task, team: team)
        decomposition.ledger.plan = strategy.apply(to: decomposition.ledger.plan)
        return decomposition
    }

    /// How much work `step` is, from its words (what it asks and how long it is). Used when the
    /// planner gives no estimate; the step's `complexity` holds whichever applies.
    public static func estimateComplexity(_ step: PlanStep) -> StepComplexity {
        StepComplexity.estimate(title: step.title, details: step.details)
    }

    /// Personas able to run `step`, best first, each with the reason (capability and
    /// specialization match, health, current load). Unavailable personas are left out.
    public func suggestAgent(_ step: PlanStep) async -> [RoutingCandidate] {
        await registry.suggestAgents(for: "\(step.title) \(step.details)")
    }
}
