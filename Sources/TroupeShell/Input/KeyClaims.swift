import Synchronization

/// Keys typed while a turn runs, claimed by a prompt (an approval) while it is open. The turn's
/// key watcher offers each key here first; keys typed while no prompt is open — before one was
/// shown, say — are not answers: they become type-ahead for the next line.
public final class KeyClaims: Sendable {
    private struct State {
        var watching = false
        var open = false
        var buffer: [UInt8] = []
        var waiter: CheckedContinuation<UInt8?, Never>?
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

    /// Opens a prompt: from now on keys are its answers.
    public func open() {
        state.withLock { state in
            state.open = true
            state.buffer = []
        }
    }

    /// Closes the prompt; keys typed past its answer are dropped.
    public func close() {
        state.withLock { state in
            state.open = false
            state.buffer = []
        }
    }

    /// Takes `byte` for the open prompt; false when no prompt is open.
    func deliver(_ byte: UInt8) -> Bool {
        let (taken, waiter) = state.withLock { state -> (Bool, CheckedContinuation<UInt8?, Never>?) in
            guard state.open else { return (false, nil) }
            guard let waiter = state.waiter else {
                state.buffer.append(byte)
                return (true, nil)
            }
            state.waiter = nil
            return (true, waiter)
        }
        waiter?.resume(returning: byte)
        return taken
    }

    /// Ends the open prompt's wait with no key (Ctrl-C).
    func cancel() {
        let waiter = state.withLock { state in
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: nil)
    }

    /// The open prompt's next key; nil when no watcher runs or the user pressed Ctrl-C.
    /// One caller at a time.
    public func next() async -> UInt8? {
        await withCheckedContinuation { continuation in
            let (key, refused) = state.withLock { state -> (UInt8?, Bool) in
                if !state.buffer.isEmpty { return (state.buffer.removeFirst(), false) }
                guard state.watching, state.waiter == nil else { return (nil, true) }
                state.waiter = continuation
                return (nil, false)
            }
            if let key { continuation.resume(returning: key) } else if refused { continuation.resume(returning: nil) }
        }
    }
}
