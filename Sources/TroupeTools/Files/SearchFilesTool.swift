import Foundation
public import TroupeCore

/// `search_files`: Claude Code's `Grep` — a regular expression (or literal) over the files under
/// a path, chosen as ripgrep chooses them (ignore files applied, hidden files left out), with a
/// glob or type filter, output as matching lines with context, file names, or counts.
public struct SearchFilesTool: WorkerTool {
    public let effect = ToolEffect.readsOnly
    let workspace: Workspace
    /// Entries shown when the call sets no `head_limit`.
    static let defaultLimit = 100
    /// How long one search may take before it answers with what it found so far.
    static let timeLimit = Duration.seconds(30)

    public init(workspace: Workspace) {
        self.workspace = workspace
    }

    public var spec: ToolSpec {
        ToolSpec(
            name: "search_files",
            description: """
                Search file contents with a regular expression (literal text works as is), like ripgrep. \
                Files ignored by .gitignore and hidden files are skipped unless asked for. output_mode: \
                content (matching lines with line numbers; the default), files_with_matches, or count.
                """,
            parameters: ToolSchema.object(
                [
                    "pattern": ("string", "regular expression or text to find"),
                    "path": ("string", "folder or file relative to the workspace root; default ."),
                    "glob": ("string", "only files matching this glob, e.g. *.swift or Sources/**/*.ts"),
                    "type": ("string", "only files of this type, e.g. swift, py, js, ts, go, rust, md"),
                    "extension": ("string", "only files with this extension"),
                    "output_mode": ("string", "content, files_with_matches or count"),
                    "-i": ("boolean", "case-insensitive"),
                    "-n": ("boolean", "line numbers in content mode (default true)"),
                    "-A": ("integer", "lines of context after each match"),
                    "-B": ("integer", "lines of context before each match"),
                    "-C": ("integer", "lines of context before and after each match"),
                    "multiline": ("boolean", "let the pattern span lines (. matches a line break)"),
                    "fixed_strings": ("boolean", "take the pattern as literal text, not a regular expression"),
                    "head_limit": ("integer", "show at most this many lines, files or counts (default 100)"),
                    "hidden": ("boolean", "search hidden files and folders too"),
                    "no_ignore": ("boolean", "search files that ignore rules leave out too"),
                ], required: ["pattern"]))
    }

    /// What the call asked for.
    struct Request {
        enum Mode: String { case content, filesWithMatches = "files_with_matches", count }
        var matcher: TextMatcher
        var mode: Mode
        var before: Int
        var after: Int
        var lineNumbers: Bool
        var multiline: Bool
        var limit: Int
        var filters: [GlobPattern]
        var options: FileSet.Options
        /// Said in the headline: how the pattern was taken when not as written.
        var note: String?
        /// How long the search may take.
        var timeLimit = SearchFilesTool.timeLimit
    }

    public func run(arguments: JSONValue) async -> ToolOutput {
        let args = ToolArguments(json: arguments)
        guard let pattern = args.string("pattern"), !pattern.isEmpty else {
            return failure("search_files needs a pattern")
        }
        let request: Request
        do {
            request = try Self.request(args, pattern: pattern)
        } catch {
            return failure("\(error)")
        }
        let target: URL
        do {
            target = try workspace.resolve(args.string("path") ?? ".")
        } catch {
            return failure("\(error)")
        }
        let chosen = FileSet(workspace: workspace).files(under: target, options: request.options)
        let files = chosen.paths.filter { path in
            request.filters.isEmpty || request.filters.contains { $0.matches(workspace.relativePath(ofPath: path)) }
        }
        let results = await Self.search(files, request: request)
        return Self.report(
            results, files: files, source: chosen.source, request: request, pattern: pattern, target: target, workspace: workspace
        )
    }

    /// `limit` in seconds when it is a whole number of them, else in milliseconds.
    static func describe(_ limit: Duration) -> String {
        let milliseconds = Int(limit / .milliseconds(1))
        return milliseconds % 1000 == 0 ? "\(milliseconds / 1000) s" : "\(milliseconds) ms"
    }

    private func failure(_ message: String) -> ToolOutput {
        ToolOutput(text: "error: \(message)", summary: "search_files: \(message)", isError: true)
    }

