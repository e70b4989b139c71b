import Foundation

/// The offline model's planner: parts of the request become steps, routed by capability, with
/// dependencies inferred from back-references ("their", "the results"), "then", and summaries.
enum OfflinePlanner {
    static let backReferences: Set<String> = [
        "their", "them", "it", "its", "those", "these", "this", "that", "result", "results", "findings", "above",
        "previous", "same", "they",
    ]
    static let summarizingCapabilities: Set<String> = ["summarize", "write", "draft", "document", "report"]
    static let greetings: Set<String> = ["hi", "hello", "hey", "thanks", "thank you", "help", "what can you do", "who are you"]

    static func reply(to context: PlanningContext) throws -> String {
        try JSONCoding.string(draft(for: context))
    }

    static func draft(for context: PlanningContext) -> PlanDraft {
        let request = context.request.trimmingCharacters(in: .whitespacesAndNewlines)
        let normalized = request.lowercased().trimmingCharacters(in: .punctuationCharacters.union(.whitespaces))
        if greetings.contains(normalized) || request.isEmpty {
            return PlanDraft(
                needsPlan: false, directAnswer: introduction(context.team), facts: TaskFacts(given: [request]), steps: [])
        }
        let parts = RequestSplitter.parts(of: request)
        var steps: [PlanDraft.Step] = []
        for (index, part) in parts.enumerated() {
            let id = index + 1
            let route = route(part.text, team: context.team)
            let persona = route?.persona ?? context.team.first?.name ?? "none"
            let member = context.team.first { $0.name == persona }
            let dependsOn = dependencies(of: part, id: id, member: member, total: parts.count)
            steps.append(
                PlanDraft.Step(
                    id: id, title: capitalized(part.text), details: nil,
                    persona: persona, dependsOn: dependsOn, reason: route?.reason))
        }
        return PlanDraft(
            needsPlan: true, directAnswer: nil, facts: facts(request, steps: steps, team: context.team), steps: steps)
    }

    /// The persona for a part: among those with the tool the part needs (`count_lines` to count,
    /// `search_files` to find a word…), the best by capability, the action itself counting as a
    /// word of the part ("find every TODO" is a search); by capability alone when the part needs
    /// no tool or nobody has it.
    static func route(_ text: String, team: [TeamMember]) -> RoutingCandidate? {
        guard let (tool, action) = OfflineIntent.of(text).tool else {
            return CapabilityRouter.best(text, among: team)
        }
        let equipped = team.filter { $0.tools.contains(tool) || $0.tools.contains("*") }
        guard var best = CapabilityRouter.best(text + " " + action, among: equipped) else {
            return CapabilityRouter.best(text, among: team)
        }
        best.reason = "has \(tool)" + (best.score > 0 ? "; \(best.reason)" : "")
        return best
    }

    private static func dependencies(of part: RequestSplitter.Part, id: Int, member: TeamMember?, total: Int) -> [Int] {
        guard id > 1 else { return [] }
        let words = Set(part.text.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init))
        let summarizes = member.map { !summarizingCapabilities.isDisjoint(with: $0.capabilities) } ?? false
        let mentionsSummary = words.contains { $0.hasPrefix("summar") || $0 == "report" || $0 == "changelog" }
        if summarizes && mentionsSummary { return Array(1..<id) }
        if part.afterThen || !backReferences.isDisjoint(with: words) { return [id - 1] }
        return []
    }

    private static func facts(_ request: String, steps: [PlanDraft.Step], team: [TeamMember]) -> TaskFacts {
        func capabilities(of step: PlanDraft.Step) -> [String] { team.first { $0.name == step.persona }?.capabilities ?? [] }
        let lookUp = steps.filter { step in capabilities(of: step).contains { ["search", "read", "list", "locate"].contains($0) }
        }
        let derive = steps.filter { step in
            capabilities(of: step).contains { ["count", "measure", "analyze", "calculate"].contains($0) }
        }
        return TaskFacts(
            given: ["The request: \(request)"],
            toLookUp: lookUp.map(\.title),
            toDerive: derive.map(\.title),
            educatedGuesses: [])
    }

    private static func introduction(_ team: [TeamMember]) -> String {
        let members = team.map { "  \($0.name) — \($0.description)" }.joined(separator: "\n")
        return """
            Hello. I am the orchestrator, running on the built-in offline model (no language model).
            Give me a request with several parts and I will plan it, hand each part to a persona and
            bring the results together. Offline, the team can list, read and search files and count
            lines and words in this folder; anything needing judgement or prose needs a language model.
            The team:
            \(members)
            """
    }

    private static func capitalized(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }
}
