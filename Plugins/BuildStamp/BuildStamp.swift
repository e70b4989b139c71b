import Foundation
import PackagePlugin

/// Writes `BuildStamp.swift` — the commit the build was made from and the day it was built —
/// into the target it is applied to, so `troupe --version` can say which build it is. Runs
/// `stamp.sh` beside this file before every build; the file is rewritten only when the commit or
/// the day changed, so an unchanged build stays a no-op.
@main
struct BuildStamp: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let output = context.pluginWorkDirectoryURL.appending(path: "stamp")
        let script = context.package.directoryURL.appending(path: "Plugins/BuildStamp/stamp.sh")
        return [
            .prebuildCommand(
                displayName: "Stamping \(target.name) with its commit and build date",
                executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: [script.path, context.package.directoryURL.path, output.appending(path: "BuildStamp.swift").path],
                outputFilesDirectory: output)
        ]
    }
}
