import Foundation
import Logging
import MCP
import TroupeProviders

/// The MCP SDK's `Transport` over streamable HTTP (`type: http`): each message is POSTed to the
/// server's URL; the answer comes back as JSON or as a stream of server-sent events, and the
/// session id the server gives (`Mcp-Session-Id`) goes with every later request. Closing sends
/// `DELETE`. Server-initiated messages outside an answer (the optional GET stream) are not read.
///
/// Written over Troupe's own streaming HTTP client because the SDK's HTTP client transport
/// reads a response whole on Linux and does not parse an event-stream answer there.
actor StreamableHTTPTransport: Transport {
    /// The SDK logs through this; Troupe keeps the terminal for the user, so it goes nowhere.
    nonisolated let logger = Logger(label: "troupe.mcp.http", factory: { _ in SwiftLogNoOpLogHandler() })
    private let url: URL
    private let headers: [String: String]
    private let http: any HTTPTransport
    private var sessionID: String?
    private let messages: AsyncThrowingStream<Data, any Error>
    private let continuation: AsyncThrowingStream<Data, any Error>.Continuation
    private var readers: [Task<Void, Never>] = []

    /// A transport to the server at `url`, sending `headers` (the configuration's) with each request.
    init(url: URL, headers: [String: String], http: any HTTPTransport) {
        self.url = url
        self.headers = headers
        self.http = http
        (messages, continuation) = AsyncThrowingStream.makeStream()
    }

    func connect() {}

    func disconnect() async {
        readers.forEach { $0.cancel() }
        readers = []
        if let sessionID {
            var request = HTTPRequest(url: url, method: "DELETE", headers: headers)
            request.headers["Mcp-Session-Id"] = sessionID
            if let (_, body) = try? await http.send(request) { _ = try? await StreamableHTTPTransport.text(of: body) }
        }
        continuation.finish()
    }

    func send(_ data: Data) async throws {
        var request = HTTPRequest(url: url, method: "POST", headers: headers, body: data)
        request.headers["Content-Type"] = "application/json"
        request.headers["Accept"] = "application/json, text/event-stream"
        if let sessionID { request.headers["Mcp-Session-Id"] = sessionID }
        let (head, body) = try await http.send(request)
        if let id = head.header("mcp-session-id") { sessionID = id }
        guard (200..<300).contains(head.status) else {
            throw MCPServerError("HTTP \(head.status) from \(url.host ?? url.absoluteString): \(try await Self.text(of: body))")
        }
        if head.header("content-type")?.lowercased().hasPrefix("text/event-stream") == true {
            // The answer (and anything the server sends first) arrives as events: read them
            // beside the SDK, which is waiting for its answer on `receive()`.
            let continuation = self.continuation
            readers.append(Task { await EventStreamMessages.forward(body, to: continuation) })
            return
        }
        var whole = Data()
        for try await chunk in body { whole.append(chunk) }
        if !String(decoding: whole, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            continuation.yield(whole)
        }
    }

    func receive() -> AsyncThrowingStream<Data, any Error> { messages }

    /// Up to 300 characters of an error response's body.
    static func text(of body: AsyncThrowingStream<Data, any Error>) async throws -> String {
        var whole = Data()
        for try await chunk in body where whole.count < 4096 { whole.append(chunk) }
        let text = String(decoding: whole, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "no body" : String(text.prefix(300))
    }
}

/// The JSON-RPC messages of an event stream: the data of each event (`message` or unnamed).
enum EventStreamMessages {
    /// Yields each message of `body` to `continuation` until the stream ends; `onEvent` sees every
    /// event first and may claim it (returning true), as the HTTP+SSE transport does with `endpoint`.
    static func forward(
        _ body: AsyncThrowingStream<Data, any Error>, to continuation: AsyncThrowingStream<Data, any Error>.Continuation,
        onEvent: (ServerSentEvent) -> Bool = { _ in false }
    ) async {
        var lines = TroupeProviders.LineSplitter()
        var parser = ServerSentEventParser()
        func handle(_ event: ServerSentEvent?) {
            guard let event, !onEvent(event), event.name == nil || event.name == "message", !event.data.isEmpty else { return }
            continuation.yield(Data(event.data.utf8))
        }
        do {
            for try await chunk in body {
                for line in lines.push(chunk) { handle(parser.push(line)) }
            }
            if let last = lines.finish() { handle(parser.push(last)) }
            handle(parser.finish())
        } catch {
            // The stream broke: the request waiting on it fails by the connection's time limit.
        }
    }
}
