public import Foundation
import TroupeCore
public import TroupeHTTP

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Why a provider call failed, in words that say what to check. Never carries an API key.
public enum ProviderError: Error, Sendable, LocalizedError {
    /// 401/403: the key or the base URL is wrong.
    case authentication(endpoint: ProviderEndpoint, status: Int, message: String)
    /// The conversation no longer fits the model's context window.
    case contextLength(endpoint: ProviderEndpoint, message: String)
    /// The server does not know the model.
    case unknownModel(endpoint: ProviderEndpoint, message: String)
    /// Another HTTP error; `retryAfter` from `retry-after-ms` / `retry-after`.
    case http(endpoint: ProviderEndpoint, status: Int, message: String, retryAfter: Duration?, retryable: Bool)
    /// An error reported inside a 200 stream (Anthropic `error` event, Ollama `{"error"}` line).
    case inStream(endpoint: ProviderEndpoint, message: String, retryable: Bool)
    /// The stream ended before its terminator.
    case truncated(endpoint: ProviderEndpoint, afterOutput: Bool)
    /// The response could not be understood.
    case invalidResponse(endpoint: ProviderEndpoint, message: String)
    /// No response (connect) or no data (idle) within the limit.
    case timeout(phase: String, after: Duration)
    /// The connection failed (refused, reset, DNS).
    case transport(any Error)

    /// The provider error a failed HTTP exchange stands for.
    public init(_ failure: HTTPTransportError) {
        switch failure {
        case .timeout(let phase, let after): self = .timeout(phase: phase, after: after)
        case .connection(let error): self = .transport(error)
        }
    }

    /// Whether waiting and trying again may succeed.
    public var isRetryable: Bool {
        switch self {
        case .http(_, _, _, _, let retryable), .inStream(_, _, let retryable): return retryable
        case .truncated(_, let afterOutput): return !afterOutput
        case .timeout: return true
        case .transport(let error): return Self.isTransient(error)
        default: return false
        }
    }

    /// The wait the server asked for, if any.
    public var retryAfter: Duration? {
        if case .http(_, _, _, let after, _) = self { return after }
        return nil
    }

    /// A few words for the retry line: `429`, `529 overloaded`, `connection lost`.
    public var shortReason: String {
        switch self {
        case .http(_, let status, _, _, _): return status == 529 ? "529 overloaded" : "\(status)"
        case .inStream(_, let message, _): return "stream error: \(message.prefix(40))"
        case .truncated: return "stream cut"
        case .timeout(let phase, _): return "\(phase) timeout"
        case .transport: return "connection lost"
        default: return "error"
        }
    }

    public var errorDescription: String? {
        switch self {
        case .authentication(let endpoint, let status, let message):
            let key = endpoint.keyVariable.map { "check \($0)" } ?? "check the server's credentials"
            return "\(endpoint.provider): \(status) \(message) — \(key) and the base URL \(endpoint.baseURL.absoluteString)"
        case .contextLength(let endpoint, let message):
            return
                "\(endpoint.provider)/\(endpoint.model): the conversation is longer than the model's context window (\(message))"
        case .unknownModel(let endpoint, let message):
            return "\(endpoint.provider): no model named '\(endpoint.model)' at \(endpoint.baseURL.absoluteString) (\(message))"
        case .http(let endpoint, let status, let message, _, _):
            return "\(endpoint.provider): HTTP \(status): \(message)"
        case .inStream(let endpoint, let message, _):
            return "\(endpoint.provider): the stream reported an error: \(message)"
        case .truncated(let endpoint, let afterOutput):
            return afterOutput
                ? "\(endpoint.provider): the reply was cut off after it had started; not retried, to avoid a duplicate answer"
                : "\(endpoint.provider): the connection closed before the reply finished"
        case .invalidResponse(let endpoint, let message):
            return "\(endpoint.provider): unexpected response: \(message)"
        case .timeout(let phase, let after):
            return
                "no \(phase == "connect" ? "response" : "data") from the provider for \(after.milliseconds / 1000) s (\(phase) timeout)"
        case .transport(let error):
            return "cannot reach the provider: \(error.localizedDescription)"
        }
    }

    private static func isTransient(_ error: any Error) -> Bool {
        guard let urlError = error as? URLError else { return false }
        // A refused connection or an unknown host will not fix itself in seconds; a dropped one may.
        return [.networkConnectionLost, .timedOut].contains(urlError.code)
    }
}
