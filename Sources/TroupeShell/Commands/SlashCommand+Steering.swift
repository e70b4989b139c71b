import Foundation
import TroupeCore

/// The commands that steer a running turn, and `/use`, which picks who answers plain requests.
extension SlashCommand {
    static let pause = saying("pause", summary: "start no new steps (running ones finish)", live: true) { environment, _ in
        guard environment.turns.isRunning else { return ["No turn is running."] }
        return environment.context.orchestrator.pauseSteps()
            ? ["Paused: running steps finish, no new step starts. /resume to go on, /stop to end the turn."]
            : ["Already paused."]
    }

    static let resume = saying(
        "resume", arguments: "[ID]",
        summary: "start steps again after /pause; at the prompt, list recent sessions or continue one", live: true
    ) { environment, arguments in
        let id = arguments.trimmingCharacters(in: .whitespaces)
        guard environment.turns.isRunning else {
            return id.isEmpty ? environment.recentSessions() : await environment.resumeSession(id)
        }
        guard id.isEmpty else { return ["A turn is running: /resume ID works at the prompt (/stop ends the turn)."] }
        return environment.context.orchestrator.resumeSteps() ? ["Resumed."] : ["Not paused."]
    }

    /// Says so before cancelling, so the turn's own "cancelled" comes after it.
    static let stop = SlashCommand(
        name: "stop", arguments: "", summary: "cancel the turn; in-flight handoffs roll back", live: true
    ) {
        environment, _ in
        guard environment.turns.isRunning else {
            environment.say(["No turn is running."])
            return .continue
        }
        environment.say(["Stopping: running steps are cancelled and their handoffs rolled back."])
        _ = environment.turns.cancel()
        return .continue
    }

    static let assign = saying(
        "assign", arguments: "STEP @persona", summary: "give a pending step to another persona", live: true
    ) {
        environment, arguments in
        let words = arguments.split(separator: " ").map(String.init)
        guard words.count == 2, let step = Int(words[0]), words[1].hasPrefix("@") else {
            return ["Usage: /assign STEP @persona — e.g. /assign 3 @analyst"]
        }
        guard environment.turns.isRunning else { return ["No plan is running; /assign works while one runs."] }
        let persona = String(words[1].dropFirst())
        do {
            try await environment.context.orchestrator.assign(step: step, to: persona)
            return ["Step \(step) goes to \(persona) if it has not started."]
        } catch {
            return ["Cannot assign: \(error.localizedDescription)"]
        }
    }

    static let retry = saying("retry", arguments: "STEP", summary: "run a failed, cancelled or running step again", live: true) {
        environment, arguments in
        environment.steer(arguments, usage: "/retry STEP") { environment.context.orchestrator.retry(step: $0) }
    }

    static let skip = saying(
        "skip", arguments: "STEP", summary: "do not run a step; its dependents go on without it", live: true
    ) { environment, arguments in
        environment.steer(arguments, usage: "/skip STEP") { environment.context.orchestrator.skip(step: $0) }
    }

    /// Answered here only when no question is open: the approval gate reads the line itself
    /// while it asks.
    static let approve = saying("approve", arguments: "[always]", summary: "answer the open approval question yes", live: true) {
        _, _ in ["Nothing is waiting for approval."]
    }

    /// See ``approve``.
    static let deny = saying("deny", arguments: "[reason]", summary: "answer the open approval question no", live: true) {
        _, _ in ["Nothing is waiting for approval."]
    }

    static let use = saying("use", arguments: "@persona|auto", summary: "send plain requests to one persona, or back to the plan")
    {
        environment, arguments in
        await environment.use(arguments.trimmingCharacters(in: .whitespaces))
    }
}

extension CommandEnvironment {
    /// Posts a step override (`/retry`, `/skip`) to the running turn.
    func steer(_ arguments: String, usage: String, _ post: (Int) -> Void) -> [String] {
        guard let step = Int(arguments.trimmingCharacters(in: .whitespaces)) else { return ["Usage: \(usage)"] }
        guard turns.isRunning else { return ["No turn is running."] }
        post(step)
        return ["Noted for step \(step); the plan shows the outcome."]
    }

    /// `/use @persona` makes plain requests go to that persona; `/use auto` back to the orchestrator.
    func use(_ argument: String) async -> [String] {
        if argument == "auto" {
            turns.sticky = nil
            context.bus.publish(.userIntervention(UserIntervention(kind: .use, detail: "auto")))
            return ["Requests go to the orchestrator again."]
        }
        guard argument.hasPrefix("@") else {
            return ["Usage: /use @persona (plain requests go straight to it), /use auto (back to planning)"]
        }
        let name = String(argument.dropFirst())
        guard await context.registry.agent(name)?.persona.isWorker == true else {
            let known = await context.registry.list().filter { $0.persona.isWorker }.map(\.persona.name)
            return ["No worker named '\(name)'. Workers: \(known.joined(separator: ", "))."]
        }
        turns.sticky = name
        context.bus.publish(.userIntervention(UserIntervention(kind: .use, detail: name)))
        return ["Plain requests now go straight to \(name) (/use auto to plan again)."]
    }
}
