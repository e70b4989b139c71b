import ArgumentParser

/// `troupe`: the multi-agent chat shell and its subcommands.
@main
struct TroupeCommand: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "troupe",
        abstract: "A terminal chat shell where an orchestrator plans your request and hands the steps to persona workers.",
        version: version,
        subcommands: [ShellCommand.self, RunCommand.self, ReplayCommand.self, ExportCommand.self, PersonasCommand.self],
        defaultSubcommand: ShellCommand.self)
}
