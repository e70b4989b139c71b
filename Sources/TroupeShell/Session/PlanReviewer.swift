import Foundation
import TroupeCore

/// Shows a proposed plan and asks what to do with it before it runs: run it, edit it (in
/// `$EDITOR` as YAML, or with `/plan drop|add|move` and `/assign`), ask for a new one with
/// feedback, or not run it. Every edit is validated; an invalid plan cannot be run.
@MainActor
struct PlanReviewer {
    /// What the user decided.
    enum Decision {
        case run(PlanProposal)
        case decline(PlanProposal)
        /// Asking for a new plan ended the turn (a direct answer, a failure, an interrupt).
        case finished(TurnResult)
    }

    let editor: any LineEditing
    let inspectors: Inspectors
    let style: TextStyle
    let workers: Set<String>
    let say: ([String]) -> Void

    private static let prompt = "run it? [Y]es · e edit · r new plan · n no · /plan drop|add|move · /assign › "

    /// Reviews `proposal`; `revise` makes a new plan from feedback (a model call the user can interrupt).
    func review(
        _ proposal: PlanProposal, revise: (PlanProposal, String) async -> Proposal
    ) async -> Decision {
        var proposal = proposal
        show(proposal.plan)
        while true {
            guard case .line(let typed) = editor.readLine(prompt: Self.prompt) else { return .decline(proposal) }
            let answer = typed.trimmingCharacters(in: .whitespaces)
            switch answer.lowercased() {
            case "", "y", "yes":
                let problems = proposal.plan.validationErrors(workers: workers)
                guard problems.isEmpty else {
                    say(problemLines(problems) + [style.dim("  edit it again, or n to not run it")])
                    continue
                }
                return .run(proposal)
            case "n", "no":
                return .decline(proposal)
            case "e", "edit":
                edit(&proposal)
            case "r", "regenerate":
                guard case .line(let feedback) = editor.readLine(prompt: "what should change? › "),
                    !feedback.trimmingCharacters(in: .whitespaces).isEmpty
                else { continue }
                switch await revise(proposal, feedback) {
                case .finished(let result): return .finished(result)
                case .plan(let revised):
                    proposal = revised
                    show(proposal.plan)
                }
            default:
                guard answer.hasPrefix("/plan ") || answer.hasPrefix("/assign ") else {
                    say(["Answer y, e, r or n, or change the plan with /plan drop|add|move or /assign."])
                    continue
                }
                let words = answer.hasPrefix("/plan ") ? String(answer.dropFirst(6)) : String(answer.dropFirst())
                switch PlanEdit.parse(words).flatMap({ $0.apply(to: proposal.plan) }) {
                case .failure(let error): say([error.description])
                case .success(let plan): update(&proposal, to: plan)
                }
            }
        }
    }

    private func edit(_ proposal: inout PlanProposal) {
        let text: String
        do {
            text = try PlanYAML.text(of: proposal.plan)
        } catch {
            say(["Cannot write the plan as YAML: \(error)"])
            return
        }
        switch ExternalEditor.edit(text, name: "plan.yaml") {
        case .failure(let error):
            say([error.message])
        case .success(let edited):
            do {
                guard let plan = try PlanYAML.plan(from: edited, original: proposal.plan) else {
                    say(["The file was emptied: the plan is unchanged (n to not run it)."])
                    return
                }
                update(&proposal, to: plan)
            } catch {
                say([error.description])
            }
        }
    }

    private func update(_ proposal: inout PlanProposal, to plan: Plan) {
        proposal.plan = plan
        show(plan)
        let problems = plan.validationErrors(workers: workers)
        if !problems.isEmpty { say(problemLines(problems)) }
    }

    private func show(_ plan: Plan) {
        say(
            [style.bold("proposed plan") + style.dim("  (\(plan.steps.count) steps; nothing runs until you say so)")]
                + inspectors.plan(plan).dropFirst())
    }

    private func problemLines(_ problems: [String]) -> [String] {
        [style.failure("This plan cannot run:")] + problems.map { "  - " + TerminalSanitizer.clean($0) }
    }
}
