/// Whether two values would be written as the same bytes. `==` is not enough for a delta: it holds
/// canonically equivalent strings equal (`é` and `e` with a combining accent) and `0.0` equal to
/// `-0.0`, and a request rebuilt from a delta must be the bytes that were sent.
enum ByteIdentity {
    static func same(_ left: String, _ right: String) -> Bool {
        left.utf8.elementsEqual(right.utf8)
    }

    static func same(_ left: String?, _ right: String?) -> Bool {
        switch (left, right) {
        case (nil, nil): return true
        case (let left?, let right?): return same(left, right)
        default: return false
        }
    }

    static func same(_ left: Double?, _ right: Double?) -> Bool {
        left?.bitPattern == right?.bitPattern
    }

    static func same(_ left: JSONValue, _ right: JSONValue) -> Bool {
        switch (left, right) {
        case (.null, .null): return true
        case (.bool(let left), .bool(let right)): return left == right
        case (.number(let left), .number(let right)): return left.bitPattern == right.bitPattern
        case (.string(let left), .string(let right)): return same(left, right)
        case (.array(let left), .array(let right)):
            return left.count == right.count && zip(left, right).allSatisfy { same($0, $1) }
        case (.object(let left), .object(let right)):
            // Keys are found by `==` (canonical equivalence), so each key's bytes are compared too.
            return left.count == right.count
                && left.allSatisfy { key, value in
                    guard let index = right.index(forKey: key), same(right[index].key, key) else { return false }
                    return same(value, right[index].value)
                }
        default: return false
        }
    }

    /// Everything of a request but its messages.
    static func sameSettings(_ left: ChatRequest, _ right: ChatRequest) -> Bool {
        same(left.agent, right.agent) && left.purpose == right.purpose && left.maxOutputTokens == right.maxOutputTokens
            && same(left.temperature, right.temperature)
            && left.tools.count == right.tools.count
            && zip(left.tools, right.tools).allSatisfy {
                same($0.name, $1.name) && same($0.description, $1.description) && same($0.parameters, $1.parameters)
            }
            && sameFormat(left.responseFormat, right.responseFormat)
    }

    private static func sameFormat(_ left: ResponseFormat?, _ right: ResponseFormat?) -> Bool {
        switch (left, right) {
        case (nil, nil): return true
        case (let left?, let right?): return same(left.name, right.name) && same(left.schema, right.schema)
        default: return false
        }
    }

    /// Everything of a message but its content.
    static func sameApartFromContent(_ left: ChatMessage, _ right: ChatMessage) -> Bool {
        left.role == right.role && same(left.toolCallID, right.toolCallID)
            && left.toolCalls.count == right.toolCalls.count
            && zip(left.toolCalls, right.toolCalls).allSatisfy {
                same($0.id, $1.id) && same($0.name, $1.name) && same($0.arguments, $1.arguments)
            }
            && sameReasoning(left.reasoning, right.reasoning)
    }

    private static func sameReasoning(_ left: [ReasoningBlock]?, _ right: [ReasoningBlock]?) -> Bool {
        switch (left, right) {
        case (nil, nil): return true
        case (let left?, let right?):
            return left.count == right.count
                && zip(left, right).allSatisfy { same($0.text, $1.text) && same($0.signature, $1.signature) }
        default: return false
        }
    }
}
