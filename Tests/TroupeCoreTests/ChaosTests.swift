import Foundation
import LoopbackHTTP
import Synchronization
import Testing

@testable import TroupeCore

/// A model that misbehaves at random (seeded): invalid JSON, two objects, unknown personas,
/// cyclic plans, empty replies, the same answer forever, unknown tools, and failed calls.
final class ChaosModel: ChatModel {
    let identifier = "chaos"
    private let state: Mutex<(rng: SplitMix64, calls: Int)>
    static let personas = ["researcher", "analyst", "coder", "writer", "poet", "orchestrator"]

    init(seed: UInt64) {
        state = Mutex((SplitMix64(seed: seed), 0))
    }

    var calls: Int { state.withLock { $0.calls } }

    func stream(_ request: ChatRequest) -> AsyncThrowingStream<ChatDelta, any Error> {
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

@Suite struct ChaosTests {
    /// Every seeded run ends with an answer or a clean escalation, within a bounded number of calls.
    @Test func everySeededRunEndsCleanly() async throws {
        var outcomes: [TurnOutcome: Int] = [:]
        var maxCalls = 0
        var escalations = 0
        var replans = 0
        for seed in UInt64(1)...200 {
            let log = EventLog()
            let model = ChaosModel(seed: seed)
            let orchestrator = await makeOrchestrator(model, log: log)
            let result = await orchestrator.handle("do several things, then summarize them")
            outcomes[result.outcome, default: 0] += 1
            maxCalls = max(maxCalls, model.calls)
            escalations += log.all("orchestration.escalated").count
            replans += log.all("orchestration.replanned").count
            #expect(result.outcome != .cancelled, "seed \(seed)")
            #expect(!result.answer.isEmpty, "seed \(seed)")
            #expect(log.types.last == "orchestration.plan_completed", "seed \(seed)")
            #expect(model.calls <= 400, "seed \(seed) made \(model.calls) calls")
        }
        print(
            "chaos: 200 runs, outcomes \(outcomes.sorted { $0.key.rawValue < $1.key.rawValue }), re-plans \(replans), escalations \(escalations), max calls in a run \(maxCalls)"
        )
        #expect(outcomes.values.reduce(0, +) == 200)
    }
}
