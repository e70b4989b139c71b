import Foundation
public import TroupeCore

/// `outline`: what aider's repository map gives — the declarations (types, functions, methods) of
/// a file, or of every source file under a folder, with their line numbers and nested under their
/// types, found by a light scanner per language (Swift, Python, JavaScript/TypeScript, Go, Rust,
/// C/C++, Java). Files are chosen as `list_files` chooses them (ignore rules applied, hidden files
/// left out), read in parallel and shown in path order; when more declarations are found than
/// shown, it says how many.
public struct OutlineTool: WorkerTool {
    public let effect = ToolEffect.readsOnly
    let workspace: Workspace
    /// Declarations shown when the call sets no `limit`.
    static let defaultLimit = 400

    public init(workspace: Workspace) {
        self.workspace = workspace
    }

    public var spec: ToolSpec {
        ToolSpec(
            name: "outline",
            description: """
                The declarations (types, functions, methods) of a file, or of every source file under a folder, with \
                line numbers — to orient in code without reading it whole. Reads Swift, Python, JavaScript/TypeScript, \
                Go, Rust, C/C++ and Java.
                """,
            parameters: ToolSchema.object(
                [
                    "path": ("string", "file or folder relative to the workspace root (file_path is accepted too); default ."),
                    "glob": ("string", "only files whose path under `path` matches this glob, e.g. *.swift or src/**/*.ts"),
                    "limit": ("integer", "show at most this many declarations (default 400)"),
                ], required: []))
    }

    public func run(arguments: JSONValue) async -> ToolOutput {
        let args = ToolArguments(json: arguments)
        let globText = args.string("glob", "pattern")
        let glob = globText.flatMap { GlobPattern($0) }
        if let globText, glob == nil { return failure("the glob '\(globText)' cannot be read") }
        let limit = max(1, args.int("limit") ?? Self.defaultLimit)
        let target: URL
        do {
            target = try workspace.resolve(args.string("path", "file_path") ?? ".")
        } catch {
            return failure("\(error)")
        }
        let base = workspace.relativePath(target)
        if DirectoryEntries.kind(of: target.path) != .directory, OutlineScanner(path: target.path) == nil {
            let text = "\(base) has no outline: outline reads \(Self.languagesRead)"
            return ToolOutput(text: text, summary: "outline: \(base) is in no language outline reads")
        }
        let folderPrefix = target.path.hasSuffix("/") ? target.path : target.path + "/"
        let chosen = FileSet(workspace: workspace).files(under: target).paths.filter { path in
            guard let glob else { return true }
            return glob.matches(path.hasPrefix(folderPrefix) ? String(path.dropFirst(folderPrefix.count)) : path)
        }
        let sources = chosen.compactMap { path in OutlineScanner(path: path).map { Source(path: path, scanner: $0) } }
        let outlines = await Self.outline(sources)
        return report(outlines, otherFiles: chosen.count - sources.count, base: base, limit: limit)
    }

    /// A file to outline and the scanner for its language.
    struct Source: Sendable {
        var path: String
        var scanner: OutlineScanner
    }

    /// Every source outlined, two at a time per core, in the order given.
    static func outline(_ sources: [Source]) async -> [FileOutline] {
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount * 2)
        let chunk = max(1, (sources.count + workers - 1) / workers)
        return await withTaskGroup(of: [(Int, FileOutline)].self) { group in
            for start in stride(from: 0, to: sources.count, by: chunk) {
                group.addTask {
                    (start..<min(sources.count, start + chunk)).map { index in
                        (index, FileOutline.read(sources[index].path, with: sources[index].scanner))
                    }
                }
            }
            var outlines = [FileOutline?](repeating: nil, count: sources.count)
            for await part in group {
                for (index, outline) in part { outlines[index] = outline }
            }
            return outlines.compactMap { $0 }
        }
    }

    /// The headline, then each file with declarations and its declarations (line number, then the
    /// signature indented by depth), up to `limit` declarations.
    private func report(_ outlines: [FileOutline], otherFiles: Int, base: String, limit: Int) -> ToolOutput {
        let read = outlines.filter { $0.skipped == nil }
        let declaring = read.filter { !$0.declarations.isEmpty }
        let total = declaring.reduce(0) { $0 + $1.declarations.count }
        var notes = ["\(Self.plural(read.count, "source file")) read"]
        let skips: [(FileOutline.Skipped, String)] = [
            (.binary, "binary skipped"), (.tooLarge, "over \(FileOutline.largestFile / (1024 * 1024)) MB skipped"),
            (.unreadable, "unreadable"),
        ]
        for (reason, note) in skips {
            let count = outlines.filter { $0.skipped == reason }.count
            if count > 0 { notes.append("\(count) \(note)") }
        }
        if otherFiles > 0 { notes.append("\(Self.plural(otherFiles, "file")) in other languages left out") }
        let found = "\(Self.plural(total, "declaration")) in \(Self.plural(declaring.count, "file"))"
        let headline = "\(found) under \(base) (\(notes.joined(separator: "; ")))"
        var lines = [headline]
        var shown = 0
        for file in declaring where shown < limit {
            lines.append("\(workspace.relativePath(ofPath: file.path)) (\(Self.plural(file.lineCount, "line")))")
            let width = String(file.lineCount).count
            for declaration in file.declarations.prefix(limit - shown) {
                let indent = String(repeating: "  ", count: declaration.depth)
                lines.append("  \(String(declaration.line).leftPadded(to: width))  \(indent)\(declaration.signature)")
                shown += 1
            }
        }
        if shown < total {
            let more = Self.plural(total - shown, "more declaration")
            lines.append("… \(more) not shown (limit \(limit)); outline a narrower path or raise limit")
        }
        return ToolOutput(text: lines.joined(separator: "\n"), summary: headline)
    }

    /// The languages read and their extensions, for a call on a file of another language.
    private static var languagesRead: String {
        let extensions = OutlineScanner.languages.keys.sorted().map { "." + $0 }.joined(separator: ", ")
        return "Swift, Python, JavaScript/TypeScript, Go, Rust, C/C++ and Java (\(extensions))"
    }

    private static func plural(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }

    private func failure(_ message: String) -> ToolOutput {
        ToolOutput(text: "error: \(message)", summary: "outline: \(message)", isError: true)
    }
}
