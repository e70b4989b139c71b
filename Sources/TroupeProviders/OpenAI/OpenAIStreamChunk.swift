import TroupeCore

/// The fields of one `chat.completion.chunk` that the decoder uses, pulled from its JSON without
/// building the rest (ids, model names and fingerprints are skipped). A repeated member keeps its
/// last value, as in a parsed tree.
struct OpenAIStreamChunk {
    /// A piece of a tool call, matched to its call by `index`.
    struct CallFragment {
        var index: Int?
        var id: String?
        var name: String?
        var arguments: String?
    }

    /// One choice's delta and finish reason.
    struct Choice {
        var content: String?
        var callFragments: [CallFragment] = []
        var finishReason: String?
    }

    /// `error`, whatever its shape, when the chunk carries one.
    var error: JSONValue?
    /// `usage`, when present (null in most chunks).
    var usage: JSONValue?
    var choices: [Choice] = []

    /// The chunk `text` holds; throws if it is not JSON.
    init(json text: String) throws {
        try JSONTextParser.pull(text) { parser in
            try parser.forEachMember { name, parser in
                switch name {
                case "error": error = try parser.readValue()
                case "usage": usage = try parser.readValue()
                case "choices":
                    choices = []
                    try parser.forEachElement { parser in choices.append(try Self.choice(&parser)) }
                default: break
                }
            }
        }
    }

    private static func choice(_ parser: inout JSONTextParser) throws -> Choice {
        var choice = Choice()
        try parser.forEachMember { name, parser in
            switch name {
            case "delta":
                (choice.content, choice.callFragments) = (nil, [])
                try parser.forEachMember { name, parser in
                    switch name {
                    case "content": choice.content = try parser.readString()
                    case "tool_calls":
                        choice.callFragments = []
                        try parser.forEachElement { parser in choice.callFragments.append(try fragment(&parser)) }
                    default: break
                    }
                }
            case "finish_reason": choice.finishReason = try parser.readString()
            default: break
            }
        }
        return choice
    }

    private static func fragment(_ parser: inout JSONTextParser) throws -> CallFragment {
        var fragment = CallFragment()
        try parser.forEachMember { name, parser in
            switch name {
            case "index": fragment.index = try parser.readInt()
            case "id": fragment.id = try parser.readString()
            case "function":
                (fragment.name, fragment.arguments) = (nil, nil)
                try parser.forEachMember { name, parser in
                    switch name {
                    case "name": fragment.name = try parser.readString()
                    case "arguments": fragment.arguments = try parser.readString()
                    default: break
                    }
                }
            default: break
            }
        }
        return fragment
    }
}
