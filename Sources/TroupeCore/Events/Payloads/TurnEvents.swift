/// A piece of the final answer as the model streams it.
public struct AnswerDelta: Sendable, Codable, Equatable {
    public var text: String

    public init(text: String) {
        self.text = text
    }
}

/// The turn was cancelled (Ctrl-C, `/stop`).
public struct TurnCancelled: Sendable, Codable, Equatable {
    public var reason: String

    public init(reason: String) {
        self.reason = reason
    }
}
