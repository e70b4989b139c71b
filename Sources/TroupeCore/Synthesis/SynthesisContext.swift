/// What the synthesizer is given: the step results grouped by the persona that produced them.
public struct SynthesisContext: Sendable, Codable, Equatable {
    public var request: String
    public var facts: TaskFacts
    public var resultsByPersona: [PersonaResults]
    /// Why the run stopped early, if it did.
    public var stopReason: String?
    /// The progress ledger's last verdict on whether the request is satisfied, with its reason
    /// (absent when no model judged the run).
    public var verdict: LedgerAnswer<Bool>?

    /// `results` grouped by persona, in the order each persona first appears; `roles` by name.
    public init(
        request: String, facts: TaskFacts, results: [StepReport], roles: [String: String], stopReason: String?,
        verdict: LedgerAnswer<Bool>? = nil
    ) {
        self.request = request
        self.verdict = verdict
        self.facts = facts
        var groups: [PersonaResults] = []
        for report in results {
            if let index = groups.firstIndex(where: { $0.persona == report.persona }) {
                groups[index].results.append(report)
            } else {
                groups.append(PersonaResults(persona: report.persona, role: roles[report.persona] ?? "", results: [report]))
            }
        }
        self.resultsByPersona = groups
        self.stopReason = stopReason
    }

    /// Every result, in step order.
    public var results: [StepReport] {
        resultsByPersona.flatMap(\.results).sorted { $0.step < $1.step }
    }

    enum CodingKeys: String, CodingKey {
        case request, facts
        case resultsByPersona = "results_by_persona"
        case stopReason = "stop_reason"
        case verdict
    }
}
