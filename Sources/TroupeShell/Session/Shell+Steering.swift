import Foundation
import TroupeCore

extension Shell {
    /// The commands that steer a running turn.
    func steeringCommands() -> [SlashCommand] {
        let orchestrator = context.orchestrator
        return [
            SlashCommand(name: "pause", arguments: "", summary: "start no new steps (running ones finish)", live: true) {
                [unowned self] _ in
                say(
                    !turnRunning
                        ? ["No turn is running."]
                        : orchestrator.pauseSteps()
                            ? ["Paused: running steps finish, no new step starts. /resume to go on, /stop to end the turn."]
                            : ["Already paused."])
                return .continue
            },
            SlashCommand(
                name: "resume", arguments: "[ID]",
                summary: "start steps again after /pause; at the prompt, list recent sessions or continue one", live: true
            ) { [unowned self] arguments in
                let id = arguments.trimmingCharacters(in: .whitespaces)
                guard turnRunning else {
                    say(id.isEmpty ? recentSessions() : await resume(id))
                    return .continue
                }
                guard id.isEmpty else {
                    say(["A turn is running: /resume ID works at the prompt (/stop ends the turn)."])
                    return .continue
                }
                say(orchestrator.resumeSteps() ? ["Resumed."] : ["Not paused."])
                return .continue
            },
            SlashCommand(name: "stop", arguments: "", summary: "cancel the turn; in-flight handoffs roll back", live: true) {
                [unowned self] _ in
                guard turnRunning else {
                    say(["No turn is running."])
                    return .continue
                }
                say(["Stopping: running steps are cancelled and their handoffs rolled back."])
                _ = interrupts?.cancelTurn()
                return .continue
            },
            SlashCommand(
                name: "assign", arguments: "STEP @persona", summary: "give a pending step to another persona", live: true
            ) {
                [unowned self] arguments in
                let words = arguments.split(separator: " ").map(String.init)
                guard words.count == 2, let step = Int(words[0]), words[1].hasPrefix("@") else {
                    say(["Usage: /assign STEP @persona — e.g. /assign 3 @analyst"])
                    return .continue
                }
                guard turnRunning else {
                    say(["No plan is running; /assign works while one runs."])
                    return .continue
                }
                let persona = String(words[1].dropFirst())
                do {
                    try await orchestrator.assign(step: step, to: persona)
                    say(["Step \(step) goes to \(persona) if it has not started."])
                } catch {
                    say(["Cannot assign: \(error.localizedDescription)"])
                }
                return .continue
            },
            SlashCommand(name: "retry", arguments: "STEP", summary: "run a failed, cancelled or running step again", live: true) {
                [unowned self] arguments in
                say(steer(arguments, usage: "/retry STEP") { orchestrator.retry(step: $0) })
                return .continue
            },
            SlashCommand(
                name: "skip", arguments: "STEP", summary: "do not run a step; its dependents go on without it", live: true
            ) {
                [unowned self] arguments in
                say(steer(arguments, usage: "/skip STEP") { orchestrator.skip(step: $0) })
                return .continue
            },
            SlashCommand(name: "approve", arguments: "[always]", summary: "answer the open approval question yes", live: true) {
                [unowned self] _ in
                say(["Nothing is waiting for approval."])
                return .continue
            },
            SlashCommand(name: "deny", arguments: "[reason]", summary: "answer the open approval question no", live: true) {
                [unowned self] _ in
                say(["Nothing is waiting for approval."])
                return .continue
            },
        ]
    }

    /// Posts a step override (`/retry`, `/skip`) to the running turn.
    func steer(_ arguments: String, usage: String, _ post: (Int) -> Void) -> [String] {
        guard let step = Int(arguments.trimmingCharacters(in: .whitespaces)) else { return ["Usage: \(usage)"] }
        guard turnRunning else { return ["No turn is running."] }
        post(step)
        return ["Noted for step \(step); the plan shows the outcome."]
    }
}
