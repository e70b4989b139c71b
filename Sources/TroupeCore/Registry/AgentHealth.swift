/// An agent's track record in this session.
public struct AgentHealth: Sendable, Codable, Equatable {
    public var successes = 0
    public var failures = 0
    public var consecutiveFailures = 0
    public var totalLatencyMs = 0
    public var tokens = 0
    /// Tasks running now.
    public var load = 0

    public init() {}

    /// Status from consecutive failures: 0 healthy, 1–2 degraded, 3 or more unavailable.
    public var status: AgentHealthStatus {
        switch consecutiveFailures {
        case 0: return .healthy
        case 1..<3: return .degraded
        default: return .unavailable
        }
    }

    /// Mean latency of finished tasks, in milliseconds.
    public var averageLatencyMs: Int {
        let finished = successes + failures
        return finished == 0 ? 0 : totalLatencyMs / finished
    }
}
