import TroupeCore
import TroupeTesting

/// A `ChatResponse` as an OpenAI Chat Completions event stream, in the shape the recorded
/// fixtures have: a role chunk, the text in pieces, each tool call's name and then its arguments
/// in two pieces, the finish reason, a usage chunk, `[DONE]`.
enum OpenAIEventStream {
    static func body(for response: ChatResponse) -> String {
        var chunks: [JSONValue] = [delta(["role": .string("assistant"), "content": .string("")])]
        for piece in response.message.content.chunked(into: 48) { chunks.append(delta(["content": .string(piece)])) }
        for (index, call) in response.message.toolCalls.enumerated() {
            let half = call.arguments.index(call.arguments.startIndex, offsetBy: call.arguments.count / 2)
            chunks.append(
                toolCall(
                    index,
                    [
                        "id": .string(call.id), "type": .string("function"),
                        "function": .object(["name": .string(call.name), "arguments": .string(String(call.arguments[..<half]))]),
                    ]))
            chunks.append(toolCall(index, ["function": .object(["arguments": .string(String(call.arguments[half...]))])]))
        }
        let finish = response.message.toolCalls.isEmpty ? "stop" : "tool_calls"
        chunks.append(
            .object([
                "choices": .array([.object(["index": .number(0), "delta": .object([:]), "finish_reason": .string(finish)])])
            ]))
        chunks.append(
            .object([
                "choices": .array([]),
                "usage": .object([
                    "prompt_tokens": .number(Double(response.usage.inputTokens)),
                    "completion_tokens": .number(Double(response.usage.outputTokens)),
                ]),
            ]))
        let events = chunks.map { "data: " + ((try? JSONCoding.string($0)) ?? "{}") + "\n\n" }
        return events.joined() + "data: [DONE]\n\n"
    }

    private static func delta(_ fields: [String: JSONValue]) -> JSONValue {
        .object(["choices": .array([.object(["index": .number(0), "delta": .object(fields), "finish_reason": .null])])])
    }

    private static func toolCall(_ index: Int, _ fields: [String: JSONValue]) -> JSONValue {
        var call = fields
        call["index"] = .number(Double(index))
        return delta(["tool_calls": .array([.object(call)])])
    }
}
