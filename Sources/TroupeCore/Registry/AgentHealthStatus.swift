/// Whether routing should use an agent.
public enum AgentHealthStatus: String, Sendable, Codable, Equatable {
    /// Working normally.
    case healthy
    /// Has failed recently; chosen only when nothing healthy fits.
    case degraded
    /// Failed too often in a row; not routed to until it succeeds again.
    case unavailable
}
