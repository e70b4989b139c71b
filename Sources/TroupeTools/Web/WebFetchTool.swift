import Foundation
import Synchronization
import TroupeCore

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `web_fetch`: an HTTP(S) GET whose page comes back as text (HTML reduced to its readable text),
/// within a size and a time limit. It sends a request out of the machine, so it is approved like
/// a command (`permission_mode`), and only `http` and `https` URLs are fetched.
public struct WebFetchTool: WorkerTool {
    public let effect = ToolEffect.readsTheNetwork
    let maxBytes: Int
    let timeout: Duration
    let maxCharacters: Int

    public init(maxBytes: Int = 2_000_000, timeout: Duration = .seconds(20), maxCharacters: Int = 20_000) {
        self.maxBytes = maxBytes
        self.timeout = timeout
        self.maxCharacters = maxCharacters
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

    /// Status, content type, body (at most `maxBytes`) and whether it was cut.
    private func fetch(_ url: URL) async throws -> (Int, String, Data, Bool) {
        var request = URLRequest(url: url)
        request.timeoutInterval = Double(timeout.components.seconds)
        request.setValue("troupe web_fetch", forHTTPHeaderField: "User-Agent")
        let collector = CappedBody(cap: maxBytes)
        let session = URLSession(configuration: .ephemeral, delegate: collector, delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        let task = session.dataTask(with: request)
        // `timeoutInterval` is an idle limit; this is the whole fetch's, however slowly it drips.
        let (limit, seconds) = (timeout, timeout.components.seconds)
        let deadline = Task {
            try await Task.sleep(for: limit)
            collector.expire(after: seconds)
            task.cancel()
        }
        defer { deadline.cancel() }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                collector.start(continuation)
                task.resume()
            }
        } onCancel: {
            task.cancel()
        }
    }
}

/// Collects a response body up to a cap, then stops the transfer.
private final class CappedBody: NSObject, URLSessionDataDelegate, Sendable {
    private struct State {
        var continuation: CheckedContinuation<(Int, String, Data, Bool), any Error>?
        var status = 0
        var type = ""
        var data = Data()
        var cut = false
        /// Set when the fetch's total time limit ended it.
        var expired: TimeLimitReached?
    }

    /// The whole fetch took longer than its limit.
    struct TimeLimitReached: Error, LocalizedError {
        var seconds: Int64
        var errorDescription: String? { "it took longer than the \(seconds) s limit" }
    }

    private let cap: Int
    private let state = Mutex(State())

    init(cap: Int) {
        self.cap = cap
    }

    func start(_ continuation: CheckedContinuation<(Int, String, Data, Bool), any Error>) {
        state.withLock { $0.continuation = continuation }
    }

    /// Marks the fetch as ended by its total limit of `seconds` (the transfer is cancelled next).
    func expire(after seconds: Int64) {
        state.withLock { $0.expired = TimeLimitReached(seconds: seconds) }
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void
    ) {
        let http = response as? HTTPURLResponse
        state.withLock {
            $0.status = http?.statusCode ?? 0
            $0.type = (http?.value(forHTTPHeaderField: "Content-Type") ?? "").lowercased()
        }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let full = state.withLock { state -> Bool in
            state.data.append(data.prefix(max(0, cap - state.data.count)))
            if state.data.count >= cap { state.cut = true }
            return state.cut
        }
        if full { dataTask.cancel() }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        let (continuation, result, expired) = state.withLock { state in
            defer { state.continuation = nil }
            return (state.continuation, (state.status, state.type, state.data, state.cut), state.expired)
        }
        if let expired, !result.3 {
            continuation?.resume(throwing: expired)
        } else if let error, !result.3 {
            continuation?.resume(throwing: error)
        } else {
            continuation?.resume(returning: result)
        }
    }
}
