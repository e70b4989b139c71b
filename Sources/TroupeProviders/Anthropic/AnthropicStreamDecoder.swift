import Foundation
import TroupeCore

/// Decodes Messages stream events: blocks by index (text, tool_use with `input_json_delta`
/// pieces, thinking with its signature), cumulative usage, `message_stop` as the terminator,
/// `error` events after HTTP 200, and unknown event, block and delta types skipped.
struct AnthropicStreamDecoder: ReplyDecoder {
    /// A content block as it arrives: its pieces are appended in place (a long tool input comes
    /// in thousands of pieces, and rebuilding it for each would copy it thousands of times).
    private struct Block {
        enum Kind { case text, toolUse, thinking, other }
        var kind: Kind
        var id = ""
        var name = ""
        /// A tool's input JSON, or the thinking text.
        var content = ""
        var signature: String?
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
        guard let fields = try? AnthropicStreamEvent(json: event.data) else {
            throw ProviderError.invalidResponse(
                endpoint: endpoint, message: "a stream event is not JSON: \(event.data.prefix(80))")
        }
        let index = fields.index ?? 0
        switch fields.type ?? event.name {
        case "message_start":
            record(fields.messageUsage)
        case "content_block_start":
            blocks[index] = Self.block(fields.contentBlock)
        case "content_block_delta":
            return applyDelta(fields.delta, at: index)
        case "message_delta":
            if let reason = fields.delta?.stopReason { stopReason = reason }
            record(fields.usage)
        case "message_stop":
            done = true
        case "error":
            let type = fields.errorType ?? "error"
            let message = fields.errorMessage ?? type
            throw ProviderError.inStream(
                endpoint: endpoint, message: "\(type): \(message)", retryable: type == "overloaded_error" || type == "api_error")
        default:
            break
        }
        return []
    }

    private static func block(_ start: AnthropicStreamEvent.BlockStart?) -> Block {
        switch start?.type {
        case "text": return Block(kind: .text)
        case "tool_use": return Block(kind: .toolUse, id: start?.id ?? "", name: start?.name ?? "")
        case "thinking": return Block(kind: .thinking, content: start?.thinking ?? "", signature: start?.signature)
        default: return Block(kind: .other)
        }
    }

    private mutating func applyDelta(_ delta: AnthropicStreamEvent.Delta?, at index: Int) -> [String] {
        switch (blocks[index]?.kind, delta?.type) {
        case (.text?, "text_delta"):
            let piece = delta?.text ?? ""
            text += piece
            return piece.isEmpty ? [] : [piece]
        case (.toolUse?, "input_json_delta"):
            blocks[index]?.content += delta?.partialJSON ?? ""
        case (.thinking?, "thinking_delta"):
            blocks[index]?.content += delta?.thinking ?? ""
        case (.thinking?, "signature_delta"):
            blocks[index]?.signature = delta?.signature
        default:
            break
        }
        return []
    }

    private mutating func record(_ usage: AnthropicStreamEvent.Usage?) {
        guard let usage else { return }
        if let input = usage.input { inputTokens = input }
        if let output = usage.output { outputTokens = output }
    }

    mutating func finish() throws -> ChatResponse {
        if let event = events.finish() { _ = try handle(event) }
        guard done else { throw ProviderError.truncated(endpoint: endpoint, afterOutput: !text.isEmpty) }
        var calls: [ToolCall] = []
        var reasoning: [ReasoningBlock] = []
        for index in blocks.keys.sorted() {
            guard let block = blocks[index] else { continue }
            switch block.kind {
            case .toolUse:
                let arguments = block.content.trimmingSpaces()
                calls.append(ToolCall(id: block.id, name: block.name, arguments: arguments.isEmpty ? "{}" : arguments))
            case .thinking:
                reasoning.append(ReasoningBlock(text: block.content, signature: block.signature))
            case .text, .other:
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
