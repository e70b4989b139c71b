import Foundation

/// Why the engine is calling a model. Providers ignore it; the offline and scripted models and
/// transcripts use it to tell planning from work without reading the prose.
public enum RequestPurpose: String, Sendable, Codable, Equatable, CaseIterable {
    /// The orchestrator turns a request into a plan (or a direct answer).
    case plan
    /// The orchestrator updates the progress ledger after a step.
    case progressLedger = "progress_ledger"
    /// The orchestrator revises facts and plans the remaining work after repeated stalls.
    case replan
    /// A worker carries out a brief.
    case work
    /// The orchestrator writes the final answer from the step results.
    case synthesis
}

/// A tool offered to the model: name, what it does, and a JSON Schema for its arguments.
public struct ToolSpec: Sendable, Codable, Equatable, Hashable {
    public var name: String
    public var description: String
    public var parameters: JSONValue

    public init(name: String, description: String, parameters: JSONValue) {
        self.name = name
        self.description = description
        self.parameters = parameters
    }
}

/// Asks for a reply that is one JSON object matching `schema`.
public struct ResponseFormat: Sendable, Codable, Equatable, Hashable {
    public var name: String
    public var schema: JSONValue

    public init(name: String, schema: JSONValue) {
        self.name = name
        self.schema = schema
    }
}

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
        ContentHash.sha256((try? JSONCoding.encode(self)) ?? Data())
    }
}
