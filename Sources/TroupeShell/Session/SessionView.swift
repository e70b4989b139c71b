import Synchronization
public import TroupeCore

/// What the shell knows of the session, rebuilt from events only (never from the
/// orchestrator's internals), so a replayed transcript gives the same `/plan` and `/ledger`.
/// Thread-safe: events arrive on the bus's threads, commands read on the main actor.
public final class SessionView: Sendable {
    private let state = Mutex(SessionState())

    public init() {}

    /// Subscribes the view to `bus`.
    public func follow(_ bus: EventBus) {
        bus.subscribe { [self] event in apply(event) }
    }

    /// The current state.
    public var snapshot: SessionState {
        state.withLock { $0 }
    }

    /// Starts from a state rebuilt elsewhere (a resumed session).
    public func restore(_ restored: SessionState) {
        state.withLock { $0 = restored }
    }

    /// Updates the view with one event.
    public func apply(_ event: TroupeEvent) {
        state.withLock { $0.apply(event) }
    }
}
