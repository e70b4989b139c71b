/// One node of a plan: a unit of work for one persona.
public struct PlanStep: Sendable, Codable, Equatable, Identifiable {
    /// 1-based, unique within the plan.
    public var id: Int
    public var title: String
    public var details: String
    public var persona: String
    public var dependsOn: [Int]
    public var state: StepState
    /// Why this persona was chosen (capability match, correction of the model's choice, …).
    public var routingReason: String
    /// 0 for the orchestrator's steps, 1 for a sub-plan's, and so on.
    public var depth: Int
    /// The model's judgement, or the engine's estimate; sets the brief's token budget.
    public var complexity: StepComplexity

    public init(
        id: Int, title: String, details: String = "", persona: String, dependsOn: [Int] = [],
        state: StepState = .pending, routingReason: String = "", depth: Int = 0, complexity: StepComplexity? = nil
    ) {
        self.id = id
        self.title = title
        self.details = details
        self.persona = persona
        self.dependsOn = dependsOn
        self.state = state
        self.routingReason = routingReason
        self.depth = depth
        self.complexity = complexity ?? StepComplexity.estimate(title: title, details: details)
    }

    enum CodingKeys: String, CodingKey {
        case id, title, details, persona, dependsOn, state, routingReason, depth, complexity
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Int.self, forKey: .id)
        title = try container.decode(String.self, forKey: .title)
        details = try container.decodeIfPresent(String.self, forKey: .details) ?? ""
        persona = try container.decode(String.self, forKey: .persona)
        dependsOn = try container.decodeIfPresent([Int].self, forKey: .dependsOn) ?? []
        state = try container.decodeIfPresent(StepState.self, forKey: .state) ?? .pending
        routingReason = try container.decodeIfPresent(String.self, forKey: .routingReason) ?? ""
        depth = try container.decodeIfPresent(Int.self, forKey: .depth) ?? 0
        complexity =
            try container.decodeIfPresent(StepComplexity.self, forKey: .complexity)
            ?? StepComplexity.estimate(title: title, details: details)
    }
}
