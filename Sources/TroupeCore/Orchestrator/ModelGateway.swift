import Foundation
import Synchronization

/// Calls the model of the requesting persona and records every request and response on the bus.
public struct ModelGateway: Sendable {
    public let router: ModelRouter
    public let bus: EventBus
    /// Counts every response's usage for the request, and refuses calls past the request's or a
    /// persona's budget.
    public let budget: BudgetTracker
    /// Rate limiters by provider (the part of a model identifier before `/`).
    public let rateLimits: [String: RateLimiter]
    /// How many times an unusable structured reply is asked for again before giving up.
    public var structuredRetries: Int

    /// A gateway routing each persona's calls through `router`.
    public init(
        router: ModelRouter, bus: EventBus, budget: BudgetTracker = BudgetTracker(request: .unlimited),
        rateLimits: [String: RateLimiter] = [:],
        structuredRetries: Int = 2
    ) {
        self.router = router
        self.bus = bus
        self.budget = budget
        self.rateLimits = rateLimits
        self.structuredRetries = structuredRetries
    }

    /// A gateway sending every call to `model`.
    public init(model: any ChatModel, bus: EventBus, structuredRetries: Int = 2) {
        self.init(router: ModelRouter(sessionModel: model), bus: bus, structuredRetries: structuredRetries)
    }

    /// One call; publishes `model.request` and `model.response`.
    /// `onText` sees the reply's text as it streams in.
    public func call(_ request: ChatRequest, onText: @Sendable (String) -> Void = { _ in }) async throws -> ChatResponse {
        try budget.admit(request.agent)
        let model = router.model(for: request.agent)
        let provider = model.identifier.split(separator: "/").first.map(String.init) ?? model.identifier
        let limiter = rateLimits[provider]
        try await limiter?.acquire()
        defer { if let limiter { Task { await limiter.release() } } }
        let hash = request.canonicalHash
        bus.publish(.modelRequested(ModelRequested(agent: request.agent, purpose: request.purpose, hash: hash, request: request)))
        let started = ContinuousClock.now
        let bus = self.bus
        let response: ChatResponse
        do {
            let shown = LiveTail(request: request)
            response = try await RequestHash.$current.withValue(hash) {
                try await model.complete(
                    request,
                    onText: { text in
                        onText(text)
                        shown?.add(text)
                    }
                ) { notice in
                    bus.publish(
                        .modelBackoff(
                            ModelBackoff(
                                agent: request.agent, attempt: notice.attempt, delayMs: notice.delay.milliseconds,
                                reason: notice.reason, hash: hash)))
                }
            }
        } catch {
            if !(error is CancellationError) && !Task.isCancelled {
                bus.publish(
                    .modelFailed(
                        ModelFailed(
                            agent: request.agent, purpose: request.purpose, hash: hash, error: StepExecution.describe(error))))
            }
            throw error
        }
        bus.publish(
            .modelResponded(
                ModelResponded(
                    agent: request.agent, model: model.identifier, purpose: request.purpose, hash: hash, response: response,
                    durationMs: started.duration(to: .now).milliseconds)))
        budget.record(request.agent, usage: response.usage, model: model.identifier)
        return response
    }

    /// Asks for a structured reply, feeding decode and validation errors back to the model.
    /// Returns nil when every attempt was unusable; the caller degrades. Throws only on
    /// cancellation or transport failure. (Every attempt's usage is counted by `budget`.)
    public func structured<T: Decodable>(
        _ request: ChatRequest, as type: T.Type, validate: (T) -> [String] = { _ in [] }
    ) async throws -> T? {
        var request = request
        for attempt in 0...structuredRetries {
            let response = try await call(request)
            let problem: String
            do {
                let value = try StructuredReply.decode(T.self, from: response.message.content)
                let errors = validate(value)
                if errors.isEmpty { return value }
                problem = errors.joined(separator: "; ")
            } catch {
                problem = "\(error)"
            }
            guard attempt < structuredRetries else { break }
            bus.publish(
                .modelRetried(ModelRetried(agent: request.agent, purpose: request.purpose, attempt: attempt + 1, error: problem)))
            request.messages.append(ChatMessage(role: .assistant, content: response.message.content))
            request.messages.append(
                .user("Your reply could not be used: \(problem). Reply again with exactly one JSON object that fixes this."))
        }
        return nil
    }
}

extension Duration {
    /// Whole nanoseconds.
    public var nanoseconds: Int64 {
        components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000
    }

    /// Whole milliseconds.
    public var milliseconds: Int {
        let (seconds, attoseconds) = components
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    }
}

/// A worker's reply as it streams, reported line by line to `LiveActivity.reporter` (display only).
private final class LiveTail: Sendable {
    private let agent: String
    private let report: @Sendable (String, String) -> Void
    private let pending = Mutex("")

    /// A tail for `request`, or nil when nobody watches or it is not a worker's call.
    init?(request: ChatRequest) {
        guard request.purpose == .work, let reporter = LiveActivity.reporter else { return nil }
        self.agent = request.agent
        self.report = reporter.send
    }

    func add(_ text: String) {
        let line = pending.withLock { pending -> String in
            pending += text
            if let newline = pending.lastIndex(of: "\n") {
                let before = pending[..<newline]
                pending = String(pending[pending.index(after: newline)...])
                if pending.isEmpty { return String(before.split(separator: "\n").last ?? "") }
            }
            return pending
        }
        if !line.trimmingCharacters(in: .whitespaces).isEmpty { report(agent, line) }
    }
}
