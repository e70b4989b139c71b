/// Tokens used by one call, as the provider reported them or as estimated.
public struct TokenUsage: Sendable, Codable, Equatable, Hashable {
    public var inputTokens: Int
    public var outputTokens: Int
    /// True when the numbers are estimates (offline model, provider that reports none).
    public var estimated: Bool

    public init(inputTokens: Int = 0, outputTokens: Int = 0, estimated: Bool = false) {
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.estimated = estimated
    }

    /// Input plus output.
    public var total: Int { inputTokens + outputTokens }

    /// The sum of two usages.
    public static func + (lhs: TokenUsage, rhs: TokenUsage) -> TokenUsage {
        TokenUsage(
            inputTokens: lhs.inputTokens + rhs.inputTokens, outputTokens: lhs.outputTokens + rhs.outputTokens,
            estimated: lhs.estimated || rhs.estimated)
    }
}

/// Why the model stopped.
public enum StopReason: String, Sendable, Codable, Equatable {
    case endTurn = "end_turn"
    case toolUse = "tool_use"
    case maxTokens = "max_tokens"
    /// The provider refused or filtered the reply.
    case refusal
    /// The prompt and reply no longer fit the model's context window.
    case contextWindowExceeded = "context_window_exceeded"
    /// The work asked for is beyond this model: it needs a language model (the offline model's
    /// honest answer to a step it cannot do).
    case needsLanguageModel = "needs_language_model"
}

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
