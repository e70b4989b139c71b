import Synchronization
public import TroupeCore

/// A model that misbehaves at random (seeded): invalid JSON, two objects, unknown personas,
/// cyclic plans, empty replies, the same answer forever, unknown tools, and failed calls.
public final class ChaosModel: ChatModel {
    public let identifier = "chaos"
    private let state: Mutex<(rng: SplitMix64, calls: Int)>
    /// The personas its plans name: the built-in ones, one that does not exist, and the orchestrator.
    public static let personas = ["researcher", "analyst", "coder", "writer", "poet", "orchestrator"]

    /// A model whose misbehaviour follows `seed`.
    public init(seed: UInt64) {
        state = Mutex((SplitMix64(seed: seed), 0))
    }

    /// Calls answered so far.
    public var calls: Int { state.withLock { $0.calls } }

    public func stream(_ request: ChatRequest) -> AsyncThrowingStream<ChatDelta, any Error> {
        let reply: Result<String, ModelError> = state.withLock { state in
            state.calls += 1
            return Self.reply(to: request, roll: Int(state.rng.next() % 100), rng: &state.rng)
        }
        return AsyncThrowingStream { continuation in
            switch reply {
            case .success(let text):
                let call = text.hasPrefix("TOOL:")
                let message = ChatMessage(
                    role: .assistant, content: call ? "" : text,
                    toolCalls: call ? [ToolCall(id: "c", name: String(text.dropFirst(5)), arguments: "{not json")] : [])
                continuation.yield(.finished(ChatResponse(message: message, usage: TokenUsage(inputTokens: 10, outputTokens: 5))))
                continuation.finish()
            case .failure(let error):
                continuation.finish(throwing: error)
            }
        }
    }

    private static func reply(to request: ChatRequest, roll: Int, rng: inout SplitMix64) -> Result<String, ModelError> {
        if roll < 10 { return .failure(.scriptedFailure(message: "chaos: provider down")) }
        if roll < 18 { return .success("") }
        if roll < 26 { return .success("{\"broken\": ") }
        if roll < 32 { return .success("{\"a\": 1} {\"b\": 2}") }
        switch request.purpose {
        case .plan, .replan:
            let count = Int(rng.next() % 5) + 1
            let steps = (1...count).map { id -> String in
                let persona = personas[Int(rng.next() % UInt64(personas.count))]
                let dependency = rng.next() % 3 == 0 ? Int(rng.next() % UInt64(count)) + 1 : 0
                let depends = dependency == 0 ? "[]" : "[\(dependency)]"
                return
                    "{\"id\": \(id + (request.purpose == .replan ? 100 : 0)), \"title\": \"step \(id)\", \"persona\": \"\(persona)\", \"depends_on\": \(depends)}"
            }
            let guess = "guess \(rng.next() % 1000)"
            return .success(
                "{\"needs_plan\": true, \"root_cause\": \"chaos\", \"facts\": {\"educated_guesses\": [\"\(guess)\"]}, \"steps\": [\(steps.joined(separator: ","))]}"
            )
        case .progressLedger:
            func flag() -> String { rng.next() % 2 == 0 ? "true" : "false" }
            let speaker = personas[Int(rng.next() % UInt64(personas.count))]
            return .success(
                """
                {"is_request_satisfied": {"reason": "r", "answer": \(flag())}, "is_in_loop": {"reason": "r", "answer": \(flag())},
                 "is_progress_being_made": {"reason": "r", "answer": \(flag())}, "next_speaker": {"reason": "r", "answer": "\(speaker)"},
                 "instruction_or_question": {"reason": "r", "answer": "go"}}
                """)
        case .work:
            if roll < 45 { return .success("TOOL:no_such_tool") }
            return .success("the same result every time")
        case .synthesis:
            return .success("an answer")
        }
    }
}
