/// A persona became an agent of the session.
public struct AgentRegistered: EventPayload {
    public static let eventType = "agent.registered"
    public var eventKind: EventKind { .agentRegistered(self) }

    public var persona: String
    public var role: PersonaRole
    public var capabilities: [String]
    public var source: String

    public init(persona: String, role: PersonaRole, capabilities: [String], source: String) {
        self.persona = persona
        self.role = role
        self.capabilities = capabilities
        self.source = source
    }
}

/// An agent's health changed (healthy → degraded → unavailable, or back).
public struct AgentStatusChanged: EventPayload {
    public static let eventType = "agent.status_changed"
    public var eventKind: EventKind { .agentStatusChanged(self) }

    public var persona: String
    public var from: AgentHealthStatus
    public var to: AgentHealthStatus
    public var reason: String

    public init(persona: String, from: AgentHealthStatus, to: AgentHealthStatus, reason: String) {
        self.persona = persona
        self.from = from
        self.to = to
        self.reason = reason
    }
}
