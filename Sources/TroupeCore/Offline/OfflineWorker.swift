import Foundation

/// The offline model as a worker: picks the local action a brief asks for, calls the matching
/// tool when it is offered, and reports the tool's result; otherwise says what it cannot do.
enum OfflineWorker {
    enum Intent: Equatable {
        case countLines, listFiles, search(String), read(String), summarize, unknown
    }

    static func reply(brief: Brief, request: ChatRequest) -> ChatMessage {
        let results = request.messages.filter { $0.role == .tool }
        if !results.isEmpty {
            return ChatMessage(role: .assistant, content: results.map(\.content).joined(separator: "\n\n"))
        }
        let offered = Set(request.tools.map(\.name))
        let scope = TaskScope.of(brief)
        switch intent(of: "\(brief.instruction) \(brief.details)") {
        case .countLines:
            return call("count_lines", scope.arguments, offered: offered, brief: brief)
        case .listFiles:
            return call("list_files", scope.arguments, offered: offered, brief: brief)
        case .search(let pattern):
            var arguments = scope.arguments
            arguments["pattern"] = .string(pattern)
            // A word asked about in prose: as written, in whatever case the code has it.
            arguments["fixed_strings"] = .bool(true)
            arguments["-i"] = .bool(true)
            return call("search_files", arguments, offered: offered, brief: brief)
        case .read(let path):
            return call("read_file", ["path": .string(path)], offered: offered, brief: brief)
        case .summarize where !brief.dependencyResults.isEmpty:
            return ChatMessage(role: .assistant, content: summary(of: brief))
        case .summarize, .unknown:
            return ChatMessage(role: .assistant, content: cannot(brief.instruction))
        }
    }

    /// The tool that carries out `intent` and the action it is, if one does.
    static func tool(for intent: Intent) -> (tool: String, action: String)? {
        switch intent {
        case .countLines: return ("count_lines", "count")
        case .listFiles: return ("list_files", "list")
        case .search: return ("search_files", "search")
        case .read: return ("read_file", "read")
        case .summarize, .unknown: return nil
        }
    }

    static func intent(of text: String) -> Intent {
        let lower = text.lowercased()
        let stems = Set(WordStems.stems(of: text))
        func has(_ words: String...) -> Bool { words.contains { stems.contains(WordStems.stem($0)) } }
        if let pattern = quoted(in: text) ?? codeWord(in: text),
            has("search", "grep", "find", "look", "occurrence", "mention", "contain", "where", "locate", "defined")
        {
            return .search(pattern)
        }
        if has("read", "open", "show", "display"), let path = fileName(in: text) { return .read(path) }
        if has("count", "measure", "size") || lower.contains("how many lines") || lower.contains("how long") {
            return has("line", "word") || !has("file") ? .countLines : .listFiles
        }
        if has("list", "find", "locate", "enumerate", "which") || lower.contains("how many files") { return .listFiles }
        if has("summarize", "summary", "write", "draft", "report", "describe", "explain", "changelog") { return .summarize }
        return .unknown
    }

    private static func call(_ tool: String, _ arguments: [String: JSONValue], offered: Set<String>, brief: Brief) -> ChatMessage
    {
        guard offered.contains(tool) else {
            return ChatMessage(
                role: .assistant,
                content:
                    "I would use \(tool) for this, but it is not among my tools (\(offered.sorted().joined(separator: ", "))). "
                    + "Hand this step to a persona that has \(tool).")
        }
        let json = (try? JSONCoding.string(JSONValue.object(arguments))) ?? "{}"
        let id = "call_\(brief.step ?? 0)_\(tool)"
        return ChatMessage(role: .assistant, content: "", toolCalls: [ToolCall(id: id, name: tool, arguments: json)])
    }

    /// The dependencies' headline results with their largest items, labelled as assembled offline.
    static func summary(of brief: Brief) -> String {
        var lines = ["Summary (\(OfflineModel.label); assembled from the team's results):"]
        for dependency in brief.dependencyResults {
            if let document = ExtractiveSummary.of(readOutput: dependency.output) {
                lines.append(document)
                continue
            }
            let outputLines = dependency.output.split(separator: "\n").map(String.init)
            lines.append("- \(dependency.title): \(outputLines.first ?? "no result")")
            if let header = outputLines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix("lines  words") }) {
                let top = outputLines[(header + 1)...].prefix(3).compactMap(countRow)
                if !top.isEmpty { lines.append("  largest: " + top.joined(separator: ", ")) }
            }
        }
        return lines.joined(separator: "\n")
    }

    /// `"  164    697  path"` (a `count_lines` row) as `"path (164 lines)"`.
    private static func countRow(_ row: String) -> String? {
        let fields = row.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
        guard fields.count == 3, let lines = Int(fields[0]) else { return nil }
        return "\(fields[2].trimmingCharacters(in: .whitespaces)) (\(lines) lines)"
    }

    static func cannot(_ instruction: String) -> String {
        """
        The offline model cannot do "\(instruction)": it needs a language model. Offline I can list, read \
        and search files and count lines and words in the working directory, and summarize what other \
        steps found. \(OfflineModel.providerHint)
        """
    }

    private static func quoted(in text: String) -> String? {
        for (open, close) in [("\"", "\""), ("'", "'"), ("`", "`"), ("“", "”")] {
            let parts = text.components(separatedBy: open)
            if parts.count >= 2 {
                let rest = parts[1...].joined(separator: open)
                if let end = rest.range(of: close), !rest[..<end.lowerBound].isEmpty { return String(rest[..<end.lowerBound]) }
            }
        }
        return nil
    }

    /// A word that reads as code rather than English, taken literally when searching: `TODO`,
    /// `FIXME` (capitals), `WorkerRunner` (inner capitals), `max_parallel` (underscore).
    private static func codeWord(in text: String) -> String? {
        text.split(separator: " ").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",;:!?()\"'`")) }
            .first { word in
                guard word.count >= 2, !word.contains("."), !word.contains("/") else { return false }
                let letters = word.filter(\.isLetter)
                let capitals = letters.allSatisfy(\.isUppercase) && letters.count >= 2
                let innerCapital = word.dropFirst().contains(where: \.isUppercase) && word.contains(where: \.isLowercase)
                return capitals || innerCapital || (word.contains("_") && !letters.isEmpty)
            }
    }

    private static func fileName(in text: String) -> String? {
        text.split(separator: " ").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",;:!?()\"'`")) }
            .first { word in
                let parts = word.split(separator: ".")
                return parts.count >= 2 && (parts.last?.count ?? 0) <= 5 && !(parts.last ?? "").isEmpty && word.first != "."
            }
    }
}
