/// Tokens used by one call, as the provider reported them or as estimated.
public struct TokenUsage: Sendable, Codable, Equatable, Hashable {
    public var inputTokens: Int
    public var outputTokens: Int
    /// True when the numbers are estimates (offline model, provider that reports none).
    public var estimated: Bool

    public init(inputTokens: Int = 0, outputTokens: Int = 0, estimated: Bool = false) {
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.estimated = estimated
    }

    /// Input plus output.
    public var total: Int { inputTokens + outputTokens }

    /// The sum of two usages.
    public static func + (lhs: TokenUsage, rhs: TokenUsage) -> TokenUsage {
        TokenUsage(
            inputTokens: lhs.inputTokens + rhs.inputTokens, outputTokens: lhs.outputTokens + rhs.outputTokens,
            estimated: lhs.estimated || rhs.estimated)
    }
}
