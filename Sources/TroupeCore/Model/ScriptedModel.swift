public import Foundation
import Synchronization

/// A model that answers from a script, for tests and for users (`--model script:FILE`).
///
/// Each entry answers the first request it fits (by `agent` and `purpose`, when given), in file
/// order, once. Entries can return text, tool calls, or an error, after an optional delay, so
/// any orchestration path can be driven deterministically. Thread-safe.
///
/// ```swift
/// let model = ScriptedModel(entries: [
///     ScriptedModel.Entry(agent: "writer", text: "Leaves fall, one by one."),
///     ScriptedModel.Entry(agent: "coder", error: "provider down"),
/// ])
/// let haiku = try await model.complete(ChatRequest(agent: "writer", purpose: .work, messages: [.user("A haiku?")]))
/// // haiku.message.content == "Leaves fall, one by one."; the coder's call throws ModelError
/// ```
public final class ScriptedModel: ChatModel {
    /// One scripted reply.
    public struct Entry: Sendable, Codable, Equatable {
        public var agent: String?
        public var purpose: RequestPurpose?
        public var text: String?
        public var toolCalls: [ScriptedToolCall]?
        /// Fail the call with this message instead of answering.
        public var error: String?
        public var delayMs: Int?
        /// Retry notices to announce before answering, as a provider client does after a 429 or
        /// 5xx (`[{"reason": "429 rate limited", "delay_ms": 20}]`); each waits its delay.
        public var retries: [ScriptedRetry]?

        public init(
            agent: String? = nil, purpose: RequestPurpose? = nil, text: String? = nil, toolCalls: [ScriptedToolCall]? = nil,
            error: String? = nil, delayMs: Int? = nil
        ) {
            self.agent = agent
            self.purpose = purpose
            self.text = text
            self.toolCalls = toolCalls
            self.error = error
            self.delayMs = delayMs
        }

        enum CodingKeys: String, CodingKey {
            case agent, purpose, text, error
            case retries
            case toolCalls = "tool_calls"
            case delayMs = "delay_ms"
        }

        func fits(_ request: ChatRequest) -> Bool {
            (agent == nil || agent == request.agent) && (purpose == nil || purpose == request.purpose)
        }
    }

    /// A retry the scripted call announces before it answers.
    public struct ScriptedRetry: Sendable, Codable, Equatable {
        public var reason: String
        public var delayMs: Int

        enum CodingKeys: String, CodingKey {
            case reason
            case delayMs = "delay_ms"
        }
    }

    /// A scripted tool call; `arguments` is a JSON object.
    public struct ScriptedToolCall: Sendable, Codable, Equatable {
        public var name: String
        public var arguments: JSONValue?

        public init(name: String, arguments: JSONValue? = nil) {
            self.name = name
            self.arguments = arguments
        }
    }

    public let identifier: String
    private let path: String
    private let remaining: Mutex<[Entry]>

    /// A model answering with `entries`; `name` identifies the script in messages.
    public init(entries: [Entry], name: String = "inline") {
        self.identifier = "script:\(name)"
        self.path = name
        self.remaining = Mutex(entries)
    }

    /// Loads a script: a JSON array of entries, or JSON Lines (one entry a line, `#` comments).
    /// `name` (default: the file's path) becomes the identifier `script:NAME`.
    public convenience init(contentsOf url: URL, name: String? = nil) throws {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw ModelError.invalidScript(path: url.path, message: "cannot read: \(error.localizedDescription)")
        }
        self.init(entries: try Self.parse(text, path: url.path), name: name ?? url.path)
    }

    static func parse(_ text: String, path: String) throws -> [Entry] {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("[") {
            do { return try JSONCoding.decode([Entry].self, from: trimmed) } catch {
                throw ModelError.invalidScript(path: path, message: "not a JSON array of entries: \(error)")
            }
        }
        var entries: [Entry] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let content = line.trimmingCharacters(in: .whitespaces)
            guard !content.isEmpty, !content.hasPrefix("#") else { continue }
            do { entries.append(try JSONCoding.decode(Entry.self, from: content)) } catch {
                throw ModelError.invalidScript(path: "\(path):\(index + 1)", message: "not a script entry: \(error)")
            }
        }
        return entries
    }

    /// Entries not used yet.
    public var unusedEntries: [Entry] {
        remaining.withLock { $0 }
    }

    public func stream(_ request: ChatRequest) -> AsyncThrowingStream<ChatDelta, any Error> {
        let entry = remaining.withLock { entries -> Entry? in
            guard let index = entries.firstIndex(where: { $0.fits(request) }) else { return nil }
            return entries.remove(at: index)
        }
        let path = self.path
        // Unfolding runs in the consumer's task, so cancelling the consumer interrupts the delay
        // directly; no inner task has to be told.
        let pending = PendingDeltas()
        return AsyncThrowingStream(unfolding: {
            if !pending.isLoaded {
                guard let entry else {
                    throw ModelError.scriptExhausted(path: path, agent: request.agent, purpose: request.purpose.rawValue)
                }
                if let delay = entry.delayMs { try await Task.sleep(for: .milliseconds(delay)) }
                if let error = entry.error { throw ModelError.scriptedFailure(message: error) }
                let response = Self.response(for: entry, request: request)
                let retries = (entry.retries ?? []).enumerated().map { index, retry in
                    ChatDelta.retrying(RetryNotice(attempt: index + 1, delay: .milliseconds(retry.delayMs), reason: retry.reason))
                }
                pending.load(
                    retries + (response.message.content.isEmpty ? [] : [.text(response.message.content)]) + [.finished(response)])
            }
            if let wait = pending.takeWait() { try await Task.sleep(for: wait) }
            let next = pending.next()
            if case .retrying(let notice)? = next { pending.setWait(notice.delay) }
            return next
        })
    }

    private static func response(for entry: Entry, request: ChatRequest) -> ChatResponse {
        let calls = (entry.toolCalls ?? []).enumerated().map { index, call in
            ToolCall(
                id: "call_\(index + 1)", name: call.name,
                arguments: (try? JSONCoding.string(call.arguments ?? .object([:]))) ?? "{}")
        }
        let text = entry.text ?? ""
        let usage = TokenUsage(
            inputTokens: TokenEstimate.tokens(in: request.messages.map(\.content).joined()),
            outputTokens: TokenEstimate.tokens(in: text), estimated: true)
        return ChatResponse(message: ChatMessage(role: .assistant, content: text, toolCalls: calls), usage: usage)
    }
}

/// The deltas of one scripted reply, handed out one per `next()`. A class so the unfolding
/// closure can share it; `next()` is never called concurrently, the lock only satisfies Sendable.
private final class PendingDeltas: Sendable {
    private let deltas = Mutex<[ChatDelta]?>(nil)
    /// The delay announced by the last retry notice, waited before the next delta.
    private let wait = Mutex<Duration?>(nil)

    func setWait(_ delay: Duration) {
        wait.withLock { $0 = delay }
    }

    func takeWait() -> Duration? {
        wait.withLock { value in
            defer { value = nil }
            return value
        }
    }

    var isLoaded: Bool { deltas.withLock { $0 != nil } }

    func load(_ items: [ChatDelta]) {
        deltas.withLock { $0 = items }
    }

    func next() -> ChatDelta? {
        deltas.withLock { items in
            guard let first = items?.first else { return nil }
            items?.removeFirst()
            return first
        }
    }
}
