/// What planning a request gave: a plan to review and run, or an already finished turn (a
/// direct answer, a failure, a cancellation).
public enum Proposal: Sendable {
    case plan(PlanProposal)
    case finished(TurnResult)
}

/// A plan proposed for a request. Change `plan` before `Orchestrator.execute` to run another
/// (it is validated then).
public struct PlanProposal: Sendable {
    /// The request as the user typed it.
    public var request: String { decomposition.ledger.request }
    /// The plan as the orchestrator proposed it.
    public var proposed: Plan { decomposition.ledger.plan }
    /// The plan that will run.
    public var plan: Plan
    let decomposition: Decomposition
    let started: ContinuousClock.Instant

    init(decomposition: Decomposition, started: ContinuousClock.Instant) {
        self.decomposition = decomposition
        self.plan = decomposition.ledger.plan
        self.started = started
    }
}
