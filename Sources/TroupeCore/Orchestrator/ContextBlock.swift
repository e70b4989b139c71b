import Foundation

/// The structured part of an orchestrator-written prompt: one fenced JSON block at the end of
/// the message. Language models read it as they read any JSON; the offline model parses it.
enum ContextBlock {
    /// `instructions`, a blank line, then `context` as a fenced JSON block: pretty by default,
    /// compact where every token is paid for many times (worker briefs).
    static func message<Context: Encodable>(_ instructions: String, context: Context, pretty: Bool = true) -> String {
        let json = (try? JSONCoding.string(context, pretty: pretty)) ?? "{}"
        return "\(instructions)\n\n```json\n\(json)\n```"
    }

    /// Decodes the context block `message` wrote at the end of `text`.
    ///
    /// Found by its own framing, not by looking for fences in general: the JSON may carry step
    /// outputs full of ``` fences and braces, but never a line break inside a string (JSON
    /// escapes it), so the last line that reads ```json opens the block and the text's last
    /// line closes it.
    static func decode<Context: Decodable>(_ type: Context.Type, from text: String) throws -> Context {
        let bytes = Array(text.utf8)
        guard let start = lastEnd(of: opening, in: bytes) else {
            throw StructuredReply.Failure(description: "the message has no ```json context block")
        }
        var end = bytes.count
        if bytes[start...].reversed().starts(with: closing.reversed()) { end -= closing.count }
        return try JSONDecoder().decode(type, from: Data(bytes[start..<max(start, end)]))
    }

    private static let opening = Array("\n```json\n".utf8)
    private static let closing = Array("\n```".utf8)

    /// The index just past the last occurrence of `marker` in `bytes`.
    private static func lastEnd(of marker: [UInt8], in bytes: [UInt8]) -> Int? {
        var index = bytes.count - marker.count
        while index >= 0 {
            if bytes[index] == marker[0], bytes[index..<(index + marker.count)].elementsEqual(marker) {
                return index + marker.count
            }
            index -= 1
        }
        return nil
    }
}
