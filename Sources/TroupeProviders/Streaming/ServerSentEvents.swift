/// One server-sent event.
public struct ServerSentEvent: Sendable, Equatable {
    /// The `event:` name, if the server sent one.
    public var name: String?
    /// The `data:` lines joined with `\n`.
    public var data: String
}

/// Assembles server-sent events from lines (WHATWG rules): `event:` and `data:` fields, comment
/// lines starting with `:` ignored, an empty line dispatching the event.
public struct ServerSentEventParser: Sendable {
    private var name: String?
    private var data: [String] = []

    public init() {}

    /// The event completed by `line`, if any.
    public mutating func push(_ line: String) -> ServerSentEvent? {
        if line.isEmpty { return dispatch() }
        if line.hasPrefix(":") { return nil }
        let field: Substring
        var value: Substring
        if let colon = line.firstIndex(of: ":") {
            field = line[..<colon]
            value = line[line.index(after: colon)...]
            if value.hasPrefix(" ") { value = value.dropFirst() }
        } else {
            field = Substring(line)
            value = ""
        }
        switch field {
        case "event": name = String(value)
        case "data": data.append(String(value))
        default: break
        }
        return nil
    }

    /// The event still being assembled when the stream ends.
    public mutating func finish() -> ServerSentEvent? {
        dispatch()
    }

    private mutating func dispatch() -> ServerSentEvent? {
        defer {
            name = nil
            data = []
        }
        guard !data.isEmpty else { return nil }
        return ServerSentEvent(name: name, data: data.joined(separator: "\n"))
    }
}
