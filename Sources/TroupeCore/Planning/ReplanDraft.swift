/// The re-planner's answer: why the work stalled, the revised facts, and new steps for what remains.
public struct ReplanDraft: Sendable, Codable, Equatable {
    public var rootCause: String
    public var facts: TaskFacts
    public var steps: [PlanDraft.Step]

    public init(rootCause: String, facts: TaskFacts, steps: [PlanDraft.Step]) {
        self.rootCause = rootCause
        self.facts = facts
        self.steps = steps
    }

    enum CodingKeys: String, CodingKey {
        case facts, steps
        case rootCause = "root_cause"
    }
}
