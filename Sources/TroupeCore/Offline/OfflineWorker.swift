import Foundation

/// The offline model as a worker: picks the local action a brief asks for, calls the matching
/// tool when it is offered, and answers from the tool's result; otherwise says the step needs a
/// language model.
enum OfflineWorker {
    /// A worker reply and whether it says the work needs a language model.
    struct Reply {
        var message: ChatMessage
        var needsLanguageModel = false

        init(_ content: String, needsLanguageModel: Bool = false) {
            self.message = ChatMessage(role: .assistant, content: content)
            self.needsLanguageModel = needsLanguageModel
        }

        init(calling call: ToolCall) {
            self.message = ChatMessage(role: .assistant, content: "", toolCalls: [call])
        }
    }

    static func reply(brief: Brief, request: ChatRequest) -> Reply {
        let text = "\(brief.instruction) \(brief.details)"
        let intent = OfflineIntent.of(text)
        let results = request.messages.filter { $0.role == .tool }.map(\.content)
        if !results.isEmpty { return Reply(OfflineAnswer.answer(intent, asked: text, results: results)) }
        let offered = Set(request.tools.map(\.name))
        let scope = TaskScope.of(brief)
        switch intent {
        case .countLines, .listFiles:
            return call(intent, scope.arguments, offered: offered, brief: brief)
        case .search(let term):
            var arguments = scope.arguments
            arguments["pattern"] = .string(term)
            // A word asked about in prose: as written, in whatever case the code has it.
            arguments["fixed_strings"] = .bool(true)
            arguments["-i"] = .bool(true)
            return call(intent, arguments, offered: offered, brief: brief)
        case .findDefinition(let name):
            var arguments = scope.arguments
            arguments["pattern"] = .string(Self.definitionPattern(name))
            return call(intent, arguments, offered: offered, brief: brief)
        case .outline(let path):
            return call(
                intent, ["path": .string(path ?? scope.arguments["path"]?.stringValue ?? ".")], offered: offered, brief: brief)
        case .summarizeFile(let path) where OfflineAnswer.isCode(path) && offered.contains("outline"):
            // Code is summarized by what it declares.
            return call(.outline(path), ["path": .string(path)], offered: offered, brief: brief)
        case .read(let path), .summarizeFile(let path):
            return call(intent, ["path": .string(path)], offered: offered, brief: brief)
        case .summarize where !brief.dependencyResults.isEmpty:
            return Reply(OfflineAnswer.summary(of: brief))
        case .summarize, .unknown:
            return Reply(OfflineAnswer.beyondModel(brief.instruction), needsLanguageModel: true)
        }
    }

    /// A regular expression for the line that declares `name` in the common languages: a type,
    /// function, method, constant or variable introduced by its keyword.
    static func definitionPattern(_ name: String) -> String {
        let keywords = "class|struct|enum|protocol|actor|extension|typealias|func|def|fn|interface|type|trait|impl|let|var|const"
        return "\\b(\(keywords))\\s+\(NSRegularExpression.escapedPattern(for: name))\\b"
    }

    private static func call(_ intent: OfflineIntent, _ arguments: [String: JSONValue], offered: Set<String>, brief: Brief)
        -> Reply
    {
        guard let tool = intent.tool?.name else {
            return Reply(OfflineAnswer.beyondModel(brief.instruction), needsLanguageModel: true)
        }
        guard offered.contains(tool) else {
            return Reply(
                "I would use \(tool) for this, but it is not among my tools (\(offered.sorted().joined(separator: ", "))). "
                    + "Hand this step to a persona that has \(tool).")
        }
        let json = (try? JSONCoding.string(JSONValue.object(arguments))) ?? "{}"
        return Reply(calling: ToolCall(id: "call_\(brief.step ?? 0)_\(tool)", name: tool, arguments: json))
    }
}
