import Foundation
import Logging
import MCP
import TroupeHTTP
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
    /// The event streams being read, by a number of their own; each is dropped when it ends.
    private var readers: [Int: Task<Void, Never>] = [:]
    private var nextReader = 0

    /// A transport to the server at `url`, sending `headers` (the configuration's) with each request.
    init(url: URL, headers: [String: String], http: any HTTPTransport) {
        self.url = url
        self.headers = headers
        self.http = http
        (messages, continuation) = AsyncThrowingStream.makeStream()
    }

    func connect() {}

    func disconnect() async {
        readers.values.forEach { $0.cancel() }
        readers = [:]
        if let sessionID {
            var request = HTTPRequest(url: url, method: "DELETE", headers: headers)
            request.headers["Mcp-Session-Id"] = sessionID
            // Ending the session is a courtesy: an unreachable server must not hold up the exit.
            let deleting = Task { [http] in
                if let (_, body) = try? await http.send(request) { _ = try? await StreamableHTTPTransport.text(of: body) }
            }
            let limit = Task {
                try? await Task.sleep(for: .seconds(2))
                deleting.cancel()
            }
            await deleting.value
            limit.cancel()
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
            let (continuation, key, id) = (self.continuation, nextReader, JSONRPCID(of: data))
            nextReader += 1
            readers[key] = Task { [weak self] in
                await EventStreamMessages.forward(body, to: continuation, answering: id)
                await self?.readerEnded(key)
            }
            return
        }
        var whole = Data()
        for try await chunk in body { whole.append(chunk) }
        if !String(decoding: whole, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            continuation.yield(whole)
        }
    }

    func receive() -> AsyncThrowingStream<Data, any Error> { messages }

    private func readerEnded(_ key: Int) {
        readers[key] = nil
    }

    /// Up to 300 characters of an error response's body.
    static func text(of body: AsyncThrowingStream<Data, any Error>) async throws -> String {
        var whole = Data()
        for try await chunk in body where whole.count < 4096 { whole.append(chunk) }
        let text = String(decoding: whole, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "no body" : String(text.prefix(300))
    }
}

/// A JSON-RPC message's `id`, as its JSON text (`7`, `"abc"`); nil for a notification.
struct JSONRPCID: Equatable, Sendable {
    let text: String

    init?(of message: Data) {
        guard let object = try? JSONSerialization.jsonObject(with: message) as? [String: Any], let id = object["id"],
            !(id is NSNull), let data = try? JSONSerialization.data(withJSONObject: [id], options: [.fragmentsAllowed])
        else { return nil }
        text = String(decoding: data, as: UTF8.self)
    }
}

/// The JSON-RPC messages of an event stream: the data of each event (`message` or unnamed).
enum EventStreamMessages {
    /// Yields each message of `body` to `continuation` until the stream ends — or, given the id of
    /// the request it answers, until that answer has come (a server may keep the stream open).
    /// If the stream breaks before the answer, an error answer for that id is yielded, so the
    /// request fails with the cause at once. `onEvent` sees every event first and may claim it
    /// (returning true), as the HTTP+SSE transport does with `endpoint`.
    static func forward(
        _ body: AsyncThrowingStream<Data, any Error>, to continuation: AsyncThrowingStream<Data, any Error>.Continuation,
        answering id: JSONRPCID? = nil, onEvent: (ServerSentEvent) -> Bool = { _ in false }
    ) async {
        var lines = LineSplitter()
        var parser = ServerSentEventParser()
        /// Yields the event's message; true when it was the awaited answer.
        func handle(_ event: ServerSentEvent?) -> Bool {
            guard let event, !onEvent(event), event.name == nil || event.name == "message", !event.data.isEmpty else {
                return false
            }
            let message = Data(event.data.utf8)
            continuation.yield(message)
            return id != nil && JSONRPCID(of: message) == id
        }
        do {
            for try await chunk in body {
                for line in lines.push(chunk) where handle(parser.push(line)) { return }
            }
            if let last = lines.finish(), handle(parser.push(last)) { return }
            if handle(parser.finish()) { return }
            if let id { continuation.yield(failure(id, "the server ended its event stream without answering")) }
        } catch {
            if let id { continuation.yield(failure(id, "the server's event stream broke: \(error)")) }
        }
    }

    /// A JSON-RPC error answer to request `id`.
    private static func failure(_ id: JSONRPCID, _ message: String) -> Data {
        let text = String(
            decoding: (try? JSONSerialization.data(withJSONObject: [message])) ?? Data("[\"\"]".utf8), as: UTF8.self)
        return Data(
            #"{"jsonrpc":"2.0","id":\#(id.text.dropFirst().dropLast()),"error":{"code":-32000,"message":\#(text.dropFirst().dropLast())}}"#
                .utf8)
    }
}
