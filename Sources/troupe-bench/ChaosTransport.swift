import Foundation
import LoopbackHTTP
import Synchronization
import TroupeCore
import TroupeProviders

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
    private let random: Mutex<SeededRandom>
    private let counts = Mutex<(calls: Int, faults: [Fault: Int], mismatches: [String])>((0, [:], []))
    private let rate: Double

    init(seed: UInt64, rate: Double) throws {
        server = try LoopbackServer()
        random = Mutex(SeededRandom(seed: seed))
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
    private static func script(for body: Data, rate: Double, random: inout SeededRandom) -> (
        responses: [LoopbackServer.Response], faults: [Fault]
    ) {
        var responses: [LoopbackServer.Response] = []
        var faults: [Fault] = []
        let seed = UInt64(random.next() * 1e9)
        var slow = false
        while faults.count < 2, random.next() < rate {
            let fault = Fault.allCases[Int(random.next() * Double(Fault.allCases.count))]
            faults.append(fault)
            switch fault {
            case .rateLimited:
                responses.append(
                    .init(
                        status: 429, headers: [("Content-Type", "application/json"), ("retry-after-ms", "3")],
                        body: Data(#"{"error":{"message":"Rate limit reached (chaos)","type":"requests"}}"#.utf8)))
            case .serverError:
                responses.append(
                    .init(
                        status: 503, headers: [("Content-Type", "application/json")],
                        body: Data(#"{"error":{"message":"The server is overloaded (chaos)","type":"server_error"}}"#.utf8)))
            case .droppedStream:
                responses.append(
                    .init(
                        status: 200, headers: [("Content-Type", "text/event-stream")], body: body, seed: seed,
                        cutAfter: Int(random.next() * Double(body.count))))
            case .slowBytes:
                slow = true
            }
        }
        responses.append(
            .init(
                status: 200, headers: [("Content-Type", "text/event-stream")], body: body, seed: seed,
                pauseBetweenChunks: slow ? .microseconds(300) : .zero))
        return (responses, faults)
    }
}

/// A `ChatResponse` as an OpenAI Chat Completions event stream, in the shape the recorded
/// fixtures have: a role chunk, the text in pieces, each tool call's name and then its arguments
/// in two pieces, the finish reason, a usage chunk, `[DONE]`.
enum OpenAIEventStream {
    static func body(for response: ChatResponse) -> String {
        var chunks: [JSONValue] = [delta(["role": .string("assistant"), "content": .string("")])]
        var text = Substring(response.message.content)
        while !text.isEmpty {
            chunks.append(delta(["content": .string(String(text.prefix(48)))]))
            text = text.dropFirst(48)
        }
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
