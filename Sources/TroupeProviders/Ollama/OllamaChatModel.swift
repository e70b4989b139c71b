import Foundation
public import TroupeCore
public import TroupeHTTP

/// A model served by Ollama's native `/api/chat` (NDJSON streaming, tool arguments as objects).
public struct OllamaChatModel: ChatModel {
    public var identifier: String { "ollama/\(client.provider.endpoint.model)" }
    private let client: ProviderClient<OllamaProvider>

    public init(endpoint: ProviderEndpoint, transport: any HTTPTransport, retry: RetryPolicy = RetryPolicy()) {
        client = ProviderClient(provider: OllamaProvider(endpoint: endpoint), transport: transport, retry: retry)
    }

    public func stream(_ request: ChatRequest) -> AsyncThrowingStream<ChatDelta, any Error> {
        client.stream(request)
    }
}

/// The Ollama `/api/chat` wire format.
struct OllamaProvider: ProviderProtocol {
    let endpoint: ProviderEndpoint

    func httpRequest(for request: ChatRequest) throws -> HTTPRequest {
        var body: [String: JSONValue] = [
            "model": .string(endpoint.model),
            "messages": .array(request.messages.map(Self.message)),
            "stream": .bool(true),
        ]
        if !request.tools.isEmpty {
            body["tools"] = .array(request.tools.map(\.functionTool))
        }
        if let format = request.responseFormat { body["format"] = format.schema }
        var options: [String: JSONValue] = [:]
        if let temperature = request.temperature { options["temperature"] = .number(temperature) }
        if let maxTokens = request.maxOutputTokens { options["num_predict"] = .number(Double(maxTokens)) }
        if !options.isEmpty { body["options"] = .object(options) }
        return HTTPRequest(
            url: endpoint.url("/api/chat"), headers: ["Content-Type": "application/json"], body: try encodeBody(.object(body)))
    }

    static func message(_ message: ChatMessage) -> JSONValue {
        var object: [String: JSONValue] = ["role": .string(message.role.rawValue), "content": .string(message.content)]
        if !message.toolCalls.isEmpty {
            object["tool_calls"] = .array(
                message.toolCalls.map { call in
                    .object([
                        "function": .object([
                            "name": .string(call.name), "arguments": (try? JSONValue.parse(call.arguments)) ?? .object([:]),
                        ])
                    ])
                })
        }
        if let reasoning = message.reasoning, !reasoning.isEmpty {
            object["thinking"] = .string(reasoning.map(\.text).joined())
        }
        return .object(object)
    }

    /// Always NDJSON lines: Ollama's cloud labels its stream `application/json`.
    func bodyDecoding(contentType: String) -> BodyDecoding {
        .lines(OllamaStreamDecoder(endpoint: endpoint))
    }

    func error(for head: HTTPResponseHead, body: Data) -> ProviderError {
        ErrorEnvelope.error(endpoint: endpoint, head: head, body: body)
    }
}

/// Decodes `/api/chat` NDJSON lines: text, thinking, whole tool calls, `done: true` with its
/// counts, and `{"error": …}` lines that arrive with status 200.
struct OllamaStreamDecoder: ReplyDecoder {
    let endpoint: ProviderEndpoint
    private var text = ""
    private var thinking = ""
    private var calls: [ToolCall] = []
    private var usage = TokenUsage()
    private var doneReason: String?
    private var done = false

    init(endpoint: ProviderEndpoint) {
        self.endpoint = endpoint
    }

    mutating func consume(line: String) throws -> [String] {
        let trimmed = line.trimmingSpaces()
        guard !trimmed.isEmpty else { return [] }
        guard let line = try? OllamaStreamLine(json: trimmed) else {
            throw ProviderError.invalidResponse(endpoint: endpoint, message: "a stream line is not JSON: \(trimmed.prefix(80))")
        }
        if let error = line.error {
            throw ProviderError.inStream(endpoint: endpoint, message: error.stringValue ?? error.jsonText, retryable: false)
        }
        var pieces: [String] = []
        if let content = line.content, !content.isEmpty {
            text += content
            pieces.append(content)
        }
        thinking += line.thinking ?? ""
        for call in line.calls {
            calls.append(
                ToolCall(
                    id: call.id ?? "call_\(calls.count + 1)", name: call.name ?? "",
                    arguments: (call.arguments ?? .object([:])).jsonText))
        }
        if line.done == true {
            done = true
            doneReason = line.doneReason
            usage = TokenUsage(inputTokens: line.promptEvalCount ?? 0, outputTokens: line.evalCount ?? 0)
        }
        return pieces
    }

    mutating func finish() throws -> ChatResponse {
        guard done else { throw ProviderError.truncated(endpoint: endpoint, afterOutput: !text.isEmpty) }
        let stop: StopReason = !calls.isEmpty ? .toolUse : doneReason == "length" ? .maxTokens : .endTurn
        return ChatResponse(
            message: ChatMessage(
                role: .assistant, content: text, toolCalls: calls,
                reasoning: thinking.isEmpty ? nil : [ReasoningBlock(text: thinking)]),
            usage: usage, stopReason: stop)
    }
}
