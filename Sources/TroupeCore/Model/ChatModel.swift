public import Foundation

/// A language model, or something that answers like one (offline, scripted, replay).
///
/// Implementations must be safe to call from many tasks at once: the orchestrator runs
/// independent steps concurrently. Cancelling the consuming task must end the stream promptly.
///
/// A model of one's own needs an identifier and a stream that ends with one `.finished`:
///
/// ```swift
/// struct EchoModel: ChatModel {
///     let identifier = "echo"
///
///     func stream(_ request: ChatRequest) -> AsyncThrowingStream<ChatDelta, any Error> {
///         let text = request.messages.last?.content ?? ""
///         return AsyncThrowingStream { continuation in
///             continuation.yield(.text(text))
///             let message = ChatMessage(role: .assistant, content: text)
///             continuation.yield(.finished(ChatResponse(message: message, usage: TokenUsage(outputTokens: 1))))
///             continuation.finish()
///         }
///     }
/// }
///
/// let request = ChatRequest(agent: "writer", purpose: .work, messages: [.user("hello")])
/// let reply = try await EchoModel().complete(request)  // reply.message.content == "hello"
/// ```
public protocol ChatModel: Sendable {
    /// `provider/model`, `offline` or `script:FILE`: shown in the banner and recorded.
    var identifier: String { get }
    /// Streams the reply to `request`: text deltas, then exactly one `.finished`.
    func stream(_ request: ChatRequest) -> AsyncThrowingStream<ChatDelta, any Error>
}

extension ChatModel {
    /// Collects the whole reply, passing text deltas to `onText` as they arrive.
    public func complete(
        _ request: ChatRequest, onText: @Sendable (String) -> Void = { _ in },
        onRetry: @Sendable (RetryNotice) -> Void = { _ in }
    ) async throws -> ChatResponse {
        for try await delta in stream(request) {
            switch delta {
            case .text(let text): onText(text)
            case .retrying(let notice): onRetry(notice)
            case .finished(let response): return response
            }
        }
        try Task.checkCancellation()
        throw ModelError.incompleteStream(model: identifier)
    }
}

/// Failures common to every model.
public enum ModelError: Error, Equatable, Sendable, LocalizedError {
    /// The stream ended without a final message.
    case incompleteStream(model: String)
    /// A scripted model has no response left that fits the request.
    case scriptExhausted(path: String, agent: String, purpose: String)
    /// A script file could not be read or parsed.
    case invalidScript(path: String, message: String)
    /// A scripted failure (used to test recovery paths).
    case scriptedFailure(message: String)
}

extension ModelError: CustomStringConvertible {
    public var errorDescription: String? { description }

    public var description: String {
        switch self {
        case .incompleteStream(let model):
            return "model \(model) ended its reply without finishing it"
        case .scriptExhausted(let path, let agent, let purpose):
            return "\(path): no scripted response left for \(agent) (\(purpose)); add one to the script"
        case .invalidScript(let path, let message):
            return "\(path): \(message)"
        case .scriptedFailure(let message):
            return message
        }
    }
}
