/// An agent of the session: its persona and its health.
public struct AgentRecord: Sendable, Equatable {
    public var persona: Persona
    public var health: AgentHealth
}
