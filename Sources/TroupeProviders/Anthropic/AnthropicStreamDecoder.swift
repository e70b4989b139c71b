import Foundation
import TroupeCore

/// Decodes Messages stream events: blocks by index (text, tool_use with `input_json_delta`
/// pieces, thinking with its signature), cumulative usage, `message_stop` as the terminator,
/// `error` events after HTTP 200, and unknown event, block and delta types skipped.
struct AnthropicStreamDecoder: ReplyDecoder {
    private enum Block {
        case text
        case toolUse(id: String, name: String, json: String)
        case thinking(text: String, signature: String?)
        case other
    }

    let endpoint: ProviderEndpoint
    private var events = ServerSentEventParser()
    private var blocks: [Int: Block] = [:]
    private var text = ""
    private var inputTokens = 0
    private var outputTokens = 0
    private var stopReason: String?
    private var done = false

    init(endpoint: ProviderEndpoint) {
        self.endpoint = endpoint
    }

    mutating func consume(line: String) throws -> [String] {
        guard let event = events.push(line) else { return [] }
        return try handle(event)
    }

    private mutating func handle(_ event: ServerSentEvent) throws -> [String] {
        // The reader skips the whitespace around the value: nothing to trim first.
        guard let json = try? JSONValue.parse(event.data) else {
            throw ProviderError.invalidResponse(
                endpoint: endpoint, message: "a stream event is not JSON: \(event.data.prefix(80))")
        }
        let index = json["index"]?.intValue ?? 0
        switch json["type"]?.stringValue ?? event.name {
        case "message_start":
            record(usage: json["message"]?["usage"])
        case "content_block_start":
            blocks[index] = Self.block(json["content_block"])
        case "content_block_delta":
            return applyDelta(json["delta"], at: index)
        case "message_delta":
            if let reason = json["delta"]?["stop_reason"]?.stringValue { stopReason = reason }
            record(usage: json["usage"])
        case "message_stop":
            done = true
        case "error":
            let type = json["error"]?["type"]?.stringValue ?? "error"
            let message = json["error"]?["message"]?.stringValue ?? type
            throw ProviderError.inStream(
                endpoint: endpoint, message: "\(type): \(message)", retryable: type == "overloaded_error" || type == "api_error")
        default:
            break
        }
        return []
    }

    private static func block(_ json: JSONValue?) -> Block {
        switch json?["type"]?.stringValue {
        case "text": return .text
        case "tool_use": return .toolUse(id: json?["id"]?.stringValue ?? "", name: json?["name"]?.stringValue ?? "", json: "")
        case "thinking": return .thinking(text: json?["thinking"]?.stringValue ?? "", signature: json?["signature"]?.stringValue)
        default: return .other
        }
    }

    private mutating func applyDelta(_ delta: JSONValue?, at index: Int) -> [String] {
        switch (blocks[index], delta?["type"]?.stringValue) {
        case (.text?, "text_delta"):
            let piece = delta?["text"]?.stringValue ?? ""
            text += piece
            return piece.isEmpty ? [] : [piece]
        case (.toolUse(let id, let name, let json)?, "input_json_delta"):
            blocks[index] = .toolUse(id: id, name: name, json: json + (delta?["partial_json"]?.stringValue ?? ""))
        case (.thinking(let thinking, let signature)?, "thinking_delta"):
            blocks[index] = .thinking(text: thinking + (delta?["thinking"]?.stringValue ?? ""), signature: signature)
        case (.thinking(let thinking, _)?, "signature_delta"):
            blocks[index] = .thinking(text: thinking, signature: delta?["signature"]?.stringValue)
        default:
            break
        }
        return []
    }

    private mutating func record(usage: JSONValue?) {
        guard let usage else { return }
        if let input = usage["input_tokens"]?.intValue { inputTokens = input }
        if let output = usage["output_tokens"]?.intValue { outputTokens = output }
    }

    mutating func finish() throws -> ChatResponse {
        if let event = events.finish() { _ = try handle(event) }
        guard done else { throw ProviderError.truncated(endpoint: endpoint, afterOutput: !text.isEmpty) }
        var calls: [ToolCall] = []
        var reasoning: [ReasoningBlock] = []
        for index in blocks.keys.sorted() {
            switch blocks[index] {
            case .toolUse(let id, let name, let json)?:
                let arguments = json.trimmingSpaces()
                calls.append(ToolCall(id: id, name: name, arguments: arguments.isEmpty ? "{}" : arguments))
            case .thinking(let thinking, let signature)?:
                reasoning.append(ReasoningBlock(text: thinking, signature: signature))
            default:
                break
            }
        }
        return ChatResponse(
            message: ChatMessage(
                role: .assistant, content: text, toolCalls: calls, reasoning: reasoning.isEmpty ? nil : reasoning),
            usage: TokenUsage(inputTokens: inputTokens, outputTokens: outputTokens),
            stopReason: AnthropicProvider.stopReason(stopReason, hasCalls: !calls.isEmpty))
    }
}
