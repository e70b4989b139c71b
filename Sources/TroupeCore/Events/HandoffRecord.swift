/// One handoff of the current request as its events told it.
public struct HandoffRecord: Sendable, Equatable {
    public var id: String
    public var from: String
    public var to: String
    public var step: Int?
    public var parent: String?
    public var reason: String?
    public var state: HandoffState
    /// The exact brief the receiver was given.
    public var brief: Brief?
    public var briefTokens: Int
    /// What came back: the answer, the error, or why it was rejected.
    public var result: String?
    public var durationMs: Int?
    public var tokens: Int?
}
