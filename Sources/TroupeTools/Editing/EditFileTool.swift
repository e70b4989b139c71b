import Foundation
import TroupeCore

/// `edit_file`: replaces one exact piece of a text file (every occurrence with `replace_all`),
/// as Claude Code's Edit does. Shown as a diff for approval; confined like `write_file`.
public struct EditFileTool: WorkerTool {
    let writer: ConfinedWriter
    let locks: FileLocks

    public init(workspace: Workspace, locks: FileLocks) {
        self.writer = ConfinedWriter(workspace: workspace)
        self.locks = locks
    }

    public var spec: ToolSpec {
        ToolSpec(
            name: "edit_file",
            description: """
                Replace `old_string` with `new_string` in a text file of the workspace. `old_string` must occur \
                exactly once unless `replace_all` is true; include enough surrounding lines to make it unique.
                """,
            parameters: ToolSchema.object(
                [
                    "path": ("string", "file relative to the workspace root"),
                    "old_string": ("string", "the exact text to replace"),
                    "new_string": ("string", "the text to put in its place"),
                    "replace_all": ("boolean", "replace every occurrence (default false)"),
                ], required: ["path", "old_string", "new_string"]))
    }

    public func preview(arguments: JSONValue) async -> Result<ToolPreview, ToolOutputError>? {
        change(arguments).map { path, old, new in
            let change = LineDiff.change(old: old, new: new, path: path)
            return ToolPreview(kind: .edit, summary: "edit \(path) (\(change.stat))", detail: change.diff)
        }
    }

    public func run(arguments: JSONValue) async -> ToolOutput {
        // Only the path is needed to take the lock; the edit is worked out under it, since another
        // worker may have changed the file meanwhile.
        guard let path = ToolArguments(json: arguments).string("path"), let relative = try? writer.relativePath(path) else {
            return change(arguments).failureOutput
        }
        return await locks.withLock(relative) {
            switch change(arguments) {
            case .failure(let error): return error.output
            case .success(let (path, old, new)):
                do {
                    try writer.write(path, new)
                    let change = LineDiff.change(old: old, new: new, path: path)
                    let summary = "edited \(path) (\(change.stat))"
                    return ToolOutput(text: summary + "\n" + change.diff, summary: summary, files: [path])
                } catch {
                    return ToolOutput(text: "error: \(error)", summary: "edit_file refused: \(error)", isError: true)
                }
            }
        }
    }

    /// The path, the current text and the edited text.
    private func change(_ arguments: JSONValue) -> Result<(String, String, String), ToolOutputError> {
        func failure(_ text: String) -> Result<(String, String, String), ToolOutputError> {
            .failure(ToolOutputError(ToolOutput(text: "error: \(text)", summary: "edit_file: \(text)", isError: true)))
        }
        let args = ToolArguments(json: arguments)
        guard let path = args.string("path"), let old = args.string("old_string"), let new = args.string("new_string") else {
            return failure("edit_file needs path, old_string and new_string")
        }
        guard !old.isEmpty else { return failure("old_string is empty; use write_file to create a file") }
        do {
            let relative = try writer.relativePath(path)
            guard let text = try writer.read(relative) else {
                return failure("'\(path)' does not exist; use write_file to create it")
            }
            let count = text.components(separatedBy: old).count - 1
            guard count > 0 else { return failure("old_string was not found in \(relative)") }
            let replaceAll = args.json["replace_all"] == .bool(true)
            guard count == 1 || replaceAll else {
                return failure(
                    "old_string occurs \(count) times in \(relative); add context to make it unique or set replace_all")
            }
            return .success(
                (
                    relative, text,
                    replaceAll ? text.replacingOccurrences(of: old, with: new) : Self.replaceFirst(old, with: new, in: text)
                ))
        } catch {
            return failure("\(error)")
        }
    }

    private static func replaceFirst(_ old: String, with new: String, in text: String) -> String {
        guard let range = text.range(of: old) else { return text }
        return text.replacingCharacters(in: range, with: new)
    }
}

extension Result where Success == (String, String, String), Failure == ToolOutputError {
    /// The refusal's output; for a success (never asked for), a generic one.
    fileprivate var failureOutput: ToolOutput {
        if case .failure(let error) = self { return error.output }
        return ToolOutput(text: "error: edit_file needs a path", summary: "bad edit_file call", isError: true)
    }
}
