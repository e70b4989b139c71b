import Foundation
import Synchronization

/// The recorded calls of a session, served to replayed requests: matched by request hash, then
/// by order per agent and purpose. Each answer is held back until the answers recorded before it
/// have been given and the replay has produced as many of the turn's events as the recording had
/// before it arrived, so parallel steps finish in the recorded order. If everything waits and no event comes (the replay diverged),
/// the earliest answer is released after a short quiet period rather than hanging.
final class ReplayCallPool: Sendable {
    private struct Waiter {
        var position: Int
        var responsesBefore: Int
        var continuation: CheckedContinuation<Void, Never>

        func isDue(events: Int, responses: Int) -> Bool {
            events >= position && responses >= responsesBefore
        }
    }

    private struct State {
        /// Unused calls by request hash, and by agent and purpose, oldest first.
        var byHash: [String: [Int]]
        var byRole: [String: [Int]]
        var used: [Bool]
        var turn = 0
        var turnEvents = 0
        var turnResponses = 0
        var waiters: [Int: Waiter] = [:]
        var nextWaiterID = 0
        var quietCheck = 0
    }

    let session: RecordedSession
    private var calls: [RecordedSession.Call] { session.calls }
    private let state: Mutex<State>
    /// How long a fully blocked replay waits before releasing the earliest answer.
    private let quietPeriod: Duration

    init(_ session: RecordedSession, quietPeriod: Duration = .milliseconds(200)) {
        self.session = session
        let calls = session.calls
        var byHash: [String: [Int]] = [:]
        var byRole: [String: [Int]] = [:]
        for (index, call) in calls.enumerated() {
            byHash[call.hash, default: []].append(index)
            byRole[Self.role(call.agent, call.purpose), default: []].append(index)
        }
        self.state = Mutex(State(byHash: byHash, byRole: byRole, used: Array(repeating: false, count: calls.count)))
        self.quietPeriod = quietPeriod
    }

    /// A new turn starts: event counting restarts.
    func startTurn(_ turn: Int) {
        state.withLock {
            $0.turn = turn
            $0.turnEvents = 0
            $0.turnResponses = 0
        }
    }

    /// One replayed event of the current turn; releases the answers it was waiting for.
    func eventReplayed(_ event: TroupeEvent) {
        let isResponse: Bool
        switch event.kind {
        case .modelResponded, .modelFailed: isResponse = true
        default: isResponse = false
        }
        let (ready, stillWaiting) = state.withLock { state -> ([CheckedContinuation<Void, Never>], Bool) in
            state.turnEvents += 1
            if isResponse { state.turnResponses += 1 }
            let ready = Self.takeReady(&state)
            return (ready, !state.waiters.isEmpty)
        }
        ready.forEach { $0.resume() }
        if stillWaiting { scheduleQuietCheck() }
    }

    /// The recorded call for `request`, marked used; nil when none is left.
    func claim(_ request: ChatRequest) -> RecordedSession.Call? {
        let hash = RequestHash.of(request)
        let role = Self.role(request.agent, request.purpose)
        return state.withLock { state -> RecordedSession.Call? in
            func firstUnused(_ key: String, in table: inout [String: [Int]]) -> Int? {
                while let index = table[key]?.first {
                    if !state.used[index] { return index }
                    table[key]?.removeFirst()
                }
                return nil
            }
            guard let index = firstUnused(hash, in: &state.byHash) ?? firstUnused(role, in: &state.byRole) else { return nil }
            state.used[index] = true
            return calls[index]
        }
    }

    private static func role(_ agent: String, _ purpose: RequestPurpose) -> String {
        "\(agent)\u{0}\(purpose.rawValue)"
    }

    /// Waits until the replay reached `call`'s recorded position in its turn.
    func waitForTurn(of call: RecordedSession.Call) async {
        guard let position = call.position else { return }
        let id: Int? = state.withLock { state in
            guard call.turn == state.turn,
                state.turnEvents < position || state.turnResponses < call.responsesBefore
            else { return nil }
            state.nextWaiterID += 1
            return state.nextWaiterID
        }
        guard let id else { return }
        await withCheckedContinuation { continuation in
            let resumeNow = state.withLock { state -> Bool in
                let waiter = Waiter(position: position, responsesBefore: call.responsesBefore, continuation: continuation)
                if waiter.isDue(events: state.turnEvents, responses: state.turnResponses) { return true }
                state.waiters[id] = waiter
                return false
            }
            if resumeNow { continuation.resume() } else { scheduleQuietCheck() }
        }
    }

    private static func takeReady(_ state: inout State) -> [CheckedContinuation<Void, Never>] {
        let ready = state.waiters.filter { $0.value.isDue(events: state.turnEvents, responses: state.turnResponses) }
        for id in ready.keys { state.waiters[id] = nil }
        return ready.values.map(\.continuation)
    }

    /// After a quiet period without any replayed event, releases the earliest waiting answer.
    private func scheduleQuietCheck() {
        let check = state.withLock { state -> (Int, Int) in
            state.quietCheck += 1
            return (state.quietCheck, state.turnEvents)
        }
        let quietPeriod = self.quietPeriod
        Task { [self] in
            try? await Task.sleep(for: quietPeriod)
            let (stuck, more) = state.withLock { state -> (CheckedContinuation<Void, Never>?, Bool) in
                guard state.quietCheck == check.0, state.turnEvents == check.1,
                    let earliest = state.waiters.min(by: { $0.value.position < $1.value.position })
                else { return (nil, false) }
                state.waiters[earliest.key] = nil
                return (earliest.value.continuation, !state.waiters.isEmpty)
            }
            stuck?.resume()
            if more { scheduleQuietCheck() }
        }
    }
}
