import Foundation
public import TroupeCore

/// `list_files`: Claude Code's `Glob` — the files under a folder matching a glob (`**/*.swift`,
/// `Sources/{App,Core}/*.swift`), chosen as ripgrep chooses them, newest first or by path; when
/// more match than are shown, it says how many.
public struct ListFilesTool: WorkerTool {
    public let effect = ToolEffect.readsOnly
    let workspace: Workspace
    /// Paths shown when the call sets no `limit`.
    static let defaultLimit = 200

    public init(workspace: Workspace) {
        self.workspace = workspace
    }

    public var spec: ToolSpec {
        ToolSpec(
            name: "list_files",
            description: """
                List the files under a folder of the workspace (recursive) that match a glob pattern such as \
                **/*.swift or src/**/*.{ts,tsx}; ignored and hidden files are left out unless asked for.
                """,
            parameters: ToolSchema.object(
                [
                    "pattern": ("string", "glob the path (relative to `path`) must match; default every file"),
                    "path": ("string", "folder relative to the workspace root; default ."),
                    "extension": ("string", "only files with this extension, e.g. swift"),
                    "sort": ("string", "path (default) or modified (newest first)"),
                    "limit": ("integer", "show at most this many paths (default 200)"),
                    "hidden": ("boolean", "include hidden files and folders"),
                    "no_ignore": ("boolean", "include files that ignore rules leave out"),
                ], required: []))
    }

    public func run(arguments: JSONValue) async -> ToolOutput {
        let args = ToolArguments(json: arguments)
        var filters: [GlobPattern] = []
        if let text = args.string("pattern", "glob") {
            guard let pattern = GlobPattern(text) else { return failure("the glob '\(text)' cannot be read") }
            filters.append(pattern)
        }
        let wanted = args.fileExtension()
        if let wanted, let pattern = GlobPattern.files(withExtension: wanted) { filters.append(pattern) }
        let byModification = args.string("sort") == "modified"
        let limit = max(1, args.int("limit", "head_limit") ?? Self.defaultLimit)
        let folder: URL
        do {
            folder = try workspace.resolve(args.string("path") ?? ".")
        } catch {
            return failure("\(error)")
        }
        let options = FileSet.Options(
            respectIgnores: !(args.bool("no_ignore") ?? false), includeHidden: args.bool("hidden") ?? false)
        let chosen = FileSet(workspace: workspace).files(under: folder, options: options)
        let base = workspace.relativePath(folder)
        let folderPrefix = folder.path.hasSuffix("/") ? folder.path : folder.path + "/"
        var files = chosen.paths.filter { path in
            let inFolder = path.hasPrefix(folderPrefix) ? String(path.dropFirst(folderPrefix.count)) : path
            return filters.allSatisfy { $0.matches(inFolder) }
        }
        if byModification {
            let dates = Dictionary(files.map { ($0, Self.modified($0)) }, uniquingKeysWith: { first, _ in first })
            files.sort { (dates[$0] ?? .distantPast, $1) > (dates[$1] ?? .distantPast, $0) }
        }
        let kind = wanted.map { ".\($0) " } ?? ""
        let globs = args.string("pattern", "glob").map { " matching \($0)" } ?? ""
        var headline = "\(files.count) \(kind)file\(files.count == 1 ? "" : "s")\(globs) under \(base)"
        headline += " (\(chosen.source)\(byModification ? "; newest first" : ""))"
        var lines = [headline] + files.prefix(limit).map { workspace.relativePath(ofPath: $0) }
        if files.count > limit {
            lines.append("… \(files.count - limit) more not shown (limit \(limit)); narrow the pattern or raise limit")
        }
        return ToolOutput(text: lines.joined(separator: "\n"), summary: headline)
    }

    private static func modified(_ path: String) -> Date {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date) ?? .distantPast
    }

    private func failure(_ message: String) -> ToolOutput {
        ToolOutput(text: "error: \(message)", summary: "list_files: \(message)", isError: true)
    }
}
