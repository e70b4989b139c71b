/// What the planner is given.
public struct PlanningContext: Sendable, Codable, Equatable {
    public var request: String
    public var team: [TeamMember]
}
