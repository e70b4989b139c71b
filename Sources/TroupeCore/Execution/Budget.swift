/// Limits on one request's model use: tokens, model calls ("turns") and cost in US dollars
/// (priced by the session's price table). Nil means unlimited.
public struct Budget: Sendable, Equatable, Codable {
    public var maxTokens: Int?
    public var maxModelCalls: Int?
    public var maxCostUSD: Double?

    public init(maxTokens: Int? = nil, maxModelCalls: Int? = nil, maxCostUSD: Double? = nil) {
        self.maxTokens = maxTokens
        self.maxModelCalls = maxModelCalls
        self.maxCostUSD = maxCostUSD
    }

    /// No limits.
    public static let unlimited = Budget()
}
