// The request's canonical JSON written directly (it is hashed on every model call); the order
// of members is their keys' UTF-8 order, as `encode(to:)` through `CanonicalJSONEncoder` gives.

extension ChatRequest: CanonicalJSONWritable {
    func write(to json: inout CanonicalJSONWriter) throws {
        try json.beginObject()
        json.member("agent")
        json.string(agent)
        if let maxOutputTokens {
            json.member("maxOutputTokens")
            json.integer(maxOutputTokens)
        }
        json.member("messages")
        try json.array(messages)
        json.member("purpose")
        json.string(purpose.rawValue)
        if let responseFormat {
            json.member("responseFormat")
            try json.value(responseFormat)
        }
        if let temperature {
            json.member("temperature")
            try json.double(temperature)
        }
        json.member("tools")
        try json.array(tools)
        json.endObject()
    }
}

extension ChatMessage: CanonicalJSONWritable {
    func write(to json: inout CanonicalJSONWriter) throws {
        try json.beginObject()
        json.member("content")
        json.string(content)
        if let reasoning {
            json.member("reasoning")
            try json.array(reasoning)
        }
        json.member("role")
        json.string(role.rawValue)
        if let toolCallID {
            json.member("toolCallID")
            json.string(toolCallID)
        }
        json.member("toolCalls")
        try json.array(toolCalls)
        json.endObject()
    }
}

extension ToolCall: CanonicalJSONWritable {
    func write(to json: inout CanonicalJSONWriter) throws {
        try json.beginObject()
        json.member("arguments")
        json.string(arguments)
        json.member("id")
        json.string(id)
        json.member("name")
        json.string(name)
        json.endObject()
    }
}

extension ReasoningBlock: CanonicalJSONWritable {
    func write(to json: inout CanonicalJSONWriter) throws {
        try json.beginObject()
        if let signature {
            json.member("signature")
            json.string(signature)
        }
        json.member("text")
        json.string(text)
        json.endObject()
    }
}

extension ToolSpec: CanonicalJSONWritable {
    func write(to json: inout CanonicalJSONWriter) throws {
        try json.beginObject()
        json.member("description")
        json.string(description)
        json.member("name")
        json.string(name)
        json.member("parameters")
        try json.json(parameters)
        json.endObject()
    }
}

extension ResponseFormat: CanonicalJSONWritable {
    func write(to json: inout CanonicalJSONWriter) throws {
        try json.beginObject()
        json.member("name")
        json.string(name)
        json.member("schema")
        try json.json(schema)
        json.endObject()
    }
}
