import Foundation
public import TroupeCore

/// `write_file`: creates or replaces a text file of the workspace. The change is shown as a diff
/// for approval; writes never follow symlinks and never leave the workspace.
public struct WriteFileTool: WorkerTool {
    public let effect = ToolEffect.writesFiles
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
            let change = LineDiff.change(old: old ?? "", new: new, path: path)
            return .success(
                ToolPreview(
                    kind: .edit, summary: "\(verb) \(path) (\(change.stat))", detail: change.diff,
                    protectedBecause: ProtectedPaths.reason(for: path)))
        }
    }

    public func run(arguments: JSONValue) async -> ToolOutput {
        // The file is read under the lock only: what is there is what the diff compares with.
        let args = ToolArguments(json: arguments)
        guard let given = args.string("path"), let new = args.string("content") else {
            return ToolOutput(text: "error: write_file needs a path and content", summary: "bad write_file call", isError: true)
        }
        let path: String
        do { path = try writer.relativePath(given) } catch {
            return ToolOutput(text: "error: \(error)", summary: "write_file refused: \(error)", isError: true)
        }
        return await locks.withLock(path) {
            do {
                let old = try writer.read(path)
                try writer.write(path, new)
                let change = LineDiff.change(old: old ?? "", new: new, path: path)
                let summary = "\(old == nil ? "created" : "wrote") \(path) (\(change.stat))"
                return ToolOutput(text: summary + "\n" + change.diff, summary: summary, files: [path])
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
