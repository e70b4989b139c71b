import Foundation

/// Limits calls to one provider: at most `maxInFlight` at once and `requestsPerWindow` per
/// window (a minute by default). Waiters are served first come, first served; cancelling a
/// waiting task ends its wait at once.
public actor RateLimiter {
    private let maxInFlight: Int?
    private let requestsPerWindow: Int?
    private let window: Duration
    private var inFlight = 0
    private var waiters: [(id: UUID, continuation: CheckedContinuation<Void, any Error>)] = []
    private var recent: [ContinuousClock.Instant] = []

    public init(maxInFlight: Int? = nil, requestsPerMinute: Int? = nil, window: Duration = .seconds(60)) {
        self.maxInFlight = maxInFlight
        self.requestsPerWindow = requestsPerMinute
        self.window = window
    }

    /// Waits for a slot and for room in the window. Pair every successful call with `release()`.
    public func acquire() async throws {
        try await acquireSlot()
        do {
            try await waitForWindow()
        } catch {
            release()
            throw error
        }
    }

    /// Gives the slot back (to the longest waiter, if any).
    public func release() {
        if waiters.isEmpty {
            inFlight = max(0, inFlight - 1)
        } else {
            waiters.removeFirst().continuation.resume()
        }
    }

    private func acquireSlot() async throws {
        guard let maxInFlight, inFlight >= maxInFlight else {
            inFlight += 1
            return
        }
        let id = UUID()
        // The continuation is registered before any cancellation handler task can reach this
        // actor, so a cancel that races the registration still finds the waiter.
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                waiters.append((id, continuation))
            }
        } onCancel: {
            Task { await self.cancelWaiter(id) }
        }
    }

    private func cancelWaiter(_ id: UUID) {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return }
        waiters.remove(at: index).continuation.resume(throwing: CancellationError())
    }

    private func waitForWindow() async throws {
        guard let requestsPerWindow else { return }
        while true {
            let now = ContinuousClock.now
            recent.removeAll { $0.duration(to: now) >= window }
            if recent.count < requestsPerWindow {
                recent.append(now)
                return
            }
            try await Task.sleep(until: recent[0] + window, clock: .continuous)
        }
    }
}
