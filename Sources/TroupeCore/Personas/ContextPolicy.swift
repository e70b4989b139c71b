/// How much of the team's context a persona's briefs carry (`context:` in front matter).
public enum ContextPolicy: String, Sendable, Codable, CaseIterable {
    /// The instruction and one-line summaries of the steps it depends on; no facts.
    case minimal
    /// The facts it needs and the full results and artifacts of the steps it depends on (default).
    case dependencies
    /// All of the above, every fact category, and a line for each other finished step.
    case full
}
