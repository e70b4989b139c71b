/// Prices by model identifier (`openai/gpt-4.1`), from configuration. Empty means no costs shown.
public struct PriceTable: Sendable, Equatable {
    public var prices: [String: ModelPrice]

    public init(_ prices: [String: ModelPrice] = [:]) {
        self.prices = prices
    }

    /// The cost of `usage` on `model`, or nil when the model has no price.
    public func cost(of usage: TokenUsage, on model: String) -> Double? {
        guard let price = prices[model] else { return nil }
        return (Double(usage.inputTokens) * price.input + Double(usage.outputTokens) * price.output) / 1_000_000
    }
}
