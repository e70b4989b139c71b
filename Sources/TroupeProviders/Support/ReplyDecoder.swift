import Foundation
import TroupeCore
import TroupeHTTP

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Turns a provider's response into text deltas and a final `ChatResponse`.
protocol ReplyDecoder: Sendable {
    /// Text pieces carried by one line of the body; throws on an in-stream error.
    mutating func consume(line: String) throws -> [String]
    /// The complete reply once the body ended; throws `truncated` if the terminator never came.
    mutating func finish() throws -> ChatResponse
}

/// How a successful response body is read.
enum BodyDecoding {
    /// Line by line as it streams (SSE, NDJSON).
    case lines(any ReplyDecoder)
    /// All at once: a whole JSON reply from a server that ignored `stream`.
    case whole(@Sendable (Data) throws -> ChatResponse)
}

/// What each provider supplies to `ProviderClient`.
protocol ProviderProtocol: Sendable {
    var endpoint: ProviderEndpoint { get }
    /// The HTTP request for a chat request.
    func httpRequest(for request: ChatRequest) throws -> HTTPRequest
    /// How to read a successful body with this content type.
    func bodyDecoding(contentType: String) -> BodyDecoding
    /// The error an unsuccessful response stands for.
    func error(for head: HTTPResponseHead, body: Data) -> ProviderError
}

/// Runs one chat request against a provider: send, retry with backoff while nothing has been
/// shown, decode the stream, map errors. Shared by every provider model.
struct ProviderClient<Provider: ProviderProtocol>: Sendable {
    let provider: Provider
    let transport: any HTTPTransport
    let retry: RetryPolicy

