import Foundation
import Synchronization
public import TroupeCore

/// A model that misbehaves on purpose, seeded: around a real model (the offline one) it fails
/// calls as an exhausted provider would (503), announces 429 retries and waits them out, answers
/// plans and ledgers with broken JSON, and streams slowly in small pieces. What each call got is
/// counted, for the report.
public final class FaultInjectingModel: ChatModel {
    /// The faults a call can get.
    public enum Fault: String, CaseIterable, Sendable {
        case failure, retryNotice, malformedReply, slowStream
    }

    public let identifier = "chaos"
    private let inner: any ChatModel
    private let random: Mutex<SplitMix64>
    private let counts = Mutex<[Fault: Int]>([:])
    /// How often each fault strikes a call, from 0 to 1.
    private let rate: Double

    /// `inner` with faults drawn from `seed`, each call struck with probability `rate`.
    public init(inner: any ChatModel, seed: UInt64, rate: Double) {
        self.inner = inner
        self.random = Mutex(SplitMix64(seed: seed))
        self.rate = rate
    }

    /// Faults injected so far, by kind.
    public var injected: [Fault: Int] { counts.withLock { $0 } }

    public func stream(_ request: ChatRequest) -> AsyncThrowingStream<ChatDelta, any Error> {
        let drawn = random.withLock { random -> Fault? in
            random.unit() < rate ? Fault.allCases[Int(random.unit() * Double(Fault.allCases.count))] : nil
        }
        // Only plans and ledgers are parsed as JSON; a broken reply to anything else is no fault.
        let fault =
            drawn == .malformedReply && request.purpose != .plan && request.purpose != .progressLedger ? nil : drawn
        if let fault { counts.withLock { $0[fault, default: 0] += 1 } }
        let inner = self.inner
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    switch fault {
                    case .failure?:
                        throw ModelError.scriptedFailure(message: "503 service unavailable (chaos)")
                    case .retryNotice?:
                        continuation.yield(
                            .retrying(RetryNotice(attempt: 1, delay: .milliseconds(2), reason: "429 rate limited (chaos)")))
                        try await Task.sleep(for: .milliseconds(2))
                    case .malformedReply?:
                        continuation.yield(
                            .finished(
                                ChatResponse(
                                    message: ChatMessage(role: .assistant, content: "{\"steps\": [ {\"id\": 1,"),
                                    usage: TokenUsage(outputTokens: 8, estimated: true))))
                        continuation.finish()
                        return
                    default:
                        break
                    }
                    for try await delta in inner.stream(request) {
                        if fault == .slowStream, case .text(let text) = delta {
                            for piece in text.chunked(into: 64) {
                                try await Task.sleep(for: .microseconds(300))
                                continuation.yield(.text(piece))
                            }
                        } else {
                            continuation.yield(delta)
                        }
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}
