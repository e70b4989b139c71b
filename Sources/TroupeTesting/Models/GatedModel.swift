import Synchronization
public import TroupeCore

/// A model that holds the calls of one agent until the test opens the gate.
public final class GatedModel: ChatModel {
    /// The model that answers, once the gate lets a call through.
    public let inner: any ChatModel
    /// The agent whose calls wait.
    public let heldAgent: String
    private let gate = Mutex<(open: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    /// `inner`, with the calls of `agent` held until `open()`.
    public init(_ inner: any ChatModel, holding agent: String) {
        self.inner = inner
        self.heldAgent = agent
    }

    public var identifier: String { inner.identifier }

    /// Lets the held calls, and every later one, through.
    public func open() {
        let waiters = gate.withLock { state in
            state.open = true
            defer { state.waiters = [] }
            return state.waiters
        }
        waiters.forEach { $0.resume() }
    }

    public func stream(_ request: ChatRequest) -> AsyncThrowingStream<ChatDelta, any Error> {
        guard request.agent == heldAgent else { return inner.stream(request) }
        return relay(inner, request) { [self] in
            await withCheckedContinuation { waiter in
                let resumeNow = gate.withLock { state in
                    if state.open { return true }
                    state.waiters.append(waiter)
                    return false
                }
                if resumeNow { waiter.resume() }
            }
        }
    }
}
