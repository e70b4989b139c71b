/// One message of a model conversation.
public struct ChatMessage: Sendable, Codable, Equatable, Hashable {
    public var role: ChatRole
    public var content: String
    /// Tool calls made by an assistant message.
    public var toolCalls: [ToolCall]
    /// For a `tool` message: the call it answers.
    public var toolCallID: String?
    /// Reasoning that came with an assistant message, if the provider sends it.
    public var reasoning: [ReasoningBlock]?

    public init(
        role: ChatRole, content: String, toolCalls: [ToolCall] = [], toolCallID: String? = nil,
        reasoning: [ReasoningBlock]? = nil
    ) {
        self.role = role
        self.content = content
        self.toolCalls = toolCalls
        self.toolCallID = toolCallID
        self.reasoning = reasoning
    }

    /// A system message.
    public static func system(_ text: String) -> ChatMessage { ChatMessage(role: .system, content: text) }
    /// A user message.
    public static func user(_ text: String) -> ChatMessage { ChatMessage(role: .user, content: text) }
}
