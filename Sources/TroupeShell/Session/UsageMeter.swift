import Foundation
import Synchronization
public import TroupeCore

/// Tokens and cost per turn and per session, counted from `model.response` events.
/// Thread-safe: events arrive on the bus's threads.
public final class UsageMeter: Sendable {
    /// Totals of one span (a turn, the session).
    public struct Totals: Sendable, Equatable {
        public var tokens = 0
        /// Nil until a priced model answers.
        public var cost: Double?
    }

    private struct State {
        var turn = Totals()
        var session = Totals()
    }

    private let prices: PriceTable
    private let state = Mutex(State())

    public init(prices: PriceTable) {
        self.prices = prices
    }

    /// Updates the totals with one event.
    public func apply(_ event: TroupeEvent) {
        switch event.kind {
        case .userInput:
            state.withLock { $0.turn = Totals() }
        case .modelResponded(let response):
            let cost = prices.cost(of: response.response.usage, on: response.model)
            state.withLock { state in
                for keyPath in [\State.turn, \State.session] {
                    state[keyPath: keyPath].tokens += response.response.usage.total
                    if let cost { state[keyPath: keyPath].cost = (state[keyPath: keyPath].cost ?? 0) + cost }
                }
            }
        default:
            break
        }
    }

    /// The current turn's and the session's totals.
    public var totals: (turn: Totals, session: Totals) {
        state.withLock { ($0.turn, $0.session) }
    }

    /// `usage  this turn 8.4k tok · $0.0123 · session 20.1k tok · $0.0456`.
    public func line(style: TextStyle) -> String {
        let (turn, session) = totals
        func describe(_ totals: Totals) -> String {
            EventRenderer.tokens(totals.tokens) + (totals.cost.map { String(format: " · $%.4f", $0) } ?? "")
        }
        return style.dim("usage  this turn \(describe(turn)) · session \(describe(session))")
    }
}
