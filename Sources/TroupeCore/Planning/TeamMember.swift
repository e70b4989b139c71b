/// What the orchestrator (and a model) is told about a persona when planning.
public struct TeamMember: Sendable, Codable, Equatable {
    public var name: String
    public var description: String
    public var capabilities: [String]
    public var specializations: [String]
    public var tools: [String]

    public init(name: String, description: String, capabilities: [String], specializations: [String], tools: [String]) {
        self.name = name
        self.description = description
        self.capabilities = capabilities
        self.specializations = specializations
        self.tools = tools
    }

    /// The team entry for `persona`.
    public init(_ persona: Persona) {
        self.init(
            name: persona.name, description: persona.description, capabilities: persona.capabilities,
            specializations: persona.specializations, tools: persona.toolGrants.compactMap(\.troupeName))
    }
}
