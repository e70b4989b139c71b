/// One judged answer of the progress ledger: the answer and the reason for it.
public struct LedgerAnswer<Value: Sendable & Codable & Equatable>: Sendable, Codable, Equatable {
    public var reason: String
    public var answer: Value

    public init(reason: String, answer: Value) {
        self.reason = reason
        self.answer = answer
    }
}
