/// A shell command, `/name args`: a value whose action reads and acts on the session through
/// the ``CommandEnvironment`` it is given, so commands are declared apart from the shell that
/// dispatches them (`SlashCommand+Inspection`, `+Steering`, `+Session`) and tested on their own.
struct SlashCommand: Sendable {
    let name: String
    let arguments: String
    let summary: String
    /// Whether it runs at once when typed while a turn runs (others wait for the turn to end).
    var live = false
    let run: @MainActor (_ environment: CommandEnvironment, _ arguments: String) async -> CommandResult

    /// A command whose action only prints: `lines` gives what it says.
    static func saying(
        _ name: String, arguments: String = "", summary: String, live: Bool = false,
        _ lines: @escaping @MainActor (_ environment: CommandEnvironment, _ arguments: String) async -> [String]
    ) -> SlashCommand {
        SlashCommand(name: name, arguments: arguments, summary: summary, live: live) { environment, arguments in
            environment.say(await lines(environment, arguments))
            return .continue
        }
    }
}

/// What the REPL does after a line: go on, or leave.
public enum CommandResult: Sendable {
    case `continue`
    case quit
}
