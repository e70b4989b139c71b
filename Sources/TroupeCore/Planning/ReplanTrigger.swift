/// Why the orchestrator plans again in the middle of a request.
public enum ReplanTrigger: String, Sendable, Codable, Equatable {
    /// The run stalled `max_stalls` times (Magentic-One's outer loop).
    case stalled
    /// Every step finished but the progress ledger judged the request not satisfied: the plan
    /// is extended with the missing work.
    case unsatisfied
}
