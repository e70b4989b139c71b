public import Foundation

/// Sends requests and streams response bodies: the seam between Troupe and the network. The
/// providers, the MCP HTTP transports and `web_fetch` go through it; tests substitute an
/// in-memory transport or a loopback server (`TroupeTesting`).
///
/// Implementations must end the body stream promptly when the consuming task is cancelled and
/// cancel the underlying request.
public protocol HTTPTransport: Sendable {
    /// Sends `request`; returns once the status and headers arrived, with the body still streaming.
    /// Fails with `HTTPTransportError` when the exchange itself fails.
    func send(_ request: HTTPRequest) async throws -> (HTTPResponseHead, AsyncThrowingStream<Data, any Error>)
}
