/// The task ledger: the request, what is known about it, and the plan.
public struct TaskLedger: Sendable, Codable, Equatable {
    public var request: String
    public var facts: TaskFacts
    public var plan: Plan

    public init(request: String, facts: TaskFacts, plan: Plan) {
        self.request = request
        self.facts = facts
        self.plan = plan
    }
}
