import Foundation
import TroupeCore

/// `read_file`: the text of one file of the workspace, with line numbers, capped.
public struct ReadFileTool: WorkerTool {
    let workspace: Workspace
    let maxLines = 400

    public init(workspace: Workspace) {
        self.workspace = workspace
    }

    public var spec: ToolSpec {
        ToolSpec(
            name: "read_file",
            description: "Read a text file of the workspace with line numbers (first 400 lines from `start`).",
            parameters: ToolSchema.object(
                [
                    "path": ("string", "file relative to the workspace root"),
                    "start": ("integer", "first line to show, default 1"),
                ], required: ["path"]))
    }

    public func run(arguments: JSONValue) async -> ToolOutput {
        let args = ToolArguments(json: arguments)
        guard let path = args.string("path") else {
            return ToolOutput(text: "error: read_file needs a path", summary: "read_file without a path", isError: true)
        }
        do {
            let url = try workspace.resolve(path)
            let data = try Data(contentsOf: url)
            if data.contains(0) {
                return ToolOutput(text: "error: \(path) is a binary file", summary: "\(path) is binary", isError: true)
            }
            let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            let start = max(1, args.int("start") ?? 1)
            let shown = lines.dropFirst(start - 1).prefix(maxLines)
            let relative = workspace.relativePath(url)
            var output = ["\(relative) (\(lines.count) lines)"]
            output += shown.enumerated().map { "\(String(start + $0.offset).leftPadded(to: 5))  \($0.element)" }
            if start - 1 + shown.count < lines.count {
                output.append(
                    "… \(lines.count - (start - 1 + shown.count)) more lines; read again with start \(start + shown.count)")
            }
            return ToolOutput(
                text: output.joined(separator: "\n"), summary: "read \(relative) (\(lines.count) lines)", files: [relative])
        } catch {
            return ToolOutput(text: "error: \(error)", summary: "read_file failed: \(error)", isError: true)
        }
    }
}
