import Foundation
import TroupeCore

/// Decodes `chat.completion.chunk` events: text deltas, tool calls accumulated by `index`
/// (a new id at a seen index starts a new call, as Ollama `/v1` sends them), usage from
/// whichever chunk carries it, `[DONE]` as the terminator.
struct OpenAIStreamDecoder: ReplyDecoder {
    let endpoint: ProviderEndpoint
    private var events = ServerSentEventParser()
    private var text = ""
    private var calls: [(id: String, name: String, arguments: String)] = []
    private var callAtIndex: [Int: Int] = [:]
    private var usage: TokenUsage?
    private var finishReason: String?
    private var done = false

    init(endpoint: ProviderEndpoint) {
        self.endpoint = endpoint
    }

    mutating func consume(line: String) throws -> [String] {
        guard let event = events.push(line) else { return [] }
        return try handle(event)
    }

    private mutating func handle(_ event: ServerSentEvent) throws -> [String] {
        let data = event.data.trimmingSpaces()
        if data == "[DONE]" {
            done = true
            return []
        }
        guard let chunk = try? OpenAIStreamChunk(json: data) else {
            throw ProviderError.invalidResponse(endpoint: endpoint, message: "a stream event is not JSON: \(data.prefix(80))")
        }
        if let error = chunk.error {
            let message = error["message"]?.stringValue ?? error.jsonText
            throw ProviderError.inStream(endpoint: endpoint, message: message, retryable: true)
        }
        if let reported = OpenAIProvider.usage(chunk.usage) { usage = reported }
        var pieces: [String] = []
        for choice in chunk.choices {
            if let content = choice.content, !content.isEmpty {
                text += content
                pieces.append(content)
            }
            for fragment in choice.callFragments { accumulate(fragment) }
            if let reason = choice.finishReason { finishReason = reason }
        }
        return pieces
    }

    private mutating func accumulate(_ fragment: OpenAIStreamChunk.CallFragment) {
        let index = fragment.index ?? 0
        let id = fragment.id ?? ""
        if let position = callAtIndex[index], id.isEmpty || id == calls[position].id {
            calls[position].name += fragment.name ?? ""
            calls[position].arguments += fragment.arguments ?? ""
        } else {
            callAtIndex[index] = calls.count
            calls.append((id, fragment.name ?? "", fragment.arguments ?? ""))
        }
    }

    mutating func finish() throws -> ChatResponse {
        if let event = events.finish() { _ = try handle(event) }
        guard done else { throw ProviderError.truncated(endpoint: endpoint, afterOutput: !text.isEmpty) }
        let toolCalls = calls.map { ToolCall(id: $0.id, name: $0.name, arguments: $0.arguments.isEmpty ? "{}" : $0.arguments) }
        return ChatResponse(
            message: ChatMessage(role: .assistant, content: text, toolCalls: toolCalls), usage: usage ?? TokenUsage(),
            stopReason: OpenAIProvider.stopReason(finishReason, hasCalls: !toolCalls.isEmpty))
    }
}
