/// What a `user.intervention` records. Written as its raw value (`assign`, `pause_plan`,
/// `retry_refused`…), so the transcript format is the same as when the kind was a string.
public enum InterventionKind: Sendable, Hashable {
    /// `@persona text`: the request went straight to a persona (`detail`: its name).
    case direct
    /// Overrides of a running plan (`detail`: `step N → persona`, `step N`, …).
    case assign, retry, skip, pausePlan, resumePlan
    /// An override that could not be applied (`detail`: what was asked, and why not).
    case assignRefused, retryRefused, skipRefused
    /// The user's review of a proposed plan (`detail`: the feedback, or the edited plan's JSON).
    case planFeedback, planDeclined, planEdited
    /// Recorded by the shell between requests: `/clear`, `/model`, `/use`, a resumed session's start.
    case clear, model, use, resume
    /// A kind this build does not know (a newer transcript), kept as written.
    case other(String)

    private static let names: [(InterventionKind, String)] = [
        (.direct, "direct"), (.assign, "assign"), (.retry, "retry"), (.skip, "skip"), (.pausePlan, "pause_plan"),
        (.resumePlan, "resume_plan"), (.assignRefused, "assign_refused"), (.retryRefused, "retry_refused"),
        (.skipRefused, "skip_refused"), (.planFeedback, "plan_feedback"), (.planDeclined, "plan_declined"),
        (.planEdited, "plan_edited"), (.clear, "clear"), (.model, "model"), (.use, "use"), (.resume, "resume"),
    ]

    /// The kind written as `name`.
    public init(rawValue name: String) {
        self = Self.names.first { $0.1 == name }?.0 ?? .other(name)
    }

    /// The name it is written as.
    public var rawValue: String {
        if case .other(let name) = self { return name }
        return Self.names.first { $0.0 == self }!.1
    }

    /// Whether the shell records it between requests: the engine never publishes these, so a
    /// replay gives each back after the request it followed.
    public var isBetweenRequests: Bool {
        switch self {
        case .clear, .model, .use, .resume: return true
        default: return false
        }
    }
}

extension InterventionKind: Codable {
    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

extension InterventionKind: CustomStringConvertible {
    /// The name it is written as (`pause_plan`), also where it is shown.
    public var description: String { rawValue }
}
