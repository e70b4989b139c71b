import Synchronization

/// The handoff protocol's bookkeeping: names handoffs, enforces their state transitions and
/// publishes each one as an event. Safe to use from steps running in parallel (no actor hop:
/// a lock held for a dictionary update). Finished handoffs are forgotten; the events keep them.
///
/// Ids follow the step, not the clock: the first handoff of step 3 is `h3`, its retries,
/// fallbacks and nested handoffs `h3.2`, `h3.3`, … — so parallel steps get the same ids in
/// every run and a replay can be compared with its recording. Handoffs outside a plan (`@persona`
/// requests) are `d1`, `d2`, … in session order.
final class HandoffTracker: Sendable {
    private struct Open {
        var state: HandoffState
        var to: String
        var step: Int?
        var parent: String?
    }

    private let bus: EventBus
    private let direct = Atomic<Int>(0)
    /// Handoffs made so far per step.
    private let perStep = Mutex<[Int: Int]>([:])
    private let open = Mutex<[String: Open]>([:])

    init(bus: EventBus) {
        self.bus = bus
    }

    /// Starts a handoff of `brief` from `from` to `to`; returns its id.
    func initiate(from: String, to: String, brief: Brief, reason: String? = nil, parent: String? = nil) -> String {
        let id: String
        if let step = brief.step {
            let count = perStep.withLock { counts in
                counts[step, default: 0] += 1
                return counts[step]!
            }
            id = count == 1 ? "h\(step)" : "h\(step).\(count)"
        } else {
            id = "d\(direct.add(1, ordering: .relaxed).newValue)"
        }
        open.withLock { $0[id] = Open(state: .initiated, to: to, step: brief.step, parent: parent) }
        bus.publish(
            .handoffInitiated(
                HandoffInitiated(
                    handoff: id, from: from, to: to, step: brief.step, briefTokens: brief.estimatedTokens,
                    facts: brief.facts.count, dependencies: brief.dependencyResults.count, reason: reason, parent: parent,
                    brief: brief)))
        return id
    }

    /// The receiver starts work.
    func accept(_ id: String) throws {
        let handoff = try move(id, to: .accepted)
        bus.publish(.handoffAccepted(HandoffAccepted(handoff: id, to: handoff.to, step: handoff.step)))
    }

    /// Refused before any work; roll it back next.
    func reject(_ id: String, reason: String) throws {
        let handoff = try move(id, to: .rejected)
        bus.publish(.handoffRejected(HandoffRejected(handoff: id, to: handoff.to, step: handoff.step, reason: reason)))
    }

    /// The receiver came back with `output`: done, or (`status` `.needsModel`) an answer that the
    /// work is beyond its model.
    func complete(
        _ id: String, from: String, to: String, output: String, tokens: Int, durationMs: Int, status: StepState = .done
    ) throws {
        let handoff = try move(id, to: .completed)
        bus.publish(
            .handoffCompleted(
                HandoffCompleted(
                    handoff: id, from: from, to: to, step: handoff.step, status: status, durationMs: durationMs, tokens: tokens,
                    output: output)))
    }

    /// The receiver failed or was cancelled (`status`); roll it back next.
    func fail(
        _ id: String, from: String, to: String, status: StepState, error: String, tokens: Int, durationMs: Int
    ) throws {
        let handoff = try move(id, to: .failed)
        bus.publish(
            .handoffCompleted(
                HandoffCompleted(
                    handoff: id, from: from, to: to, step: handoff.step, status: status, durationMs: durationMs, tokens: tokens,
                    output: error)))
    }

    /// Undoes a rejected or failed handoff; its step is pending again.
    func rollback(_ id: String, reason: String) throws {
        let handoff = try move(id, to: .rolledBack)
        bus.publish(
            .handoffRolledBack(
                HandoffRolledBack(handoff: id, to: handoff.to, step: handoff.step, reason: reason, parent: handoff.parent)))
    }

    /// How many handoffs step `step` has made so far (its own, retries and everything delegated).
    func count(forStep step: Int) -> Int {
        perStep.withLock { $0[step] ?? 0 }
    }

    /// Starts a new request: step numbering begins again.
    func reset() {
        perStep.withLock { $0 = [:] }
    }

    /// The state of a handoff still in progress; nil once it is final (or unknown).
    func state(of id: String) -> HandoffState? {
        open.withLock { $0[id]?.state }
    }

    private func move(_ id: String, to next: HandoffState) throws -> Open {
        try open.withLock { open in
            guard var handoff = open[id] else { throw HandoffError.unknownHandoff(id) }
            guard handoff.state.successors.contains(next) else {
                throw HandoffError.invalidTransition(handoff: id, from: handoff.state, to: next)
            }
            handoff.state = next
            if next.isFinal { open[id] = nil } else { open[id] = handoff }
            return handoff
        }
    }
}
