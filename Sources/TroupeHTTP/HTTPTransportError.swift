public import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Why an HTTP exchange failed below the level of status codes.
public enum HTTPTransportError: Error, Sendable, LocalizedError {
    /// No response (`connect`) or no data (`idle`) within the limit.
    case timeout(phase: String, after: Duration)
    /// The connection failed: refused, reset, a host that does not resolve.
    case connection(any Error)

    public var errorDescription: String? {
        switch self {
        case .timeout(let phase, let after):
            return "no \(phase == "connect" ? "response" : "data") for \(after.components.seconds) s (\(phase) timeout)"
        case .connection(let error):
            return error.localizedDescription
        }
    }
}
