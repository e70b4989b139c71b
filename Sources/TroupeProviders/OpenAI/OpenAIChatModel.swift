import Foundation
public import TroupeCore
public import TroupeHTTP

/// A model behind an OpenAI-compatible `/chat/completions` endpoint: OpenAI, OpenRouter, Ollama
/// `/v1`, llama.cpp, vLLM, LM Studio. Streams with `stream_options.include_usage`.
public struct OpenAIChatModel: ChatModel {
    public var identifier: String { "openai/\(provider.endpoint.model)" }
    private let client: ProviderClient<OpenAIProvider>

    /// A model at `endpoint` using `key` (optional for local servers).
    public init(endpoint: ProviderEndpoint, key: APIKey?, transport: any HTTPTransport, retry: RetryPolicy = RetryPolicy()) {
        client = ProviderClient(provider: OpenAIProvider(endpoint: endpoint, key: key), transport: transport, retry: retry)
    }

    private var provider: OpenAIProvider { client.provider }

    public func stream(_ request: ChatRequest) -> AsyncThrowingStream<ChatDelta, any Error> {
        client.stream(request)
    }
}

/// The OpenAI Chat Completions wire format.
struct OpenAIProvider: ProviderProtocol {
    let endpoint: ProviderEndpoint
    let key: APIKey?

    private var isOpenAI: Bool { endpoint.baseURL.host == "api.openai.com" }

    func httpRequest(for request: ChatRequest) throws -> HTTPRequest {
        var body: [String: JSONValue] = [
            "model": .string(endpoint.model),
            "messages": .array(request.messages.map(Self.message)),
            "stream": .bool(true),
            "stream_options": .object(["include_usage": .bool(true)]),
        ]
        if !request.tools.isEmpty {
            body["tools"] = .array(request.tools.map(\.functionTool))
        }
        if let format = request.responseFormat {
            body["response_format"] =
                isOpenAI
                ? .object([
                    "type": .string("json_schema"),
                    "json_schema": .object(["name": .string(format.name), "schema": format.schema, "strict": .bool(false)]),
                ])
                : .object(["type": .string("json_object")])
        }
        if let maxTokens = request.maxOutputTokens {
            body[isOpenAI ? "max_completion_tokens" : "max_tokens"] = .number(Double(maxTokens))
        }
        if let temperature = request.temperature { body["temperature"] = .number(temperature) }
        var headers = ["Content-Type": "application/json", "Accept": "text/event-stream"]
        headers["Authorization"] = "Bearer \(key?.value ?? "none")"
        return HTTPRequest(url: endpoint.url("/chat/completions"), headers: headers, body: try encodeBody(.object(body)))
    }

    static func message(_ message: ChatMessage) -> JSONValue {
        var object: [String: JSONValue] = ["role": .string(message.role.rawValue)]
        switch message.role {
        case .assistant:
            object["content"] = message.content.isEmpty && !message.toolCalls.isEmpty ? .null : .string(message.content)
            if !message.toolCalls.isEmpty {
                object["tool_calls"] = .array(
                    message.toolCalls.map { call in
                        .object([
                            "id": .string(call.id), "type": .string("function"),
                            "function": .object(["name": .string(call.name), "arguments": .string(call.arguments)]),
                        ])
                    })
            }
        case .tool:
            object["content"] = .string(message.content)
            object["tool_call_id"] = .string(message.toolCallID ?? "")
        case .system, .user:
            object["content"] = .string(message.content)
        }
        return .object(object)
    }

    func bodyDecoding(contentType: String) -> BodyDecoding {
        contentType.contains("application/json") ? .whole(decodeWhole) : .lines(OpenAIStreamDecoder(endpoint: endpoint))
    }

    func decodeWhole(_ body: Data) throws -> ChatResponse {
        guard let json = try? JSONValue.parse(body) else {
            throw ProviderError.invalidResponse(endpoint: endpoint, message: "the body is not JSON")
        }
        if json["error"] != nil {
            throw ProviderError.inStream(endpoint: endpoint, message: ErrorEnvelope.message(in: body).message, retryable: false)
        }
        let choice = json["choices"]?.arrayValue.first
        let message = choice?["message"]
        let calls = (message?["tool_calls"]?.arrayValue ?? []).map { call in
            ToolCall(
                id: call["id"]?.stringValue ?? "", name: call["function"]?["name"]?.stringValue ?? "",
                arguments: call["function"]?["arguments"]?.stringValue ?? "{}")
        }
        let usage = Self.usage(json["usage"])
        return ChatResponse(
            message: ChatMessage(role: .assistant, content: message?["content"]?.stringValue ?? "", toolCalls: calls),
            usage: usage ?? TokenUsage(),
            stopReason: Self.stopReason(choice?["finish_reason"]?.stringValue, hasCalls: !calls.isEmpty))
    }

    func error(for head: HTTPResponseHead, body: Data) -> ProviderError {
        ErrorEnvelope.error(endpoint: endpoint, head: head, body: body, key: key)
    }

    static func usage(_ json: JSONValue?) -> TokenUsage? {
        guard let json, !json.isNull else { return nil }
        return TokenUsage(
            inputTokens: json["prompt_tokens"]?.intValue ?? 0, outputTokens: json["completion_tokens"]?.intValue ?? 0)
    }

    static func stopReason(_ reason: String?, hasCalls: Bool) -> StopReason {
        switch reason {
        case "length": return .maxTokens
        case "content_filter": return .refusal
        case "tool_calls", "function_call": return .toolUse
        default: return hasCalls ? .toolUse : .endTurn
        }
    }
}
