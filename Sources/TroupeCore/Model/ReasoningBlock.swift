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
