import Foundation
import TroupeCore

/// `search_files`: lines containing a string (case-insensitive) in the files under a path.
public struct SearchFilesTool: WorkerTool {
    let workspace: Workspace
    let maxHits = 100

    public init(workspace: Workspace) {
        self.workspace = workspace
    }

    public var spec: ToolSpec {
        ToolSpec(
            name: "search_files",
            description: "Find lines containing a text (case-insensitive) in the files under a folder.",
            parameters: ToolSchema.object(
                [
                    "pattern": ("string", "the text to look for"),
                    "path": ("string", "folder or file relative to the workspace root; default ."),
                    "extension": ("string", "only files with this extension"),
                ], required: ["pattern"]))
    }

    public func run(arguments: JSONValue) async -> ToolOutput {
        let args = ToolArguments(json: arguments)
        guard let pattern = args.string("pattern"), !pattern.isEmpty else {
            return ToolOutput(text: "error: search_files needs a pattern", summary: "search without a pattern", isError: true)
        }
        do {
            let target = try workspace.resolve(args.string("path") ?? ".")
            var hits: [String] = []
            var total = 0
            var files = Set<String>()
            for url in workspace.files(under: target, extension: args.string("extension")) {
                guard let data = try? Data(contentsOf: url), !data.contains(0) else { continue }
                let relative = workspace.relativePath(url)
                for (index, line) in String(decoding: data, as: UTF8.self).split(
                    separator: "\n", omittingEmptySubsequences: false
                ).enumerated()
                where line.range(of: pattern, options: .caseInsensitive) != nil {
                    total += 1
                    files.insert(relative)
                    if hits.count < maxHits {
                        hits.append("\(relative):\(index + 1): \(line.trimmingCharacters(in: .whitespaces))")
                    }
                }
            }
            let headline =
                "\(total) match\(total == 1 ? "" : "es") of \"\(pattern)\" in \(files.count) file\(files.count == 1 ? "" : "s") under \(workspace.relativePath(target))"
            var lines = [headline] + hits
            if total > hits.count { lines.append("… and \(total - hits.count) more") }
            return ToolOutput(text: lines.joined(separator: "\n"), summary: headline)
        } catch {
            return ToolOutput(text: "error: \(error)", summary: "search_files failed: \(error)", isError: true)
        }
    }
}
