import Foundation
import Testing
import TroupeTesting

@testable import TroupeCore

/// The JSON text of a plan draft with `steps` as (persona, title, dependsOn).
func planJSON(_ steps: [(String, String, [Int])]) -> String {
    let draft = PlanDraft(
        needsPlan: true, facts: TaskFacts(given: ["test"]),
        steps: steps.enumerated().map { index, step in
            PlanDraft.Step(id: index + 1, title: step.1, persona: step.0, dependsOn: step.2)
        })
    return try! JSONCoding.string(draft)
}
