/// What the re-planner is given: after repeated stalls, or when a finished plan left the
/// request unsatisfied.
public struct ReplanContext: Sendable, Codable, Equatable {
    public var request: String
    public var facts: TaskFacts
    public var results: [StepReport]
    public var trigger: ReplanTrigger
    /// Why it stalled, or what the judge says is missing.
    public var stallReason: String
    /// The root causes earlier re-plans of this request gave, oldest first: not to be repeated.
    public var earlierRootCauses: [String]
    /// The first id new steps must use.
    public var nextStepID: Int
    public var team: [TeamMember]

    public init(
        request: String, facts: TaskFacts, results: [StepReport], trigger: ReplanTrigger, stallReason: String,
        earlierRootCauses: [String], nextStepID: Int, team: [TeamMember]
    ) {
        self.request = request
        self.facts = facts
        self.results = results
        self.trigger = trigger
        self.stallReason = stallReason
        self.earlierRootCauses = earlierRootCauses
        self.nextStepID = nextStepID
        self.team = team
    }

    enum CodingKeys: String, CodingKey {
        case request, facts, results, team, trigger
        case stallReason = "stall_reason"
        case earlierRootCauses = "earlier_root_causes"
        case nextStepID = "next_step_id"
    }
}
