/// Who wrote a message in a model conversation.
public enum ChatRole: String, Sendable, Codable, Equatable {
    case system, user, assistant, tool
}

/// A tool call the model asked for: `arguments` is the JSON object as text, as providers send it.
public struct ToolCall: Sendable, Codable, Equatable, Hashable {
    public var id: String
    public var name: String
    public var arguments: String

    public init(id: String, name: String, arguments: String) {
        self.id = id
        self.name = name
        self.arguments = arguments
    }
}

/// A model's visible reasoning, kept with its signature so it can be sent back unchanged
/// (Anthropic `thinking` blocks, Ollama `thinking`).
public struct ReasoningBlock: Sendable, Codable, Equatable, Hashable {
    public var text: String
    /// The provider's signature over `text`; required to send the block back.
    public var signature: String?

    public init(text: String, signature: String? = nil) {
        self.text = text
        self.signature = signature
    }
}

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
