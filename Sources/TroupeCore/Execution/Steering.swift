import Synchronization

/// Overrides the user gives while a plan runs: posted from any task, applied by the scheduler
/// before it next launches steps (the only moment a pending step's persona matters). Also holds
/// the pause switch, a way to cancel one running step, and the wake-up the scheduler waits on
/// while nothing runs but the plan is paused.
final class Steering: Sendable {
    private struct State {
        var overrides: [UserOverride] = []
        var paused = false
        var running: [Int: @Sendable () -> Void] = [:]
        var waiter: CheckedContinuation<Void, Never>?
        var signalled = false
    }

    private let state = Mutex(State())

    /// Posts `override` and wakes the scheduler.
    func post(_ override: UserOverride) {
        state.withLock { $0.overrides.append(override) }
        wake()
    }

    /// The overrides posted since the last call, oldest first.
    func take() -> [UserOverride] {
        state.withLock { state in
            defer { state.overrides = [] }
            return state.overrides
        }
    }

    /// Puts back overrides that could not be applied yet (a retry of a step still running).
    func putBack(_ overrides: [UserOverride]) {
        guard !overrides.isEmpty else { return }
        state.withLock { $0.overrides.insert(contentsOf: overrides, at: 0) }
    }

    /// Whether new steps are held back.
    var isPaused: Bool { state.withLock { $0.paused } }

    /// Holds back (or lets go) new steps; returns false if it already was so.
    func setPaused(_ paused: Bool) -> Bool {
        let changed = state.withLock { state in
            defer { state.paused = paused }
            return state.paused != paused
        }
        if changed { wake() }
        return changed
    }

    /// Forgets the previous turn's overrides and pause.
    func reset() {
        state.withLock { state in
            state.overrides = []
            state.paused = false
            state.signalled = false
        }
    }

    /// Records how to cancel running step `step`, until `untrack`.
    func track(_ step: Int, cancel: @escaping @Sendable () -> Void) {
        state.withLock { $0.running[step] = cancel }
    }

    func untrack(_ step: Int) {
        _ = state.withLock { $0.running.removeValue(forKey: step) }
    }

    /// Cancels running step `step`; false when it is not running.
    func cancelRunning(_ step: Int) -> Bool {
        guard let cancel = state.withLock({ $0.running[step] }) else { return false }
        cancel()
        return true
    }

    /// Returns at the next override or pause change (at once if one came since the last
    /// return), or when the waiting task is cancelled. One waiter at a time: the scheduler.
    func changed() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let now = state.withLock { state -> Bool in
                    if state.signalled || Task.isCancelled {
                        state.signalled = false
                        return true
                    }
                    state.waiter = continuation
                    return false
                }
                if now { continuation.resume() }
            }
        } onCancel: {
            state.withLock { state in
                defer { state.waiter = nil }
                return state.waiter
            }?.resume()
        }
    }

    private func wake() {
        let waiter = state.withLock { state in
            defer { state.waiter = nil }
            if state.waiter == nil { state.signalled = true }
            return state.waiter
        }
        waiter?.resume()
    }
}
