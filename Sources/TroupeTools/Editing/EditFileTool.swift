import Foundation
public import TroupeCore

/// `edit_file`: replaces one exact piece of a text file (every occurrence with `replace_all`), as
/// Claude Code's Edit does — or several, in order, all or nothing, as its MultiEdit does (`edits`).
/// Shown as one diff for approval; confined like `write_file`.
public struct EditFileTool: WorkerTool {
    public let effect = ToolEffect.writesFiles
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
                exactly once unless `replace_all` is true; include enough surrounding lines to make it unique. \
                For several changes to one file give `edits` instead: a list of {old_string, new_string, \
                replace_all}, applied in order, each to the text the previous ones left; if one fails, none is made.
                """,
            parameters: .object([
                "type": .string("object"),
                "properties": .object([
                    "path": Self.property("string", "file relative to the workspace root (file_path is accepted too)"),
                    "old_string": Self.property("string", "the exact text to replace"),
                    "new_string": Self.property("string", "the text to put in its place"),
                    "replace_all": Self.property("boolean", "replace every occurrence (default false)"),
                    "edits": .object([
                        "type": .string("array"),
                        "description": .string("several edits of the file, applied in order, all or nothing"),
                        "items": .object([
                            "type": .string("object"),
                            "properties": .object([
                                "old_string": Self.property("string", "the exact text to replace"),
                                "new_string": Self.property("string", "the text to put in its place"),
                                "replace_all": Self.property("boolean", "replace every occurrence (default false)"),
                            ]),
                            "required": .array([.string("old_string"), .string("new_string")]),
                        ]),
                    ]),
                ]),
                "required": .array([.string("path")]),
            ]))
    }

    private static func property(_ type: String, _ description: String) -> JSONValue {
        .object(["type": .string(type), "description": .string(description)])
    }

    public func preview(arguments: JSONValue) async -> Result<ToolPreview, ToolOutputError>? {
        change(arguments).map { path, old, new in
            let change = LineDiff.change(old: old, new: new, path: path)
            return ToolPreview(
                kind: .edit, summary: "edit \(path) (\(change.stat))", detail: change.diff,
                protectedBecause: ProtectedPaths.reason(for: path))
        }
    }

    public func run(arguments: JSONValue) async -> ToolOutput {
        // Only the path is needed to take the lock; the edit is worked out under it, since another
        // worker may have changed the file meanwhile.
        guard let path = ToolArguments(json: arguments).string("path", "file_path"), let relative = try? writer.relativePath(path)
        else {
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
        guard let path = args.string("path", "file_path") else { return failure("edit_file needs a path") }
        let edits: [Edit]
        if case .array(let list)? = args.json["edits"] {
            guard !list.isEmpty else { return failure("edits is empty") }
            let parsed = list.map { Edit(ToolArguments(json: $0)) }
            if let missing = parsed.firstIndex(where: { $0 == nil }) {
                return failure("edit \(missing + 1) of \(list.count) needs old_string and new_string")
            }
            edits = parsed.compactMap { $0 }
        } else if let edit = Edit(args) {
            edits = [edit]
        } else {
            return failure("edit_file needs old_string and new_string (or edits)")
        }
        do {
            let relative = try writer.relativePath(path)
            guard let text = try writer.read(relative) else {
                return failure("'\(path)' does not exist; use write_file to create it")
            }
            var edited = text
            for (index, edit) in edits.enumerated() {
                let which = edits.count > 1 ? "edit \(index + 1) of \(edits.count): " : ""
                switch edit.apply(to: edited, in: relative) {
                case .success(let next): edited = next
                case .failure(let problem): return failure(which + problem.text + (edits.count > 1 ? "; no edit was made" : ""))
                }
            }
            return .success((relative, text, edited))
        } catch {
            return failure("\(error)")
        }
    }

    /// One replacement of an `edit_file` call.
    private struct Edit {
        var old: String
        var new: String
        var replaceAll: Bool

        init?(_ args: ToolArguments) {
            guard let old = args.string("old_string"), let new = args.string("new_string") else { return nil }
            self.old = old
            self.new = new
            self.replaceAll = args.bool("replace_all") ?? false
        }

        /// Why an edit cannot be made.
        struct Problem: Error {
            var text: String
        }

        /// `text` with this edit made, or why it cannot be.
        func apply(to text: String, in path: String) -> Result<String, Problem> {
            guard !old.isEmpty else { return .failure(Problem(text: "old_string is empty; use write_file to create a file")) }
            let count = text.components(separatedBy: old).count - 1
            guard count > 0 else { return .failure(Problem(text: "old_string was not found in \(path)")) }
            guard count == 1 || replaceAll else {
                return .failure(
                    Problem(text: "old_string occurs \(count) times in \(path); add context to make it unique or set replace_all")
                )
            }
            return .success(
                replaceAll ? text.replacingOccurrences(of: old, with: new) : EditFileTool.replaceFirst(old, with: new, in: text))
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
