/// What a persona is for in a team.
public enum PersonaRole: String, Sendable, Codable, CaseIterable {
    case orchestrator, worker, hybrid
}
