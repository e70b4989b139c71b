/// A persona that could take a step, with how well it fits and why.
public struct RoutingCandidate: Sendable, Equatable {
    public var persona: String
    /// Higher is better; 0 means nothing matched.
    public var score: Int
    /// The words that matched, as a person would read them.
    public var reason: String
}
