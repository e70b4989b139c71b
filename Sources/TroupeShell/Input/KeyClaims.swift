import Synchronization

/// Keys typed while a turn runs, claimed by a prompt that is waiting for one (an approval).
/// The turn's key watcher offers each key here first; what no prompt claims becomes type-ahead.
public final class KeyClaims: Sendable {
    private struct State {
        var waiter: CheckedContinuation<UInt8?, Never>?
        var watching = false
    }

    private let state = Mutex(State())

    public init() {}

    /// Marks whether a key watcher is running (keys can arrive at all).
    func setWatching(_ watching: Bool) {
        let waiter = state.withLock { state -> CheckedContinuation<UInt8?, Never>? in
            state.watching = watching
            guard !watching else { return nil }
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: nil)
    }

    /// Hands `byte` to the waiting prompt; false when none is waiting.
    func deliver(_ byte: UInt8) -> Bool {
        guard
            let waiter = state.withLock({ state in
                defer { state.waiter = nil }; return state.waiter
            })
        else {
            return false
        }
        waiter.resume(returning: byte)
        return true
    }

    /// Ends the wait of the prompt, if any, with no key (Ctrl-C, the turn ended).
    func cancel() {
        let waiter = state.withLock { state in
            defer { state.waiter = nil }; return state.waiter
        }
        waiter?.resume(returning: nil)
    }

    /// The next key typed; nil when no watcher runs, the user pressed Ctrl-C or the turn ended.
    /// One caller at a time.
    public func next() async -> UInt8? {
        await withCheckedContinuation { continuation in
            let refused = state.withLock { state -> Bool in
                guard state.watching, state.waiter == nil else { return true }
                state.waiter = continuation
                return false
            }
            if refused { continuation.resume(returning: nil) }
        }
    }
}
