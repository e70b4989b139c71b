import TroupeCore

/// The fields of one `/api/chat` NDJSON line that the decoder uses, pulled from its JSON without
/// building the rest. A repeated member keeps its last value, as in a parsed tree.
struct OllamaStreamLine {
    /// A whole tool call; `arguments` is an object in this API, kept as a tree.
    struct Call {
        var id: String?
        var name: String?
        var arguments: JSONValue?
    }

    /// `error`, whatever its shape, when the line carries one.
    var error: JSONValue?
    var content: String?
    var thinking: String?
    var calls: [Call] = []
    var done: Bool?
    var doneReason: String?
    var promptEvalCount: Int?
    var evalCount: Int?

    /// The line `text` holds; throws if it is not JSON.
    init(json text: String) throws {
        try JSONTextParser.pull(text) { parser in
            try parser.forEachMember { name, parser in
                switch name {
                case "error": error = try parser.readValue()
                case "message": try readMessage(&parser)
                case "done": done = try parser.readBool()
                case "done_reason": doneReason = try parser.readString()
                case "prompt_eval_count": promptEvalCount = try parser.readInt()
                case "eval_count": evalCount = try parser.readInt()
                default: break
                }
            }
        }
    }

    private mutating func readMessage(_ parser: inout JSONTextParser) throws {
        (content, thinking, calls) = (nil, nil, [])
        try parser.forEachMember { name, parser in
            switch name {
            case "content": content = try parser.readString()
            case "thinking": thinking = try parser.readString()
            case "tool_calls":
                calls = []
                try parser.forEachElement { parser in calls.append(try Self.call(&parser)) }
            default: break
            }
        }
    }

    private static func call(_ parser: inout JSONTextParser) throws -> Call {
        var call = Call()
        try parser.forEachMember { name, parser in
            switch name {
            case "id": call.id = try parser.readString()
            case "function":
                (call.name, call.arguments) = (nil, nil)
                try parser.forEachMember { name, parser in
                    switch name {
                    case "name": call.name = try parser.readString()
                    case "arguments": call.arguments = try parser.readValue()
                    default: break
                    }
                }
            default: break
            }
        }
        return call
    }
}
