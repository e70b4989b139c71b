import Foundation
import TroupeCore
import Yams

/// `./.troupe/config` and `$XDG_CONFIG_HOME/troupe/config`: YAML settings below flags and
/// environment (DESIGN §6). Every field is optional.
struct ConfigFile: Decodable, Equatable {
    var model: String?
    var maxParallel: Int?
    var connectTimeout: Int?
    var idleTimeout: Int?
    var transcripts: String?
    /// Model per persona name, overriding the persona files' `model:`.
    var personaModels: [String: String]?
    /// Tokens one request may use in all; the run stops cleanly at the limit.
    var maxTokensPerRequest: Int?
    /// Model calls one request may make in all.
    var maxModelCallsPerRequest: Int?
    /// US dollars one request may spend in all (priced by `prices`).
    var maxCostPerRequest: Double?
    /// `every_step` (default) or `on_trouble`: when the model is asked for the progress ledger.
    var progressLedger: String?
    /// Stalls of the progress ledger before the orchestrator re-plans (default 3).
    var maxStalls: Int?
    /// Re-plans per request before the orchestrator hands the request back (default 3).
    var maxReplans: Int?
    /// The most steps a plan may have (`max_plan_steps`).
    var maxPlanSteps: Int?
    /// `on`, `network` or `off`: how `run_command` is sandboxed.
    var sandbox: String?
    /// `parallel` (default: the dependency graph as planned) or `sequential`.
    var planStrategy: String?
    /// Limits per provider (`openai`, `anthropic`, `ollama`).
    var rateLimits: [String: RateLimit]?
    /// US dollars per million input and output tokens, by model identifier.
    var prices: [String: ModelPrice]?
    /// `auto`, `ask` or `risk` for every persona; unset, each persona's own `approval`.
    var approval: String?
    /// US dollars a request may spend before every handoff under `risk` asks first.
    var approvalCostThreshold: Double?
    /// `ask`, `accept-edits`, `read-only` or `auto` for every persona's tools; unset, each persona's own.
    var permissionMode: String?
    /// `always`, `never` (default) or `auto`: when a proposed plan is shown for acceptance.
    var planReview: String?
    /// Under `auto`, plans with more steps than this are shown (default 4).
    var planReviewSteps: Int?

    enum CodingKeys: String, CodingKey {
        case model, transcripts, prices, approval
        case approvalCostThreshold = "approval_cost_threshold"
        case permissionMode = "permission_mode"
        case maxParallel = "max_parallel"
        case connectTimeout = "connect_timeout"
        case idleTimeout = "idle_timeout"
        case personaModels = "persona_models"
        case maxTokensPerRequest = "max_tokens_per_request"
        case maxModelCallsPerRequest = "max_model_calls_per_request"
        case maxCostPerRequest = "max_cost_per_request"
        case progressLedger = "progress_ledger"
        case maxStalls = "max_stalls"
        case maxReplans = "max_replans"
        case maxPlanSteps = "max_plan_steps"
        case sandbox
        case rateLimits = "rate_limits"
        case planStrategy = "plan_strategy"
        case planReview = "plan_review"
        case planReviewSteps = "plan_review_steps"
    }

    /// `self` with the fields `higher` sets replaced by its values.
    func overridden(by higher: ConfigFile) -> ConfigFile {
        var merged = self
        merged.model = higher.model ?? model
        merged.maxParallel = higher.maxParallel ?? maxParallel
        merged.connectTimeout = higher.connectTimeout ?? connectTimeout
        merged.idleTimeout = higher.idleTimeout ?? idleTimeout
        merged.transcripts = higher.transcripts ?? transcripts
        merged.maxTokensPerRequest = higher.maxTokensPerRequest ?? maxTokensPerRequest
        merged.maxModelCallsPerRequest = higher.maxModelCallsPerRequest ?? maxModelCallsPerRequest
        merged.maxCostPerRequest = higher.maxCostPerRequest ?? maxCostPerRequest
        merged.progressLedger = higher.progressLedger ?? progressLedger
        merged.maxStalls = higher.maxStalls ?? maxStalls
        merged.maxReplans = higher.maxReplans ?? maxReplans
        merged.maxPlanSteps = higher.maxPlanSteps ?? maxPlanSteps
        merged.sandbox = higher.sandbox ?? sandbox
        merged.planStrategy = higher.planStrategy ?? planStrategy
        merged.approval = higher.approval ?? approval
        merged.approvalCostThreshold = higher.approvalCostThreshold ?? approvalCostThreshold
        merged.permissionMode = higher.permissionMode ?? permissionMode
        merged.planReview = higher.planReview ?? planReview
        merged.planReviewSteps = higher.planReviewSteps ?? planReviewSteps
        let rateLimits: [String: RateLimit] = (self.rateLimits ?? [:]).merging(higher.rateLimits ?? [:]) { _, new in new }
        merged.rateLimits = rateLimits
        let personaModels: [String: String] = (self.personaModels ?? [:]).merging(higher.personaModels ?? [:]) { _, new in new }
        merged.personaModels = personaModels
        let prices: [String: ModelPrice] = (self.prices ?? [:]).merging(higher.prices ?? [:]) { _, new in new }
        merged.prices = prices
        return merged
    }

    /// Reads `url`; a missing file is an empty configuration, a broken one an error naming it.
    static func load(_ url: URL) throws -> ConfigFile {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return ConfigFile() }
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return ConfigFile() }
        do {
            return try YAMLDecoder().decode(ConfigFile.self, from: text)
        } catch {
            throw ConfigError(path: url.path, message: "\(error)")
        }
    }
}

/// How hard one provider may be called.
struct RateLimit: Decodable, Equatable {
    var requestsPerMinute: Int?
    var maxInFlight: Int?

    enum CodingKeys: String, CodingKey {
        case requestsPerMinute = "requests_per_minute"
        case maxInFlight = "max_in_flight"
    }
}

/// A configuration file that could not be read.
struct ConfigError: Error, LocalizedError {
    var path: String
    var message: String

    var errorDescription: String? { "\(path): invalid configuration: \(message)" }
}
