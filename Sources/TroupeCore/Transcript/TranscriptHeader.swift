public import Foundation

/// Line 1 of a transcript: what is needed to understand and replay the rest (DESIGN §5).
public struct TranscriptHeader: Sendable, Codable, Equatable {
    /// A persona as it was when the session started.
    public struct PersonaFile: Sendable, Codable, Equatable {
        public var name: String
        public var source: String
        public var sha256: String
    }

    /// The terminal the session ran in.
    public struct TerminalSize: Sendable, Codable, Equatable {
        public var columns: Int
        public var rows: Int

        public init(columns: Int, rows: Int) {
            self.columns = columns
            self.rows = rows
        }
    }

    /// The engine settings a replay must use to take the same decisions.
    public struct Settings: Sendable, Codable, Equatable {
        public var maxParallel: Int
        public var planStrategy: String
        public var progressLedger: String
        /// Absent in files written before they could be set: the defaults.
        public var maxStalls: Int?
        public var maxReplans: Int?
        /// Absent in files written before it was recorded: the default (a longer plan was then
        /// replayed as refused).
        public var maxPlanSteps: Int?
        /// The session-wide approval policy, if one was set.
        public var approval: String?
        public var maxTokensPerRequest: Int?
        public var maxModelCallsPerRequest: Int?
        /// The session-wide permission mode of tools, if one was set.
        public var permissionMode: String?

        public init(
            configuration: OrchestratorConfiguration, approval: ApprovalPolicy?, budget: Budget,
            permissionMode: PermissionMode? = nil
        ) {
            maxParallel = configuration.maxParallelSteps
            planStrategy = configuration.strategy.rawValue
            progressLedger = configuration.progressLedger.rawValue
            maxStalls = configuration.maxStalls
            maxReplans = configuration.maxReplans
            maxPlanSteps = configuration.maxPlanSteps
            self.approval = approval?.rawValue
            maxTokensPerRequest = budget.maxTokens
            maxModelCallsPerRequest = budget.maxModelCalls
            self.permissionMode = permissionMode?.rawValue
        }

        /// The orchestrator configuration these settings describe (unknown names fall back to defaults).
        public var configuration: OrchestratorConfiguration {
            OrchestratorConfiguration(
                maxParallelSteps: maxParallel, maxStalls: maxStalls ?? 3, maxReplans: maxReplans ?? 3, retryBackoff: .zero,
                strategy: PlanStrategy(rawValue: planStrategy) ?? .hierarchical,
                progressLedger: ProgressLedgerPolicy(rawValue: progressLedger) ?? .everyStep,
                maxPlanSteps: maxPlanSteps ?? Plan.defaultMaxSteps)
        }
    }

    /// This build's transcript format version: 3 records a model request as a delta from the
    /// previous one of the same persona and purpose; 2 asks the progress ledger in batches.
    public static let currentFormatVersion = 3
    /// The first format that may record a model request as a delta.
    public static let deltaFormatVersion = 3
    /// The first format whose engine asks the progress ledger in batches and acts on it.
    public static let batchedLedgerFormatVersion = 2

    public var format = "troupe-transcript"
    public var formatVersion = TranscriptHeader.currentFormatVersion
    public var toolVersion: String
    public var sessionID: String
    public var started: String
    public var model: String
    public var personas: [PersonaFile]
    public var terminal: TerminalSize?
    /// Absent in transcripts written before settings were recorded; replay then uses defaults.
    public var settings: Settings?
    /// Set on a fork: the session and the event it branched from.
    public var forkedFrom: ForkPoint?

    /// Where a forked session branched off.
    public struct ForkPoint: Sendable, Codable, Equatable {
        public var sessionID: String
        public var seq: Int
    }

    public init(
        toolVersion: String, sessionID: String, started: Date, model: String, personas: [Persona], terminal: TerminalSize?,
        settings: Settings? = nil
    ) {
        self.toolVersion = toolVersion
        self.sessionID = sessionID
        self.started = Timestamps.string(started)
        self.model = model
        self.personas = personas.map { PersonaFile(name: $0.name, source: $0.source.description, sha256: $0.contentHash) }
        self.terminal = terminal
        self.settings = settings
    }
}
