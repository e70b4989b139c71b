public import Foundation
import Synchronization

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `HTTPTransport` over Foundation's URLSession, streaming through a data delegate
/// (`URLSession.bytes` does not exist on Linux). Each request gets its own ephemeral session,
/// invalidated when the body stream ends or its consumer is cancelled.
public struct URLSessionTransport: HTTPTransport {
    public var timeouts: TransportTimeouts

    /// How long a request whose reader stopped may run on before it is cancelled: long enough
    /// for a reply that was read to its end to close by itself.
    static let cancelGrace = Duration.milliseconds(250)

    public init(timeouts: TransportTimeouts = TransportTimeouts()) {
        self.timeouts = timeouts
    }

    public func send(_ request: HTTPRequest) async throws -> (HTTPResponseHead, AsyncThrowingStream<Data, any Error>) {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method
        urlRequest.httpBody = request.body.isEmpty ? nil : request.body
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeouts.idle / .seconds(1)
        let (body, continuation) = AsyncThrowingStream.makeStream(of: Data.self)
        let delegate = StreamingDelegate(body: continuation, idle: timeouts.idle)
        let session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil)
        let task = session.dataTask(with: urlRequest)
        continuation.onTermination = { termination in
            session.finishTasksAndInvalidate()
            // FoundationNetworking traps when a task is cancelled as it completes ("Trying to access
            // a behaviour for a task that in not in the registry"); the chaos benchmark hit it when
            // an interrupt came as a short reply was completing. So a stream that finished (the task
            // completed) cancels nothing, and one whose reader stopped cancels only if the task is
            // still running a moment later.
            if case .cancelled = termination { delegate.cancelSoon(task) }
        }
        let connectTimeout = timeouts.connect
        let head = try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (head: CheckedContinuation<HTTPResponseHead, any Error>) in
                delegate.onHead(head)
                task.resume()
                Task {
                    try? await Task.sleep(for: connectTimeout)
                    delegate.failHead(HTTPTransportError.timeout(phase: "connect", after: connectTimeout), cancelling: task)
                }
            }
        } onCancel: {
            delegate.failHead(CancellationError(), cancelling: task)
        }
        return (head, body)
    }
}

/// Bridges URLSession's delegate callbacks to the head continuation and the body stream.
private final class StreamingDelegate: NSObject, URLSessionDataDelegate, Sendable {
    private let body: AsyncThrowingStream<Data, any Error>.Continuation
    /// The continuation waiting for the head; resumed exactly once.
    private let head = Mutex<CheckedContinuation<HTTPResponseHead, any Error>?>(nil)
    /// URLSession's request timeout, which it enforces as the longest silence between bytes.
    private let idle: Duration
    private let completed = Atomic<Bool>(false)

    /// The task has completed (with or without an error): there is nothing left to cancel.
    var isComplete: Bool { completed.load(ordering: .acquiring) }

    init(body: AsyncThrowingStream<Data, any Error>.Continuation, idle: Duration) {
        self.body = body
        self.idle = idle
    }

    func onHead(_ continuation: CheckedContinuation<HTTPResponseHead, any Error>) {
        head.withLock { $0 = continuation }
    }

    func failHead(_ error: any Error, cancelling task: URLSessionDataTask) {
        guard
            let waiting = head.withLock({ state -> CheckedContinuation<HTTPResponseHead, any Error>? in
                defer { state = nil }
                return state
            })
        else { return }
        cancelSoon(task)
        waiting.resume(throwing: error)
        body.finish(throwing: error)
    }

    /// Cancels `task` after `URLSessionTransport.cancelGrace` unless it has completed by then:
    /// cancelling a task as it completes can trap in FoundationNetworking, and an abandoned
    /// request that ends by itself needs no cancelling. Whoever waits for it has been answered.
    func cancelSoon(_ task: URLSessionDataTask) {
        Task { [self] in
            try? await Task.sleep(for: URLSessionTransport.cancelGrace)
            if !isComplete, task.state == .running { task.cancel() }
        }
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void
    ) {
        let http = response as? HTTPURLResponse
        var headers: [String: String] = [:]
        for (name, value) in http?.allHeaderFields ?? [:] {
            if let name = name as? String, let value = value as? String { headers[name] = value }
        }
        let waiting = head.withLock { state -> CheckedContinuation<HTTPResponseHead, any Error>? in
            defer { state = nil }
            return state
        }
        waiting?.resume(returning: HTTPResponseHead(status: http?.statusCode ?? 0, headers: headers))
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        body.yield(data)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        completed.store(true, ordering: .releasing)
        let waiting = head.withLock { state -> CheckedContinuation<HTTPResponseHead, any Error>? in
            defer { state = nil }
            return state
        }
        if let error {
            let timedOut = (error as? URLError)?.code == .timedOut || (error as NSError).code == NSURLErrorTimedOut
            let mapped = timedOut ? HTTPTransportError.timeout(phase: "idle", after: idle) : HTTPTransportError.connection(error)
            waiting?.resume(throwing: mapped)
            body.finish(throwing: mapped)
        } else {
            waiting?.resume(throwing: HTTPTransportError.connection(URLError(.badServerResponse)))
            body.finish()
        }
    }
}
