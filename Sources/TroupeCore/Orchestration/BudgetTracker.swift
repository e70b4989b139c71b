import Synchronization

/// Limits on one request's model use: tokens and model calls ("turns"). Nil means unlimited.
public struct Budget: Sendable, Equatable, Codable {
    public var maxTokens: Int?
    public var maxModelCalls: Int?

    public init(maxTokens: Int? = nil, maxModelCalls: Int? = nil) {
        self.maxTokens = maxTokens
        self.maxModelCalls = maxModelCalls
    }

    /// No limits.
    public static let unlimited = Budget()
}

/// Counts a request's tokens and model calls, in total and per persona, and refuses calls past
/// a limit. Thread-safe; reset at the start of each request.
public final class BudgetTracker: Sendable {
    private struct Usage {
        var tokens = 0
        var calls = 0
    }

    private struct State {
        var total = Usage()
        var perPersona: [String: Usage] = [:]
        var exhausted: String?
    }

    private let request: Budget
    private let personas: [String: Budget]
    private let state = Mutex(State())

    /// A tracker enforcing `request` for the whole request and `personas` for each persona.
    public init(request: Budget, personas: [String: Budget] = [:]) {
        self.request = request
        self.personas = personas
    }

    /// Starts a new request.
    public func reset() {
        state.withLock { $0 = State() }
    }

    /// Throws `budgetExhausted` if `persona` may not make another call.
    public func admit(_ persona: String) throws {
        try state.withLock { state in
            if let reason = Self.overrun(state.total, request, scope: "request") {
                state.exhausted = reason
                throw OrchestrationError.budgetExhausted(reason: reason)
            }
            if let budget = personas[persona],
                let reason = Self.overrun(state.perPersona[persona] ?? Usage(), budget, scope: persona)
            {
                throw OrchestrationError.budgetExhausted(reason: reason)
            }
        }
    }

    /// Adds one finished call of `persona`.
    public func record(_ persona: String, tokens: Int) {
        state.withLock { state in
            state.total.tokens += tokens
            state.total.calls += 1
            state.perPersona[persona, default: Usage()].tokens += tokens
            state.perPersona[persona, default: Usage()].calls += 1
        }
    }

    /// Why the request's own budget ran out, once it has.
    public var requestExhaustedReason: String? {
        state.withLock { state in state.exhausted ?? Self.overrun(state.total, request, scope: "request") }
    }

    private static func overrun(_ usage: Usage, _ budget: Budget, scope: String) -> String? {
        if let limit = budget.maxTokens, usage.tokens >= limit {
            return "\(scope) token budget of \(limit) reached (\(usage.tokens) used)"
        }
        if let limit = budget.maxModelCalls, usage.calls >= limit {
            return "\(scope) budget of \(limit) model calls reached"
        }
        return nil
    }
}
