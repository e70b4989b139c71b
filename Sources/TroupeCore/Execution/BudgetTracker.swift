import Foundation
import Synchronization

/// Counts a request's tokens, model calls and cost, in total and per persona, and refuses calls
/// past a limit. Thread-safe; reset at the start of each request.
public final class BudgetTracker: Sendable {
    private struct Usage {
        var tokens = 0
        var calls = 0
        var cost = 0.0
    }

    private struct State {
        var total = Usage()
        var perPersona: [String: Usage] = [:]
        var exhausted: String?
    }

    private let request: Budget
    private let personas: [String: Budget]
    private let prices: PriceTable
    private let state = Mutex(State())

    /// A tracker enforcing `request` for the whole request and `personas` for each persona,
    /// pricing calls by `prices` (a model without a price costs nothing).
    public init(request: Budget, personas: [String: Budget] = [:], prices: PriceTable = PriceTable()) {
        self.request = request
        self.personas = personas
        self.prices = prices
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

    /// Adds one finished call of `persona` to `model`.
    public func record(_ persona: String, usage: TokenUsage, model: String) {
        let cost = prices.cost(of: usage, on: model) ?? 0
        state.withLock { state in
            state.total.tokens += usage.total
            state.total.calls += 1
            state.total.cost += cost
            state.perPersona[persona, default: Usage()].tokens += usage.total
            state.perPersona[persona, default: Usage()].calls += 1
            state.perPersona[persona, default: Usage()].cost += cost
        }
    }

    /// The request's tokens so far: every model response's, tool-call rounds, retries and failed
    /// workers' included.
    public var spentTokens: Int {
        state.withLock { $0.total.tokens }
    }

    /// The request's cost so far in US dollars.
    public var spentUSD: Double {
        state.withLock { $0.total.cost }
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
        if let limit = budget.maxCostUSD, usage.cost >= limit {
            return "\(scope) cost budget of $\(Self.dollars(limit)) reached ($\(Self.dollars(usage.cost)) spent)"
        }
        return nil
    }

    private static func dollars(_ amount: Double) -> String {
        String(format: "%.4f", amount)
    }
}