    func stream(_ request: ChatRequest) -> AsyncThrowingStream<ChatDelta, any Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    try await run(request, continuation)
                } catch {
                    continuation.finish(throwing: Task.isCancelled ? CancellationError() : error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    private func run(_ request: ChatRequest, _ continuation: AsyncThrowingStream<ChatDelta, any Error>.Continuation) async throws
    {
        let http = try provider.httpRequest(for: request)
        var attempt = 0
        while true {
            var emitted = false
            do {
                let response = try await exchange(http) { text in
                    emitted = true
                    continuation.yield(.text(text))
                }
                continuation.yield(.finished(response))
                continuation.finish()
                return
            } catch let error as ProviderError {
                try Task.checkCancellation()
                let failure = emitted ? Self.afterOutput(error, provider.endpoint) : error
                guard failure.isRetryable, attempt < retry.maxRetries else { throw failure }
                attempt += 1
                let wait = retry.delay(attempt: attempt, retryAfter: failure.retryAfter)
                continuation.yield(.retrying(RetryNotice(attempt: attempt, delay: wait, reason: failure.shortReason)))
                try await Task.sleep(for: wait)
            }
        }
    }

    /// One HTTP exchange; `onText` sees each text piece as it is decoded. A failure of the
    /// transport comes out as the `ProviderError` it stands for.
    private func exchange(_ http: HTTPRequest, onText: (String) -> Void) async throws -> ChatResponse {
        do {
            return try await exchangeOverTransport(http, onText: onText)
        } catch let failure as HTTPTransportError {
            throw ProviderError(failure)
        }
    }

    private func exchangeOverTransport(_ http: HTTPRequest, onText: (String) -> Void) async throws -> ChatResponse {
        let (head, body) = try await transport.send(http)
        guard (200..<300).contains(head.status) else {
            throw provider.error(for: head, body: try await Self.collectWhatArrives(body))
        }
        var decoder: any ReplyDecoder
        switch provider.bodyDecoding(contentType: head.header("content-type") ?? "") {
        case .whole(let decode): return try decode(try await Self.collect(body))
        case .lines(let lineDecoder): decoder = lineDecoder
        }
        var splitter = LineSplitter()
        do {
            for try await chunk in body {
                for line in splitter.push(chunk) {
                    for text in try decoder.consume(line: line) { onText(text) }
                }
            }
        } catch HTTPTransportError.connection(let underlying) {
            // The connection dropped mid-body: a cut stream (retried only if nothing was shown).
            try Task.checkCancellation()
            if (underlying as? URLError)?.code == .timedOut { throw HTTPTransportError.connection(underlying) }
            throw ProviderError.truncated(endpoint: provider.endpoint, afterOutput: false)
        } catch let error as ProviderError {
            throw error
        } catch let error as HTTPTransportError {
            throw error
        } catch {
            try Task.checkCancellation()
            throw ProviderError.truncated(endpoint: provider.endpoint, afterOutput: false)
        }
        try Task.checkCancellation()
        if let last = splitter.finish() {
            for text in try decoder.consume(line: last) { onText(text) }
        }
        return try decoder.finish()
    }

    /// A failure after text was shown must not be retried into a duplicate answer.
    private static func afterOutput(_ error: ProviderError, _ endpoint: ProviderEndpoint) -> ProviderError {
        switch error {
        case .truncated, .transport, .timeout: return .truncated(endpoint: endpoint, afterOutput: true)
        case .inStream(let endpoint, let message, _): return .inStream(endpoint: endpoint, message: message, retryable: false)
        default: return error
        }
    }

    /// An error answer's body as far as it arrives: the status is the answer, so a body cut
    /// short (the connection dropped) still gives a 503 its retry, with what message there is.
    static func collectWhatArrives(_ body: AsyncThrowingStream<Data, any Error>) async throws -> Data {
        var data = Data()
        do {
            for try await chunk in body { data.append(chunk) }
        } catch {
            try Task.checkCancellation()
        }
        return data
    }

    static func collect(_ body: AsyncThrowingStream<Data, any Error>) async throws -> Data {
        var data = Data()
        for try await chunk in body { data.append(chunk) }
        return data
    }
}

/// Reads an error message out of the usual JSON envelopes.
enum ErrorEnvelope {
    /// `error.message`, `error` (a string), or `message`, else the body's first 200 characters.
    static func message(in body: Data) -> (message: String, code: String?) {
        let json = try? JSONValue.parse(body)
        if let error = json?["error"] {
            if let message = error.stringValue { return (message, nil) }
            let code = error["code"].flatMap(Self.text) ?? error["type"]?.stringValue
            return (error["message"]?.stringValue ?? "unknown error", code)
        }
        if let message = json?["message"]?.stringValue { return (message, nil) }
        let text = String(decoding: body.prefix(200), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return (text.isEmpty ? "no details" : text, nil)
    }

    private static func text(_ value: JSONValue) -> String? {
        switch value {
        case .string(let text): return text
        case .number(let number): return value.intValue.map(String.init) ?? String(number)
        default: return nil
        }
    }

    /// The usual mapping of a status and message to a `ProviderError`; `key`, if the server
    /// echoed it, is redacted from the message.
    static func error(endpoint: ProviderEndpoint, head: HTTPResponseHead, body: Data, key: APIKey? = nil) -> ProviderError {
        var (message, code) = message(in: body)
        if let key, !key.value.isEmpty { message = message.replacingOccurrences(of: key.value, with: "[REDACTED]") }
        let lower = message.lowercased()
        let aboutContext =
            code == "context_length_exceeded" || lower.contains("context length") || lower.contains("context window")
            || lower.contains("prompt is too long") || lower.contains("maximum context")
        let aboutModel = lower.contains("model") || code == "model_not_found"
        switch head.status {
        case 401, 403:
            return .authentication(endpoint: endpoint, status: head.status, message: message)
        case 400 where aboutContext, 413 where aboutContext:
            return .contextLength(endpoint: endpoint, message: message)
        case 404 where aboutModel, 400 where code == "model_not_found":
            return .unknownModel(endpoint: endpoint, message: message)
        default:
            let quota = code == "insufficient_quota"
            return .http(
                endpoint: endpoint, status: head.status, message: message, retryAfter: RetryPolicy.retryAfter(head),
                retryable: RetryPolicy.isRetryable(status: head.status) && !quota)
        }
    }
}
