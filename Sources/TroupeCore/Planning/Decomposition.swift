/// The plan (or direct answer) for a request, with the task ledger it starts.
public struct Decomposition: Sendable, Equatable {
    public var ledger: TaskLedger
    /// Set on the fast path: the request needed no plan, and the ledger's facts say why.
    public var directAnswer: String?
}
