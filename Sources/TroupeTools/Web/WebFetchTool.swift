import Foundation
public import TroupeCore
public import TroupeHTTP

/// `web_fetch`: an HTTP(S) GET whose page comes back as text (HTML reduced to its readable text),
/// within a size and a time limit. It sends a request out of the machine, so it is approved like
/// a command (`permission_mode`), and only `http` and `https` URLs are fetched. It goes through an
/// `HTTPTransport`, URLSession's by default.
public struct WebFetchTool: WorkerTool {
    public let effect = ToolEffect.readsTheNetwork
    let maxBytes: Int
    let timeout: Duration
    let maxCharacters: Int
    let transport: any HTTPTransport

    /// A fetcher reading at most `maxBytes` of a page within `timeout`, keeping `maxCharacters`
    /// of its text; `transport` nil means URLSession's, with `timeout` as its connect and idle limits.
    public init(
        maxBytes: Int = 2_000_000, timeout: Duration = .seconds(20), maxCharacters: Int = 20_000,
        transport: (any HTTPTransport)? = nil
    ) {
        self.maxBytes = maxBytes
        self.timeout = timeout
        self.maxCharacters = maxCharacters
        self.transport = transport ?? URLSessionTransport(timeouts: TransportTimeouts(connect: timeout, idle: timeout))
    }

    public var spec: ToolSpec {
        ToolSpec(
            name: "web_fetch",
            description: "Fetch a web page (HTTP GET) and get its readable text, at most 20,000 characters.",
            parameters: ToolSchema.object(["url": ("string", "the http or https URL")], required: ["url"]))
    }

    public func preview(arguments: JSONValue) async -> Result<ToolPreview, ToolOutputError>? {
        url(arguments).map {
            ToolPreview(kind: .command, summary: "fetch \($0.absoluteString)", detail: "GET \($0.absoluteString)")
        }
    }

    public func run(arguments: JSONValue) async -> ToolOutput {
        let target: URL
        switch url(arguments) {
        case .failure(let error): return error.output
        case .success(let parsed): target = parsed
        }
        do {
            let (status, type, data, cut) = try await fetch(target)
            var text = String(decoding: data, as: UTF8.self)
            var title: String?
            if type.contains("html") || text.prefix(200).lowercased().contains("<html") {
                (title, text) = HTMLText.text(of: text)
            }
            var notes: [String] = []
            if cut { notes.append("the page was cut at \(maxBytes) bytes") }
            if text.count > maxCharacters {
                text = String(text.prefix(maxCharacters))
                notes.append("text cut to \(maxCharacters) characters")
            }
            let header =
                "GET \(target.absoluteString) → \(status) \(type)" + (title.map { "\ntitle: \($0)" } ?? "")
                + (notes.isEmpty ? "" : "\n(\(notes.joined(separator: "; ")))")
            return ToolOutput(
                text: header + "\n\n" + text,
                summary: "fetched \(target.host ?? target.absoluteString) → \(status), \(text.count) characters",
                isError: status >= 400)
        } catch {
            return ToolOutput(
                text: "error: fetching \(target.absoluteString) failed: \(error.localizedDescription)",
                summary: "web_fetch failed: \(target.host ?? "")", isError: true)
        }
    }

    private func url(_ arguments: JSONValue) -> Result<URL, ToolOutputError> {
        guard let text = ToolArguments(json: arguments).string("url"), let url = URL(string: text),
            let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https", url.host != nil
        else {
            return .failure(
                ToolOutputError(
                    ToolOutput(text: "error: web_fetch needs an http or https URL", summary: "bad web_fetch call", isError: true))
            )
        }
        return .success(url)
    }

    /// Status, content type, body (at most `maxBytes`) and whether it was cut; within `timeout`
    /// for the whole fetch, however slowly the page drips.
    private func fetch(_ url: URL) async throws -> (Int, String, Data, Bool) {
        let request = HTTPRequest(url: url, method: "GET", headers: ["User-Agent": "troupe web_fetch"])
        let (transport, limit, maxBytes) = (self.transport, timeout, self.maxBytes)
        return try await withThrowingTaskGroup(of: (Int, String, Data, Bool).self) { group in
            group.addTask {
                let (head, body) = try await transport.send(request)
                var data = Data()
                for try await piece in body {
                    data.append(piece.prefix(max(0, maxBytes - data.count)))
                    // Leaving the loop ends the stream, and the transport cancels the transfer.
                    if data.count >= maxBytes { return (head.status, Self.contentType(head), data, true) }
                }
                try Task.checkCancellation()
                return (head.status, Self.contentType(head), data, false)
            }
            group.addTask {
                try await Task.sleep(for: limit)
                throw TimeLimitReached(seconds: limit.components.seconds)
            }
            defer { group.cancelAll() }
            return try await group.next()!
        }
    }

    private static func contentType(_ head: HTTPResponseHead) -> String {
        (head.header("content-type") ?? "").lowercased()
    }
}

/// The whole fetch took longer than its limit.
struct TimeLimitReached: Error, LocalizedError {
    var seconds: Int64
    var errorDescription: String? { "it took longer than the \(seconds) s limit" }
}
