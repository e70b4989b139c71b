import TroupeCore

/// Reads the arguments of a tool call with defaults.
struct ToolArguments {
    let json: JSONValue

    func string(_ key: String) -> String? {
        json[key]?.stringValue
    }

    func int(_ key: String) -> Int? {
        if case .number? = json[key] { return json[key]?.intValue }
        return json[key]?.stringValue.flatMap { Int($0) }
    }
}

/// Schema helpers for tool specs.
enum ToolSchema {
    static func object(_ properties: [String: (type: String, description: String)], required: [String]) -> JSONValue {
        .object([
            "type": .string("object"),
            "properties": .object(
                properties.mapValues { .object(["type": .string($0.type), "description": .string($0.description)]) }),
            "required": .array(required.map(JSONValue.string)),
        ])
    }
}
