public import TroupeCore

/// `inner`'s answer to `request`, streamed once `first` returns (a gate, an order a test needs),
/// each delta passed through `transform`; `finished` runs after the last one.
public func relay(
    _ inner: any ChatModel, _ request: ChatRequest, after first: @escaping @Sendable () async -> Void,
    transform: @escaping @Sendable (ChatDelta) -> [ChatDelta] = { [$0] }, finished: @escaping @Sendable () -> Void = {}
) -> AsyncThrowingStream<ChatDelta, any Error> {
    AsyncThrowingStream { continuation in
        let task = Task {
            await first()
            do {
                for try await delta in inner.stream(request) { transform(delta).forEach { continuation.yield($0) } }
                finished()
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
    }
}