    /// The request the arguments describe, under Claude Code's names and Troupe's.
    static func request(_ args: ToolArguments, pattern: String) throws -> Request {
        let modeName = args.string("output_mode") ?? "content"
        guard let mode = Request.Mode(rawValue: modeName) else {
            throw TextMatcher.InvalidPattern(description: "output_mode '\(modeName)': use content, files_with_matches or count")
        }
        let multiline = args.bool("multiline") ?? false
        let ignoreCase = args.bool("-i") ?? args.bool("ignore_case") ?? false
        let literal = args.bool("fixed_strings") ?? false
        var note: String?
        let matcher: TextMatcher
        do {
            matcher = try TextMatcher(pattern: pattern, ignoreCase: ignoreCase, multiline: multiline, literal: literal)
        } catch  where !multiline {
            // Models often paste code (`parse(`) where a regular expression is read: search it as text.
            matcher = try TextMatcher(pattern: pattern, ignoreCase: ignoreCase, literal: true)
            note = "not a valid regular expression, so searched as literal text"
        }
        var filters: [GlobPattern] = []
        if let glob = args.string("glob") {
            guard let pattern = GlobPattern(glob) else {
                throw TextMatcher.InvalidPattern(description: "glob '\(glob)' cannot be read")
            }
            filters.append(pattern)
        }
        if let type = args.string("type") {
            guard let patterns = FileTypes.patterns(type) else {
                let known = FileTypes.globs.keys.sorted().joined(separator: ", ")
                throw TextMatcher.InvalidPattern(description: "type '\(type)' is not known here (known: \(known))")
            }
            filters += patterns
        }
        if let wanted = args.fileExtension(), let pattern = GlobPattern.files(withExtension: wanted) { filters.append(pattern) }
        let context = max(0, args.int("-C") ?? args.int("context") ?? 0)
        return Request(
            matcher: matcher, mode: mode, before: max(0, args.int("-B") ?? context), after: max(0, args.int("-A") ?? context),
            lineNumbers: args.bool("-n") ?? true, multiline: multiline, limit: max(1, args.int("head_limit") ?? defaultLimit),
            filters: filters,
            options: FileSet.Options(
                respectIgnores: !(args.bool("no_ignore") ?? false), includeHidden: args.bool("hidden") ?? false),
            note: note)
    }

    /// Every file searched, two at a time per core, results in path order.
    static func search(_ files: [String], request: Request) async -> [(String, FileSearch.Result)] {
        let searcher = FileSearch(
            matcher: request.matcher, before: request.before, after: request.after, multiline: request.multiline,
            wantsLines: request.mode == .content, deadline: .now + request.timeLimit)
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount * 2)
        let chunk = max(1, (files.count + workers - 1) / workers)
        return await withTaskGroup(of: [(Int, FileSearch.Result)].self) { group in
            for start in stride(from: 0, to: files.count, by: chunk) {
                group.addTask {
                    // Cancelled (Ctrl-C, /stop) or out of time, the files not yet read are left unread.
                    (start..<min(files.count, start + chunk)).map { ($0, searcher.search(files[$0])) }
                }
            }
            var results = [FileSearch.Result?](repeating: nil, count: files.count)
            for await part in group { for (index, result) in part { results[index] = result } }
            return zip(files, results).map { ($0, $1 ?? FileSearch.Result()) }
        }
    }

    static func report(
        _ results: [(String, FileSearch.Result)], files: [String], source: String, request: Request, pattern: String, target: URL,
        workspace: Workspace
    ) -> ToolOutput {
        let matched = results.filter { $0.1.matches > 0 }
        let total = matched.reduce(0) { $0 + $1.1.matches }
        let binary = results.filter { $0.1.binary }.count
        let plural = { (count: Int, word: String) in "\(count) \(word)\(count == 1 ? "" : (word.hasSuffix("h") ? "es" : "s"))" }
        var headline =
            "\(plural(total, "match")) of \"\(pattern)\" in \(plural(matched.count, "file")) under \(workspace.relativePath(target))"
            + " (\(plural(files.count, "file")) searched: \(source)"
        if binary > 0 { headline += "; \(binary) binary skipped" }
        let large = results.filter { $0.1.tooLarge }.count
        if large > 0 { headline += "; \(plural(large, "file")) over \(FileSearch.largestFile >> 20) MB skipped" }
        let unsearched = results.filter { $0.1.notSearched }.count
        let partly = results.filter { $0.1.stopped }.count
        if unsearched + partly > 0 {
            headline += Task.isCancelled ? "; cancelled" : "; stopped at the \(Self.describe(request.timeLimit)) time limit"
            if partly > 0 { headline += ", \(plural(partly, "file")) searched only in part" }
            if unsearched > 0 { headline += ", \(plural(unsearched, "file")) not searched" }
        }
        if let note = request.note { headline += "; the pattern is \(note)" }
        headline += ")"
        var entries: [String] = []
        switch request.mode {
        case .filesWithMatches:
            entries = matched.map { workspace.relativePath(ofPath: $0.0) }
        case .count:
            entries = matched.map { "\(workspace.relativePath(ofPath: $0.0)):\($0.1.matches)" }
        case .content:
            for (path, result) in matched {
                let relative = workspace.relativePath(ofPath: path)
                var previous: Int?
                for line in result.lines {
                    if request.before + request.after > 0, let previous, line.number > previous + 1 { entries.append("--") }
                    let number = request.lineNumbers ? "\(line.number)\(line.isMatch ? ":" : "-")" : ""
                    entries.append("\(relative)\(line.isMatch || !request.lineNumbers ? ":" : "-")\(number) \(line.text)")
                    previous = line.number
                }
            }
        }
        var lines = [headline] + entries.prefix(request.limit)
        if entries.count > request.limit {
            lines.append(
                "… \(entries.count - request.limit) more not shown (head_limit \(request.limit)); narrow the search or raise head_limit"
            )
        }
        return ToolOutput(text: lines.joined(separator: "\n"), summary: headline)
    }
}
