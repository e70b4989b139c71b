import Foundation
import Synchronization
import TroupeCore
import TroupeTesting

/// An OpenAI-compatible loopback server for real `troupe` processes, whose requests the benchmark
/// cannot see coming: each request gets, at the seeded rate, a 429, a 503 or a dropped stream,
/// else the one answer it serves — a two-step plan, which as a worker's or a synthesis's reply is
/// plain text — streamed in pieces a millisecond apart, so a kill can land in the middle of it.
final class ChaosWireServer: Sendable {
    private let server: LoopbackServer
    private let state: Mutex<(random: SplitMix64, faults: [ChaosTransportModel.Fault: Int])>

    static let plan =
        #"{"needs_plan":true,"facts":{"given":["a README"]},"steps":[{"id":1,"title":"Count the lines of the README","persona":"analyst"},"#
        + #"{"id":2,"title":"Write a one-line summary","persona":"writer","depends_on":[1]}]}"#

    init(seed: UInt64, rate: Double) throws {
        server = try LoopbackServer()
        state = Mutex((SplitMix64(seed: seed), [:]))
        let response = ChatResponse(
            message: ChatMessage(role: .assistant, content: Self.plan), usage: TokenUsage(inputTokens: 200, outputTokens: 60))
        let body = Data(OpenAIEventStream.body(for: response).utf8)
        server.answerUnscripted { [self] _ in
            state.withLock { state -> ScriptedHTTPResponse in
                let seed = UInt64(state.random.unit() * 1e9)
                let failures = ChaosTransportModel.Fault.allCases.filter { $0 != .slowBytes }
                if state.random.unit() < rate {
                    let fault = failures[Int(state.random.unit() * Double(failures.count))]
                    state.faults[fault, default: 0] += 1
                    if let failing = ChaosTransportModel.failure(fault, body: body, seed: seed, random: &state.random) {
                        return failing
                    }
                }
                var slow = ChaosTransportModel.answer(body, seed: seed, slow: false)
                slow.pauseBetweenChunks = .milliseconds(1)
                return slow
            }
        }
    }

    /// The base URL to give a client (`OPENAI_BASE_URL`).
    var baseURL: URL { server.url("/v1") }

    /// Faults served so far, by kind.
    var injected: [ChaosTransportModel.Fault: Int] { state.withLock { $0.faults } }

    /// HTTP requests answered so far.
    var requestsServed: Int { server.requests.count }
}
