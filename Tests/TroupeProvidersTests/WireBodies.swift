import Foundation

/// Response bodies written in each provider's wire format, for scripted loopback servers.
enum WireBodies {
    /// An OpenAI chat-completions stream answering `text` in a few deltas, with usage and `[DONE]`.
    static func openAIStream(_ text: String, usage: (Int, Int) = (10, 5)) -> Data {
        var events: [String] = []
        for piece in pieces(of: text) {
            let delta = try! JSONSerialization.data(withJSONObject: ["choices": [["index": 0, "delta": ["content": piece]]]])
            events.append("data: \(String(decoding: delta, as: UTF8.self))")
        }
        events.append("data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}")
        events.append("data: {\"choices\":[],\"usage\":{\"prompt_tokens\":\(usage.0),\"completion_tokens\":\(usage.1)}}")
        events.append("data: [DONE]")
        return Data((events.joined(separator: "\n\n") + "\n\n").utf8)
    }

    /// An Anthropic Messages stream answering `text`.
    static func anthropicStream(_ text: String) -> Data {
        var lines = [
            "event: message_start",
            "data: {\"type\":\"message_start\",\"message\":{\"content\":[],\"usage\":{\"input_tokens\":10,\"output_tokens\":1}}}",
            "",
            "event: content_block_start",
            "data: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}", "",
            "event: ping", "data: {\"type\": \"ping\"}", "",
        ]
        for piece in pieces(of: text) {
            let delta = try! JSONSerialization.data(withJSONObject: [
                "type": "content_block_delta", "index": 0, "delta": ["type": "text_delta", "text": piece],
            ])
            lines += ["event: content_block_delta", "data: \(String(decoding: delta, as: UTF8.self))", ""]
        }
        lines += [
            "event: content_block_stop", "data: {\"type\":\"content_block_stop\",\"index\":0}", "",
            "event: message_delta",
            "data: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":7}}", "",
            "event: message_stop", "data: {\"type\":\"message_stop\"}", "",
        ]
        return Data(lines.joined(separator: "\n").utf8)
    }

    private static func pieces(of text: String) -> [String] {
        let characters = Array(text)
        return stride(from: 0, to: characters.count, by: 7).map { String(characters[$0..<min($0 + 7, characters.count)]) }
    }
}
