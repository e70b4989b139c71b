import Foundation
import Synchronization

/// A model that answers from a transcript (DESIGN §3's replay model): no network.
struct ReplayModel: ChatModel {
    let identifier: String
    let pool: ReplayCallPool

    init(identifier: String, pool: ReplayCallPool) {
        self.identifier = identifier
        self.pool = pool
    }

    func stream(_ request: ChatRequest) -> AsyncThrowingStream<ChatDelta, any Error> {
        let pool = self.pool
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    guard let call = pool.claim(request) else {
                        throw ReplayError.noRecordedCall(agent: request.agent, purpose: request.purpose)
                    }
                    await pool.waitForTurn(of: call)
                    for backoff in call.backoffs {
                        continuation.yield(
                            .retrying(
                                RetryNotice(
                                    attempt: backoff.attempt, delay: .milliseconds(backoff.delayMs), reason: backoff.reason)))
                    }
                    if let error = call.error { throw ReplayError.recordedFailure(error) }
                    guard let (response, deltas) = try pool.session.answer(of: call) else {
                        guard call.interrupted else {
                            throw ReplayError.unansweredCall(agent: request.agent, purpose: request.purpose)
                        }
                        // In flight when the user interrupted: wait, as it did, to be cancelled.
                        try await Task.sleep(for: .seconds(86_400 * 365))
                        throw CancellationError()
                    }
                    let chunks = deltas.isEmpty ? [response.message.content] : deltas
                    for chunk in chunks where !chunk.isEmpty { continuation.yield(.text(chunk)) }
                    continuation.yield(.finished(response))
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}
