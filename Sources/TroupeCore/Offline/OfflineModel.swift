import Foundation

/// The built-in model: deterministic, no network, clearly labelled. It plans by sentence
/// structure, routes by capability, does local file work through the tools it is offered, and
/// says plainly what needs a language model. The engine treats it like any other `ChatModel`.
public struct OfflineModel: ChatModel {
    public let identifier = "offline"

    public init() {}

    /// The line shown wherever the offline model's work is presented.
    public static let label = "offline model: no language model was used"

    public func stream(_ request: ChatRequest) -> AsyncThrowingStream<ChatDelta, any Error> {
        let response = respond(to: request)
        return AsyncThrowingStream { continuation in
            if !response.message.content.isEmpty { continuation.yield(.text(response.message.content)) }
            continuation.yield(.finished(response))
            continuation.finish()
        }
    }

    /// The complete reply to `request`.
    public func respond(to request: ChatRequest) -> ChatResponse {
        let input = request.messages.first { $0.role == .user }?.content ?? ""
        let message: ChatMessage
        var stopReason: StopReason?
        do {
            switch request.purpose {
            case .plan:
                message = .init(
                    role: .assistant,
                    content: try OfflinePlanner.reply(to: ContextBlock.decode(PlanningContext.self, from: input)))
            case .progressLedger:
                message = .init(
                    role: .assistant, content: try OfflineJudge.progress(ContextBlock.decode(ProgressContext.self, from: input)))
            case .replan:
                message = .init(
                    role: .assistant, content: try OfflineJudge.replan(ContextBlock.decode(ReplanContext.self, from: input)))
            case .synthesis:
                message = .init(
                    role: .assistant, content: try OfflineJudge.synthesis(ContextBlock.decode(SynthesisContext.self, from: input))
                )
            case .work:
                let reply = OfflineWorker.reply(brief: try ContextBlock.decode(Brief.self, from: input), request: request)
                message = reply.message
                if reply.needsLanguageModel { stopReason = .needsLanguageModel }
            }
        } catch {
            message = .init(role: .assistant, content: "The offline model could not read this request: \(error).")
        }
        let inputText = request.messages.map(\.content).joined()
        let usage = TokenUsage(
            inputTokens: TokenEstimate.tokens(in: inputText),
            outputTokens: TokenEstimate.tokens(in: message.content + message.toolCalls.map(\.arguments).joined()),
            estimated: true)
        return ChatResponse(message: message, usage: usage, stopReason: stopReason)
    }
}

extension OfflineModel {
    /// How to get a language model instead. Kept in one place so every message agrees.
    public static let providerHint =
        "To use a language model: set OPENAI_API_KEY or ANTHROPIC_API_KEY, run Ollama, "
        + "or pass --model openai/gpt-4.1 | anthropic/claude-sonnet-4-5 | ollama/NAME."
}
