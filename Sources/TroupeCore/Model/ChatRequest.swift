import Foundation

/// Everything a model needs to answer one call. Value type: it is hashed for transcripts.
public struct ChatRequest: Sendable, Codable, Equatable, Hashable {
    /// The persona making the call (`orchestrator`, `researcher`, …).
    public var agent: String
    public var purpose: RequestPurpose
    public var messages: [ChatMessage]
    public var tools: [ToolSpec]
    public var responseFormat: ResponseFormat?
    public var maxOutputTokens: Int?
    public var temperature: Double?

    public init(
        agent: String, purpose: RequestPurpose, messages: [ChatMessage], tools: [ToolSpec] = [],
        responseFormat: ResponseFormat? = nil, maxOutputTokens: Int? = nil, temperature: Double? = nil
    ) {
        self.agent = agent
        self.purpose = purpose
        self.messages = messages
        self.tools = tools
        self.responseFormat = responseFormat
        self.maxOutputTokens = maxOutputTokens
        self.temperature = temperature
    }

    /// SHA-256 of the canonical JSON of the request, used to match recorded responses.
    public var canonicalHash: String {
        ContentHash.sha256((try? CanonicalJSONEncoder.encode(self)) ?? [])
    }
}
