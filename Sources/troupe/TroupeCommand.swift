import ArgumentParser

/// `troupe`: the multi-agent chat shell and its subcommands.
@main
struct TroupeCommand: AsyncParsableCommand {
    static let version = "0.1.0"

    /// What `--version` prints: the version, the commit and the day this binary was built.
    static let buildDescription = "troupe \(version) (commit \(BuildStamp.commit), built \(BuildStamp.date))"

    static let configuration = CommandConfiguration(
        commandName: "troupe",
        abstract: "A terminal chat shell where an orchestrator plans your request and hands the steps to persona workers.",
        version: buildDescription,
        subcommands: [
            ShellCommand.self, RunCommand.self, ReplayCommand.self, ExportCommand.self, PersonasCommand.self, MCPCommand.self,
        ],
        defaultSubcommand: ShellCommand.self)
}
