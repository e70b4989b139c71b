public import Foundation
import Synchronization
public import TroupeHTTP

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// An `HTTPTransport` that answers from a script without a socket: `LoopbackServer`'s scripted
/// answers, cut into the same seeded chunks, paused and cut off the same way, in memory. For tests
/// of what sits above the transport (decoders, retries, `web_fetch`), where the network path is
/// not the subject; the loopback server stays for the tests that are about that path.
public final class InMemoryHTTPTransport: HTTPTransport {
    private struct State {
        var queue: [ScriptedHTTPResponse] = []
        var received: [HTTPRequest] = []
    }

    private let state = Mutex(State())

    /// A transport that answers with `responses`, in order.
    public init(_ responses: ScriptedHTTPResponse...) {
        state.withLock { $0.queue = responses }
    }

    /// Queues more answers.
    public func enqueue(_ responses: ScriptedHTTPResponse...) {
        state.withLock { $0.queue.append(contentsOf: responses) }
    }

    /// Requests sent so far, in order.
    public var requests: [HTTPRequest] {
        state.withLock { $0.received }
    }

    public func send(_ request: HTTPRequest) async throws -> (HTTPResponseHead, AsyncThrowingStream<Data, any Error>) {
        try Task.checkCancellation()
        let response = state.withLock { state -> ScriptedHTTPResponse in
            state.received.append(request)
            if !state.queue.isEmpty { return state.queue.removeFirst() }
            return ScriptedHTTPResponse(
                status: 500, headers: [("Content-Type", "application/json")],
                body: Data("{\"error\":\"no scripted response\"}".utf8))
        }
        let head = HTTPResponseHead(
            status: response.status,
            headers: Dictionary(response.headers, uniquingKeysWith: { first, second in "\(first), \(second)" }))
        let (body, continuation) = AsyncThrowingStream.makeStream(of: Data.self)
        let writer = Task {
            do {
                if response.pauseBeforeBody > .zero { try await Task.sleep(for: response.pauseBeforeBody) }
                for (index, chunk) in response.chunks.enumerated() {
                    if index > 0, response.pauseBetweenChunks > .zero { try await Task.sleep(for: response.pauseBetweenChunks) }
                    continuation.yield(chunk)
                }
                if response.cutAfter != nil {
                    // What URLSession (libcurl) reports when a server closes mid-body, so the client
                    // classifies and retries it the same.
                    let cut = URLError(
                        .unknown, userInfo: [NSLocalizedDescriptionKey: "transfer closed with outstanding read data remaining"])
                    continuation.finish(throwing: HTTPTransportError.connection(cut))
                } else {
                    continuation.finish()
                }
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in writer.cancel() }
        return (head, body)
    }
}
