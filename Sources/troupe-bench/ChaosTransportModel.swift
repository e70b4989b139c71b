import Foundation
import Synchronization
import TroupeCore
import TroupeHTTP
import TroupeProviders
import TroupeTesting

/// The offline model's answers served over real HTTP with faults on the wire: each call goes
/// through `OpenAIChatModel` and `URLSessionTransport` (the client a user's session runs) to a
/// loopback server that first answers, at the seeded rate, 429s with `retry-after-ms`, 503s, or
/// a stream dropped part-way, and then the answer itself as an OpenAI event stream — sometimes
/// in slow pieces. The client's own retry policy does the rest; what it cannot recover (a stream
/// dropped after text arrived) reaches the engine as the call's failure.
final class ChaosTransportModel: ChatModel {
    /// The faults the wire can carry.
    enum Fault: String, CaseIterable, Sendable {
        case rateLimited = "429 retry-after", serverError = "503", droppedStream = "dropped stream", slowBytes = "slow bytes"
    }

    let identifier = "openai/offline-over-loopback"
    private let server: LoopbackServer
    private let transport = URLSessionTransport()
    private let random: Mutex<SplitMix64>
    private let counts = Mutex<(calls: Int, faults: [Fault: Int], mismatches: [String])>((0, [:], []))
    private let rate: Double

    init(seed: UInt64, rate: Double) throws {
        server = try LoopbackServer()
        random = Mutex(SplitMix64(seed: seed))
        self.rate = rate
    }

    /// Faults put on the wire so far, by kind.
    var injected: [Fault: Int] { counts.withLock { $0.faults } }

    /// Calls whose answer arrived complete but not as sent.
    var mismatches: [String] { counts.withLock { $0.mismatches } }

    /// HTTP requests the server answered.
    var requestsServed: Int { server.requests.count }

    func stream(_ request: ChatRequest) -> AsyncThrowingStream<ChatDelta, any Error> {
        let expected = OfflineModel().respond(to: request)
        let body = Data(OpenAIEventStream.body(for: expected).utf8)
        let rate = self.rate
        let (responses, faults) = random.withLock { Self.script(for: body, rate: rate, random: &$0) }
        let call = counts.withLock { state -> Int in
            state.calls += 1
            for fault in faults { state.faults[fault, default: 0] += 1 }
            return state.calls
        }
        let path = "/call-\(call)/"
        server.enqueue(responses, forPathsStartingWith: path)
        let endpoint = ProviderEndpoint(
            provider: "openai", baseURL: server.url(path + "v1"), model: "offline", keyVariable: nil)
        let client = OpenAIChatModel(
            endpoint: endpoint, key: nil, transport: transport,
            retry: RetryPolicy(maxRetries: 3, baseDelay: .milliseconds(2), maxDelay: .milliseconds(50)))
        // What arrives whole must be what was sent, however many faults came before it.
        let answers = client.stream(request)
        return AsyncThrowingStream { continuation in
            let task = Task { [self] in
                do {
                    for try await delta in answers {
                        if case .finished(let response) = delta,
                            response.message.content != expected.message.content
                                || response.message.toolCalls != expected.message.toolCalls
                        {
                            counts.withLock {
                                $0.mismatches.append("call \(call): the answer over HTTP differs from the one sent")
                            }
                        }
                        continuation.yield(delta)
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// Up to two failing answers, then the real one.
    private static func script(for body: Data, rate: Double, random: inout SplitMix64) -> (
        responses: [ScriptedHTTPResponse], faults: [Fault]
    ) {
        var responses: [ScriptedHTTPResponse] = []
        var faults: [Fault] = []
        let seed = UInt64(random.unit() * 1e9)
        while faults.count < 2, random.unit() < rate {
            let fault = Fault.allCases[Int(random.unit() * Double(Fault.allCases.count))]
            faults.append(fault)
            if let failing = failure(fault, body: body, seed: seed, random: &random) { responses.append(failing) }
        }
        responses.append(answer(body, seed: seed, slow: faults.contains(.slowBytes)))
        return (responses, faults)
    }

    /// The failing response a fault puts on the wire; nil for slow bytes, which slow the answer instead.
    static func failure(_ fault: Fault, body: Data, seed: UInt64, random: inout SplitMix64) -> ScriptedHTTPResponse? {
        switch fault {
        case .rateLimited:
            return .init(
                status: 429, headers: [("Content-Type", "application/json"), ("retry-after-ms", "3")],
                body: Data(#"{"error":{"message":"Rate limit reached (chaos)","type":"requests"}}"#.utf8))
        case .serverError:
            return .init(
                status: 503, headers: [("Content-Type", "application/json")],
                body: Data(#"{"error":{"message":"The server is overloaded (chaos)","type":"server_error"}}"#.utf8))
        case .droppedStream:
            return .init(
                status: 200, headers: [("Content-Type", "text/event-stream")], body: body, seed: seed,
                cutAfter: Int(random.unit() * Double(body.count)))
        case .slowBytes:
            return nil
        }
    }

    /// The answer itself, as an event stream, optionally in slow pieces.
    static func answer(_ body: Data, seed: UInt64, slow: Bool) -> ScriptedHTTPResponse {
        .init(
            status: 200, headers: [("Content-Type", "text/event-stream")], body: body, seed: seed,
            pauseBetweenChunks: slow ? .microseconds(300) : .zero)
    }
}
