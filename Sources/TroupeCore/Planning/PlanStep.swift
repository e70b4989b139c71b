/// Where a step is in its life.
public enum StepState: String, Sendable, Codable, Equatable {
    case pending, running, done, failed, skipped, cancelled

    /// Whether the step will not run again in this turn.
    public var isFinal: Bool { self != .pending && self != .running }
}

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

    public init(
        id: Int, title: String, details: String = "", persona: String, dependsOn: [Int] = [],
        state: StepState = .pending, routingReason: String = ""
    ) {
        self.id = id
        self.title = title
        self.details = details
        self.persona = persona
        self.dependsOn = dependsOn
        self.state = state
        self.routingReason = routingReason
    }
}
