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
