/// An override the user gives a running plan (`/assign`, `/retry`, `/skip`, `/pause`,
/// `/resume`). Recorded, when given, as a `user.intervention` event that it can be read back
/// from, so a replay gives it at the same point of the run.
public enum UserOverride: Sendable, Equatable {
    /// Run pending step `step` with `persona` instead of its planned one.
    case assign(step: Int, persona: String)
    /// Run step `step` again (a failed or cancelled one; a running one is cancelled first).
    case retry(step: Int)
    /// Do not run step `step`; its dependents go on without it.
    case skip(step: Int)
    /// Start no new steps; running ones finish.
    case pause
    /// Start steps again after `pause`.
    case resume

    /// The event that records it.
    public var intervention: UserIntervention {
        switch self {
        case .assign(let step, let persona): return UserIntervention(kind: .assign, detail: "step \(step) → \(persona)")
        case .retry(let step): return UserIntervention(kind: .retry, detail: "step \(step)")
        case .skip(let step): return UserIntervention(kind: .skip, detail: "step \(step)")
        case .pause: return UserIntervention(kind: .pausePlan, detail: "no new steps start")
        case .resume: return UserIntervention(kind: .resumePlan, detail: "steps start again")
        }
    }

    /// The override `intervention` records, if it records one.
    public init?(_ intervention: UserIntervention) {
        let words = intervention.detail.split(separator: " ").map(String.init)
        let step = words.count >= 2 && words[0] == "step" ? Int(words[1]) : nil
        switch intervention.kind {
        case .assign:
            guard let step, words.count == 4, words[2] == "→" else { return nil }
            self = .assign(step: step, persona: words[3])
        case .retry:
            guard let step else { return nil }
            self = .retry(step: step)
        case .skip:
            guard let step else { return nil }
            self = .skip(step: step)
        case .pausePlan: self = .pause
        case .resumePlan: self = .resume
        default: return nil
        }
    }
}
