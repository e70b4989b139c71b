import Synchronization

/// Where a final answer's streamed pieces go: straight to the bus, or — for an answer written
/// while the progress ledger still judges the last steps — held until `open()`, then released in
/// order. An answer whose gate never opens was not needed and is never shown.
final class AnswerGate: Sendable {
    private let bus: EventBus
    private let state: Mutex<(open: Bool, held: [String])>

    /// A gate on `bus`, open (pieces pass at once) or closed (held until `open()`).
    init(bus: EventBus, open: Bool) {
        self.bus = bus
        self.state = Mutex((open, []))
    }

    /// Publishes `piece`, or holds it while the gate is closed.
    func send(_ piece: String) {
        state.withLock { state in
            if state.open {
                bus.publish(.answerDelta(AnswerDelta(text: piece)))
            } else {
                state.held.append(piece)
            }
        }
    }

    /// Publishes what was held, in order, and lets later pieces pass.
    func open() {
        state.withLock { state in
            guard !state.open else { return }
            state.open = true
            for piece in state.held { bus.publish(.answerDelta(AnswerDelta(text: piece))) }
            state.held = []
        }
    }
}
