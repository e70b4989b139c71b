/// Finds a command by exact name or unique prefix.
struct CommandTable: Sendable {
    let commands: [SlashCommand]

    enum Lookup: Sendable {
        case found(SlashCommand)
        case ambiguous([String])
        case unknown
    }

    func lookup(_ name: String) -> Lookup {
        if let exact = commands.first(where: { $0.name == name }) { return .found(exact) }
        let matches = commands.filter { $0.name.hasPrefix(name) }
        switch matches.count {
        case 0: return .unknown
        case 1: return .found(matches[0])
        default: return .ambiguous(matches.map(\.name))
        }
    }

    /// The text of `/help NAME`: one command's usage, what it does, and when it runs.
    func help(for name: String, style: TextStyle) -> [String] {
        switch lookup(name) {
        case .found(let command):
            return [
                style.bold("/\(command.name)" + (command.arguments.isEmpty ? "" : " \(command.arguments)")),
                "  " + command.summary,
                style.dim(
                    command.live
                        ? "  Works while a turn runs, at once." : "  Typed while a turn runs, it waits for the turn to end."),
            ]
        case .ambiguous(let names):
            return ["/\(name) is ambiguous: " + names.map { "/" + $0 }.joined(separator: ", ")]
        case .unknown:
            return ["Unknown command /\(name). Type /help for the list."]
        }
    }

    /// The text of `/help`.
    func help(style: TextStyle) -> [String] {
        let width = commands.map { $0.name.count + $0.arguments.count + 2 }.max() ?? 0
        var lines = commands.map { command in
            let usage = "/\(command.name)" + (command.arguments.isEmpty ? "" : " \(command.arguments)")
            return "  " + usage.padded(width) + "  " + style.dim(command.summary)
        }
        lines.append(
            "  " + "@persona text".padded(width) + "  " + style.dim("send a request straight to one persona, skipping the plan"))
        lines.append(
            style.dim("  Commands match by unique prefix (/pl = /plan); /help NAME explains one. Tab completes commands,"))
        lines.append(style.dim("  @persona names, step and handoff ids, model names and file paths."))
        lines.append(
            style.dim("  While a turn runs, type below it: inspecting and steering commands run at once, the rest waits."))
        lines.append(style.dim("  End a line with \\ to continue it on the next; /editor writes a request in $EDITOR."))
        lines.append(style.dim("  Ctrl-C cancels a running turn (or clears the line); Ctrl-D on an empty line exits."))
        return lines
    }
}

extension CommandTable {
    /// Every shell command, in the order `/help` lists them.
    static let standard = CommandTable(commands: [
        .help, .agents, .plan, .graph, .timeline, .ledger, .handoffs, .handoff, .export, .fork, .mcp, .model, .editor, .quit,
        .pause, .resume, .stop, .assign, .retry, .skip, .approve, .deny,
        .agent, .stats, .events, .status, .expand, .use,
        .replay, .clear,
    ])
}
