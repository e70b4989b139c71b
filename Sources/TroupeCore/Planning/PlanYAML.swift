import Foundation
import Yams

/// A plan as YAML, for editing in `$EDITOR` before it runs: the steps with their titles,
/// personas, dependencies and details, under a comment that says how.
public enum PlanYAML {
    private struct File: Codable {
        var steps: [Step]
    }

    private struct Step: Codable {
        var id: Int
        var title: String
        var persona: String
        var dependsOn: [Int]?
        var details: String?

        enum CodingKeys: String, CodingKey {
            case id, title, persona, details
            case dependsOn = "depends_on"
        }
    }

    /// The text to edit.
    public static func text(of plan: Plan) throws -> String {
        let file = File(
            steps: plan.steps.map {
                Step(
                    id: $0.id, title: $0.title, persona: $0.persona, dependsOn: $0.dependsOn,
                    details: $0.details.isEmpty ? nil : $0.details)
            })
        return """
            # Edit the plan, then save and quit. Each step needs an id, a title and a persona; a step
            # runs when the steps in its depends_on are done. Delete a step to drop it. An empty file cancels.

            """ + (try YAMLEncoder().encode(file))
    }

    /// The plan the edited `text` describes, keeping what the original knew of unchanged steps;
    /// nil for an empty file (the user cancelled). Errors name the problem and, for YAML, the line.
    public static func plan(from text: String, original: Plan) throws(PlanEditError) -> Plan? {
        let content = text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("#") }.joined(separator: "\n")
        guard !content.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        let file: File
        do {
            file = try YAMLDecoder().decode(File.self, from: text)
        } catch {
            throw .invalid(["\(error)"])
        }
        return Plan(
            steps: file.steps.map { step in
                let before = original.step(step.id)
                let unchanged = before.map { $0.persona == step.persona && $0.title == step.title } ?? false
                return PlanStep(
                    id: step.id, title: step.title, details: step.details ?? "", persona: step.persona,
                    dependsOn: step.dependsOn ?? [],
                    routingReason: unchanged ? before!.routingReason : "edited by the user", depth: before?.depth ?? 0,
                    complexity: unchanged ? before?.complexity : nil)
            })
    }
}
