/// The complete reply to one `ChatRequest`.
public struct ChatResponse: Sendable, Codable, Equatable, Hashable {
    public var message: ChatMessage
    public var usage: TokenUsage
    public var stopReason: StopReason

    public init(message: ChatMessage, usage: TokenUsage, stopReason: StopReason? = nil) {
        self.message = message
        self.usage = usage
        self.stopReason = stopReason ?? (message.toolCalls.isEmpty ? .endTurn : .toolUse)
    }
}

/// A failed attempt that will be retried after a wait (429, 5xx, 529, dropped connection).
public struct RetryNotice: Sendable, Equatable {
    /// 1 for the first retry.
    public var attempt: Int
    public var delay: Duration
    /// Why, for people: `429`, `529 overloaded`, `connection lost`.
    public var reason: String

    public init(attempt: Int, delay: Duration, reason: String) {
        self.attempt = attempt
        self.delay = delay
        self.reason = reason
    }
}

/// A piece of a streamed reply.
public enum ChatDelta: Sendable, Equatable {
    /// More text of the assistant message.
    case text(String)
    /// The provider failed and the call will be retried after `delay`.
    case retrying(RetryNotice)
    /// The finished reply; always the last element of a stream that did not fail.
    case finished(ChatResponse)
}
