import Foundation
import TroupeCore

/// `write_file`: creates or replaces a text file of the workspace. The change is shown as a diff
/// for approval; writes never follow symlinks and never leave the workspace.
public struct WriteFileTool: WorkerTool {
    let writer: ConfinedWriter
    let locks: FileLocks

    public init(workspace: Workspace, locks: FileLocks) {
        self.writer = ConfinedWriter(workspace: workspace)
        self.locks = locks
    }

    public var spec: ToolSpec {
        ToolSpec(
            name: "write_file",
            description: "Create or replace a text file of the workspace with `content` (the whole new file).",
            parameters: ToolSchema.object(
                [
                    "path": ("string", "file relative to the workspace root"),
                    "content": ("string", "the complete new content of the file"),
                ], required: ["path", "content"]))
    }

    public func preview(arguments: JSONValue) async -> Result<ToolPreview, ToolOutputError>? {
        switch change(arguments) {
        case .failure(let error): return .failure(error)
        case .success(let (path, old, new)):
            let verb = old == nil ? "create" : "write"
            return .success(
                ToolPreview(
                    kind: .edit, summary: "\(verb) \(path) (\(LineDiff.stat(old: old ?? "", new: new)))",
                    detail: LineDiff.unified(old: old ?? "", new: new, path: path)))
        }
    }

    public func run(arguments: JSONValue) async -> ToolOutput {
        let (path, new): (String, String)
        switch change(arguments) {
        case .failure(let error): return error.output
        case .success(let planned): (path, new) = (planned.0, planned.2)
        }
        return await locks.withLock(path) {
            do {
                let old = try writer.read(path)
                try writer.write(path, new)
                let stat = LineDiff.stat(old: old ?? "", new: new)
                return ToolOutput(
                    text: "\(old == nil ? "created" : "wrote") \(path) (\(stat))\n"
                        + LineDiff.unified(old: old ?? "", new: new, path: path),
                    summary: "\(old == nil ? "created" : "wrote") \(path) (\(stat))", files: [path])
            } catch {
                return ToolOutput(text: "error: \(error)", summary: "write_file refused: \(error)", isError: true)
            }
        }
    }

    /// The path, the current text (nil if new) and the new text.
    private func change(_ arguments: JSONValue) -> Result<(String, String?, String), ToolOutputError> {
        let args = ToolArguments(json: arguments)
        guard let path = args.string("path"), let content = args.string("content") else {
            return .failure(
                ToolOutputError(
                    ToolOutput(text: "error: write_file needs a path and content", summary: "bad write_file call", isError: true))
            )
        }
        do {
            let relative = try writer.relativePath(path)
            return .success((relative, try writer.read(relative), content))
        } catch {
            return .failure(
                ToolOutputError(ToolOutput(text: "error: \(error)", summary: "write_file refused: \(error)", isError: true)))
        }
    }
}
