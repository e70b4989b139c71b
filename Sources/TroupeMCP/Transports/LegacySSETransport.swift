import Foundation
import Logging
import MCP
import TroupeHTTP
import TroupeProviders

/// The MCP SDK's `Transport` over the older HTTP+SSE transport (`type: sse`): a GET opens an
/// event stream whose first event, `endpoint`, names the URL to POST messages to; the answers
/// arrive on that stream as `message` events.
actor LegacySSETransport: Transport {
    /// The SDK logs through this; Troupe keeps the terminal for the user, so it goes nowhere.
    nonisolated let logger = Logger(label: "troupe.mcp.sse", factory: { _ in SwiftLogNoOpLogHandler() })
    private let url: URL
    private let headers: [String: String]
    private let http: any HTTPTransport
    private var endpoint: URL?
    private let messages: AsyncThrowingStream<Data, any Error>
    private let continuation: AsyncThrowingStream<Data, any Error>.Continuation
    private var reader: Task<Void, Never>?

    /// A transport to the event stream at `url`, sending `headers` with each request.
    init(url: URL, headers: [String: String], http: any HTTPTransport) {
        self.url = url
        self.headers = headers
        self.http = http
        (messages, continuation) = AsyncThrowingStream.makeStream()
    }

    /// Opens the event stream and waits for the server to name its message endpoint.
    func connect() async throws {
        var request = HTTPRequest(url: url, method: "GET", headers: headers)
        request.headers["Accept"] = "text/event-stream"
        let (head, body) = try await http.send(request)
        guard (200..<300).contains(head.status) else {
            throw MCPServerError(
                "HTTP \(head.status) from \(url.host ?? url.absoluteString): \(try await StreamableHTTPTransport.text(of: body))")
        }
        let (endpoints, found) = AsyncStream.makeStream(of: String.self)
        let continuation = self.continuation
        reader = Task {
            await EventStreamMessages.forward(body, to: continuation) { event in
                guard event.name == "endpoint" else { return false }
                found.yield(event.data)
                return true
            }
            found.finish()
            continuation.finish(throwing: MCPServerError("the server closed its event stream"))
        }
        for await path in endpoints {
            guard let resolved = URL(string: path.trimmingCharacters(in: .whitespaces), relativeTo: url)?.absoluteURL else {
                throw MCPServerError("the server named an endpoint that is not a URL: \(path)")
            }
            // The configured headers (a token, say) go only where the configuration sent them.
            guard resolved.scheme == url.scheme, resolved.host == url.host, resolved.port == url.port else {
                throw MCPServerError(
                    "the server named a message endpoint on another origin (\(resolved.scheme ?? "")://\(resolved.host ?? "")); refused"
                )
            }
            endpoint = resolved
            return
        }
        throw MCPServerError("the server's event stream ended before it named its message endpoint")
    }

    func disconnect() {
        reader?.cancel()
        reader = nil
        continuation.finish()
    }

    func send(_ data: Data) async throws {
        guard let endpoint else { throw MCPServerError("not connected") }
        var request = HTTPRequest(url: endpoint, method: "POST", headers: headers, body: data)
        request.headers["Content-Type"] = "application/json"
        let (head, body) = try await http.send(request)
        let text = try await StreamableHTTPTransport.text(of: body)
        guard (200..<300).contains(head.status) else {
            throw MCPServerError("HTTP \(head.status) from \(endpoint.host ?? endpoint.absoluteString): \(text)")
        }
    }

    func receive() -> AsyncThrowingStream<Data, any Error> { messages }
}
