import TroupeCore

/// The fields of one Messages stream event that the decoder uses, pulled from its JSON without
/// building the rest. A repeated member keeps its last value, as in a parsed tree.
struct AnthropicStreamEvent {
    /// Token counts from a `usage` object.
    struct Usage {
        var input: Int?
        var output: Int?
    }

    /// A `content_block` starting.
    struct BlockStart {
        var type: String?
        var id: String?
        var name: String?
        var thinking: String?
        var signature: String?
    }

    /// A `delta`: a content block's piece, or the message's stop reason.
    struct Delta {
        var type: String?
        var text: String?
        var partialJSON: String?
        var thinking: String?
        var signature: String?
        var stopReason: String?
    }

    var type: String?
    var index: Int?
    /// `message.usage`, sent with `message_start`.
    var messageUsage: Usage?
    /// `usage`, sent with `message_delta`.
    var usage: Usage?
    var contentBlock: BlockStart?
    var delta: Delta?
    var errorType: String?
    var errorMessage: String?

    /// The event `text` holds; throws if it is not JSON.
    init(json text: String) throws {
        try JSONTextParser.pull(text) { parser in
            try parser.forEachMember { name, parser in
                switch name {
                case "type": type = try parser.readString()
                case "index": index = try parser.readInt()
                case "message":
                    messageUsage = nil
                    try parser.forEachMember { name, parser in
                        if name == "usage" { messageUsage = try Self.usage(&parser) }
                    }
                case "usage": usage = try Self.usage(&parser)
                case "content_block": contentBlock = try Self.blockStart(&parser)
                case "delta": delta = try Self.delta(&parser)
                case "error":
                    (errorType, errorMessage) = (nil, nil)
                    try parser.forEachMember { name, parser in
                        switch name {
                        case "type": errorType = try parser.readString()
                        case "message": errorMessage = try parser.readString()
                        default: break
                        }
                    }
                default: break
                }
            }
        }
    }

    private static func usage(_ parser: inout JSONTextParser) throws -> Usage {
        var usage = Usage()
        try parser.forEachMember { name, parser in
            switch name {
            case "input_tokens": usage.input = try parser.readInt()
            case "output_tokens": usage.output = try parser.readInt()
            default: break
            }
        }
        return usage
    }

    private static func blockStart(_ parser: inout JSONTextParser) throws -> BlockStart {
        var block = BlockStart()
        try parser.forEachMember { name, parser in
            switch name {
            case "type": block.type = try parser.readString()
            case "id": block.id = try parser.readString()
            case "name": block.name = try parser.readString()
            case "thinking": block.thinking = try parser.readString()
            case "signature": block.signature = try parser.readString()
            default: break
            }
        }
        return block
    }

    private static func delta(_ parser: inout JSONTextParser) throws -> Delta {
        var delta = Delta()
        try parser.forEachMember { name, parser in
            switch name {
            case "type": delta.type = try parser.readString()
            case "text": delta.text = try parser.readString()
            case "partial_json": delta.partialJSON = try parser.readString()
            case "thinking": delta.thinking = try parser.readString()
            case "signature": delta.signature = try parser.readString()
            case "stop_reason": delta.stopReason = try parser.readString()
            default: break
            }
        }
        return delta
    }
}
