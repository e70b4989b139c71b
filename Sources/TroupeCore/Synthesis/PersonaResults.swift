/// What one persona contributed to a request: the unit the synthesizer aggregates.
public struct PersonaResults: Sendable, Codable, Equatable {
    public var persona: String
    /// What the persona is for (its file's description), so findings, changes and prose can be
    /// told apart and combined by kind.
    public var role: String
    public var results: [StepReport]
}
