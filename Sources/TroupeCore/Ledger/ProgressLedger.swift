/// Magentic-One's progress ledger, updated after each step (inner loop).
public struct ProgressLedger: Sendable, Codable, Equatable {
    public var isRequestSatisfied: LedgerAnswer<Bool>
    public var isInLoop: LedgerAnswer<Bool>
    public var isProgressBeingMade: LedgerAnswer<Bool>
    /// The persona that should act next, or `none`.
    public var nextSpeaker: LedgerAnswer<String>
    public var instructionOrQuestion: LedgerAnswer<String>

    public init(
        isRequestSatisfied: LedgerAnswer<Bool>, isInLoop: LedgerAnswer<Bool>,
        isProgressBeingMade: LedgerAnswer<Bool>, nextSpeaker: LedgerAnswer<String>,
        instructionOrQuestion: LedgerAnswer<String>
    ) {
        self.isRequestSatisfied = isRequestSatisfied
        self.isInLoop = isInLoop
        self.isProgressBeingMade = isProgressBeingMade
        self.nextSpeaker = nextSpeaker
        self.instructionOrQuestion = instructionOrQuestion
    }

    enum CodingKeys: String, CodingKey {
        case isRequestSatisfied = "is_request_satisfied"
        case isInLoop = "is_in_loop"
        case isProgressBeingMade = "is_progress_being_made"
        case nextSpeaker = "next_speaker"
        case instructionOrQuestion = "instruction_or_question"
    }
}
