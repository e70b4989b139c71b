public import Foundation
import Synchronization

/// Fans events out to subscribers in publication order, numbering them.
///
/// Thread-safe: `publish` may be called from any task. Subscribers run synchronously under the
/// bus's lock, so every subscriber sees the same order and a transcript line is written before
/// `publish` returns. Subscribers must not publish.
///
/// ```swift
/// let bus = EventBus()
/// bus.subscribe { event in print(event.seq, event.kind.type) }
/// bus.publish(.userInput(UserInput(text: "hello")))  // prints "1 user.input"
/// ```
public final class EventBus: Sendable {
    /// Receives each event once, in order.
    public typealias Subscriber = @Sendable (TroupeEvent) -> Void

    private struct State {
        var nextSeq = 1
        var subscribers: [Subscriber] = []
        var history: [TroupeEvent] = []
    }

    private let state = Mutex(State())
    private let clock: @Sendable () -> Date
    private let keepsHistory: Bool

    /// A bus; `clock` stamps events, `keepsHistory` retains every event (tests and tools that
    /// inspect a run; off by default, as a session's events include whole model requests).
    /// A resumed session numbers its events after `lastSeq`.
    public init(clock: @escaping @Sendable () -> Date = Date.init, keepsHistory: Bool = false, lastSeq: Int = 0) {
        self.clock = clock
        self.keepsHistory = keepsHistory
        state.withLock { $0.nextSeq = lastSeq + 1 }
    }

    /// Adds a subscriber for events published from now on.
    public func subscribe(_ subscriber: @escaping Subscriber) {
        state.withLock { $0.subscribers.append(subscriber) }
    }

    /// Publishes `kind` and returns the numbered event.
    @discardableResult
    public func publish(_ kind: EventKind) -> TroupeEvent {
        state.withLock { state in
            let event = TroupeEvent(seq: state.nextSeq, timestamp: clock(), kind: kind)
            state.nextSeq += 1
            if keepsHistory { state.history.append(event) }
            for subscriber in state.subscribers { subscriber(event) }
            return event
        }
    }

    /// Every event published so far (empty when history is off).
    public var history: [TroupeEvent] {
        state.withLock { $0.history }
    }
}
