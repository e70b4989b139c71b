import Foundation
public import TroupeCore
public import TroupeHTTP

/// A Claude model behind the Anthropic Messages API (`/v1/messages`, `anthropic-version` 2023-06-01).
public struct AnthropicChatModel: ChatModel {
    public var identifier: String { "anthropic/\(client.provider.endpoint.model)" }
    private let client: ProviderClient<AnthropicProvider>

    /// A model at `endpoint` using `key`; `maxTokens` when a request sets none (the API requires one).
    public init(
        endpoint: ProviderEndpoint, key: APIKey?, transport: any HTTPTransport, retry: RetryPolicy = RetryPolicy(),
        maxTokens: Int = 8192
    ) {
        client = ProviderClient(
            provider: AnthropicProvider(endpoint: endpoint, key: key, defaultMaxTokens: maxTokens), transport: transport,
            retry: retry)
    }

    public func stream(_ request: ChatRequest) -> AsyncThrowingStream<ChatDelta, any Error> {
        client.stream(request)
    }
}

/// The Anthropic Messages wire format.
struct AnthropicProvider: ProviderProtocol {
    static let apiVersion = "2023-06-01"
    let endpoint: ProviderEndpoint
    let key: APIKey?
    let defaultMaxTokens: Int

    func httpRequest(for request: ChatRequest) throws -> HTTPRequest {
        let system = request.messages.filter { $0.role == .system }.map(\.content).joined(separator: "\n\n")
        var body: [String: JSONValue] = [
            "model": .string(endpoint.model),
            "max_tokens": .number(Double(request.maxOutputTokens ?? defaultMaxTokens)),
            "messages": .array(Self.messages(request.messages)),
            "stream": .bool(true),
        ]
        if !system.isEmpty { body["system"] = .string(system) }
        if !request.tools.isEmpty {
            body["tools"] = .array(
                request.tools.map {
                    .object(["name": .string($0.name), "description": .string($0.description), "input_schema": $0.parameters])
                })
        }
        if let temperature = request.temperature { body["temperature"] = .number(temperature) }
        let headers = [
            "Content-Type": "application/json", "Accept": "text/event-stream", "anthropic-version": Self.apiVersion,
            "x-api-key": key?.value ?? "",
        ]
        return HTTPRequest(url: endpoint.url("/v1/messages"), headers: headers, body: try encodeBody(.object(body)))
    }

    /// Messages as content blocks; consecutive tool results become one user message.
    static func messages(_ messages: [ChatMessage]) -> [JSONValue] {
        var result: [JSONValue] = []
        var pendingResults: [JSONValue] = []
        func flushResults() {
            guard !pendingResults.isEmpty else { return }
            result.append(.object(["role": .string("user"), "content": .array(pendingResults)]))
            pendingResults = []
        }
        for message in messages where message.role != .system {
            switch message.role {
            case .tool:
                pendingResults.append(
                    .object([
                        "type": .string("tool_result"), "tool_use_id": .string(message.toolCallID ?? ""),
                        "content": .string(message.content),
                    ]))
            case .assistant:
                flushResults()
                result.append(.object(["role": .string("assistant"), "content": .array(assistantBlocks(message))]))
            default:
                flushResults()
                result.append(.object(["role": .string("user"), "content": .string(message.content)]))
            }
        }
        flushResults()
        return result
    }

    private static func assistantBlocks(_ message: ChatMessage) -> [JSONValue] {
        var blocks: [JSONValue] = (message.reasoning ?? []).map { block in
            var object: [String: JSONValue] = ["type": .string("thinking"), "thinking": .string(block.text)]
            if let signature = block.signature { object["signature"] = .string(signature) }
            return .object(object)
        }
        if !message.content.isEmpty { blocks.append(.object(["type": .string("text"), "text": .string(message.content)])) }
        for call in message.toolCalls {
            let input = (try? JSONValue.parse(call.arguments)) ?? .object([:])
            blocks.append(
                .object(["type": .string("tool_use"), "id": .string(call.id), "name": .string(call.name), "input": input]))
        }
        return blocks
    }

    func bodyDecoding(contentType: String) -> BodyDecoding {
        contentType.contains("application/json") ? .whole(decodeWhole) : .lines(AnthropicStreamDecoder(endpoint: endpoint))
    }

    func decodeWhole(_ body: Data) throws -> ChatResponse {
        guard let json = try? JSONValue.parse(body) else {
            throw ProviderError.invalidResponse(endpoint: endpoint, message: "the body is not JSON")
        }
        var text = ""
        var calls: [ToolCall] = []
        var reasoning: [ReasoningBlock] = []
        for block in json["content"]?.arrayValue ?? [] {
            switch block["type"]?.stringValue {
            case "text": text += block["text"]?.stringValue ?? ""
            case "tool_use":
                calls.append(
                    ToolCall(
                        id: block["id"]?.stringValue ?? "", name: block["name"]?.stringValue ?? "",
                        arguments: (block["input"] ?? .object([:])).jsonText))
            case "thinking":
                reasoning.append(
                    ReasoningBlock(text: block["thinking"]?.stringValue ?? "", signature: block["signature"]?.stringValue))
            default: break
            }
        }
        let usage = json["usage"]
        return ChatResponse(
            message: ChatMessage(
                role: .assistant, content: text, toolCalls: calls, reasoning: reasoning.isEmpty ? nil : reasoning),
            usage: TokenUsage(
                inputTokens: usage?["input_tokens"]?.intValue ?? 0, outputTokens: usage?["output_tokens"]?.intValue ?? 0),
            stopReason: Self.stopReason(json["stop_reason"]?.stringValue, hasCalls: !calls.isEmpty))
    }

    func error(for head: HTTPResponseHead, body: Data) -> ProviderError {
        ErrorEnvelope.error(endpoint: endpoint, head: head, body: body, key: key)
    }

    static func stopReason(_ reason: String?, hasCalls: Bool) -> StopReason {
        switch reason {
        case "max_tokens": return .maxTokens
        case "tool_use": return .toolUse
        case "refusal": return .refusal
        case "model_context_window_exceeded": return .contextWindowExceeded
        default: return hasCalls ? .toolUse : .endTurn
        }
    }
}
