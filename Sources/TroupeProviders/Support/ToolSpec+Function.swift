import TroupeCore

extension ToolSpec {
    /// `{"type": "function", "function": {name, description, parameters}}`, as OpenAI-compatible
    /// servers and Ollama take tools.
    var functionTool: JSONValue {
        .object([
            "type": .string("function"),
            "function": .object([
                "name": .string(name), "description": .string(description), "parameters": parameters,
            ]),
        ])
    }
}
