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
        // Read by bytes: the field names and the colon are ASCII, so every cut is a character boundary.
        let bytes = line.utf8
        guard let first = bytes.first else { return dispatch() }
        if first == UInt8(ascii: ":") { return nil }
        let colon = bytes.firstIndex(of: UInt8(ascii: ":")) ?? bytes.endIndex
        let field = line.utf8[..<colon]
        var valueStart = colon == bytes.endIndex ? colon : bytes.index(after: colon)
        if valueStart < bytes.endIndex, bytes[valueStart] == UInt8(ascii: " ") { valueStart = bytes.index(after: valueStart) }
        if field.elementsEqual("data".utf8) {
            data.append(String(line[valueStart...]))
        } else if field.elementsEqual("event".utf8) {
            name = String(line[valueStart...])
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
            data.removeAll(keepingCapacity: true)
        }
        guard let first = data.first else { return nil }
        return ServerSentEvent(name: name, data: data.count == 1 ? first : data.joined(separator: "\n"))
    }
}
