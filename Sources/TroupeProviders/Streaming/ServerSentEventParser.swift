import Foundation

/// Assembles server-sent events from lines (WHATWG rules): `event:` and `data:` fields, comment
/// lines starting with `:` ignored, an empty line dispatching the event.
public struct ServerSentEventParser: Sendable {
    private var name: String?
    private var data: [String] = []

    public init() {}

    /// The event completed by `line`, if any.
    public mutating func push(_ line: String) -> ServerSentEvent? {
        var line = line
        // Read by bytes: the field names and the colon are ASCII, so every cut is a character boundary.
        return line.withUTF8 { bytes in
            guard let first = bytes.first else { return dispatch() }
            if first == UInt8(ascii: ":") { return nil }
            let colon = bytes.firstIndex(of: UInt8(ascii: ":")) ?? bytes.endIndex
            var valueStart = colon == bytes.endIndex ? colon : colon + 1
            if valueStart < bytes.endIndex, bytes[valueStart] == UInt8(ascii: " ") { valueStart += 1 }
            let value = { String(decoding: UnsafeBufferPointer(rebasing: bytes[valueStart...]), as: UTF8.self) }
            if Self.field(bytes, colon, is: "data") {
                data.append(value())
            } else if Self.field(bytes, colon, is: "event") {
                name = value()
            }
            return nil
        }
    }

    private static func field(_ bytes: UnsafeBufferPointer<UInt8>, _ end: Int, is name: StaticString) -> Bool {
        end == name.utf8CodeUnitCount && memcmp(bytes.baseAddress!, name.utf8Start, end) == 0
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
