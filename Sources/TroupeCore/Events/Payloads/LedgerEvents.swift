/// The task ledger changed.
public struct TaskLedgerUpdated: EventPayload {
    public static let eventType = "ledger.task_updated"
    public var eventKind: EventKind { .taskLedgerUpdated(self) }

    public var ledger: TaskLedger

    public init(ledger: TaskLedger) {
        self.ledger = ledger
    }
}

/// The progress ledger was updated after a step.
public struct ProgressLedgerUpdated: EventPayload {
    public static let eventType = "ledger.progress_updated"
    public var eventKind: EventKind { .progressLedgerUpdated(self) }

    /// The last of the steps this entry judged.
    public var afterStep: Int
    public var ledger: ProgressLedger
    public var done: Int
    public var running: Int
    public var total: Int
    public var stalls: Int
    /// Set when the model's ledger was unusable (or not asked for) and the engine derived this
    /// one itself.
    public var derivedByEngine: Bool
    /// Every step this entry judged: those finished since the previous entry (absent in format 1,
    /// where each entry judged `afterStep` alone).
    public var judged: [Int]?
    /// The step `next_speaker` and `instruction_or_question` were for, when one was waiting.
    public var nextStep: Int?

    public init(
        afterStep: Int, ledger: ProgressLedger, done: Int, running: Int, total: Int, stalls: Int, derivedByEngine: Bool,
        judged: [Int]? = nil, nextStep: Int? = nil
    ) {
        self.afterStep = afterStep
        self.ledger = ledger
        self.done = done
        self.running = running
        self.total = total
        self.stalls = stalls
        self.derivedByEngine = derivedByEngine
        self.judged = judged
        self.nextStep = nextStep
    }
}
