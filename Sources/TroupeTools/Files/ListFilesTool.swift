import Foundation
import TroupeCore

/// `list_files`: the files under a folder of the workspace, optionally by extension.
public struct ListFilesTool: WorkerTool {
    let workspace: Workspace
    /// Paths listed before the rest is counted but not shown.
    let shownLimit = 200

    public init(workspace: Workspace) {
        self.workspace = workspace
    }

    public var spec: ToolSpec {
        ToolSpec(
            name: "list_files",
            description: "List the files under a folder of the workspace (recursive), optionally only one extension.",
            parameters: ToolSchema.object(
                [
                    "path": ("string", "folder relative to the workspace root; default ."),
                    "extension": ("string", "only files with this extension, e.g. swift"),
                ], required: []))
    }

    public func run(arguments: JSONValue) async -> ToolOutput {
        let args = ToolArguments(json: arguments)
        let path = args.string("path") ?? "."
        let wanted = args.string("extension")
        do {
            let folder = try workspace.resolve(path)
            let files = workspace.files(under: folder, extension: wanted)
            let kind = wanted.map { ".\($0.trimmingCharacters(in: CharacterSet(charactersIn: "*."))) " } ?? ""
            var lines = ["\(files.count) \(kind)file\(files.count == 1 ? "" : "s") under \(workspace.relativePath(folder))"]
            lines += files.prefix(shownLimit).map { workspace.relativePath($0) }
            if files.count > shownLimit { lines.append("… and \(files.count - shownLimit) more") }
            return ToolOutput(text: lines.joined(separator: "\n"), summary: lines[0])
        } catch {
            return ToolOutput(text: "error: \(error)", summary: "list_files failed: \(error)", isError: true)
        }
    }
}
