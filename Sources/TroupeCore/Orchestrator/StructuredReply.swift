import Foundation

/// Finds and decodes the JSON object in a model's reply: the whole reply, a fenced ```json
/// block, or the first balanced `{…}` inside prose. Errors read well enough to feed back.
package enum StructuredReply {
    /// Why a reply could not be used.
    package struct Failure: Error, Equatable, CustomStringConvertible {
        package var description: String
    }

    /// Decodes `T` from `text`.
    package static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        // The common case first, without looking for fences and objects: a reply that is the JSON.
        let trimmed = text.trimmingASCIIWhitespace
        var firstError: (any Error)?
        if trimmed.hasPrefix("{") {
            if let pullable = T.self as? any JSONPullDecodable.Type,
                let value = try? JSONTextParser.pull(trimmed, { try pullable.pull(from: &$0) }) as? T
            {
                return value
            }
            do {
                return try JSONDecoder().decode(T.self, from: Data(trimmed.utf8))
            } catch {
                firstError = error
            }
        }
        let candidates = jsonCandidates(in: text).filter { $0 != trimmed }
        guard firstError != nil || !candidates.isEmpty else {
            throw Failure(description: "the reply contains no JSON object")
        }
        for candidate in candidates {
            do {
                return try JSONDecoder().decode(T.self, from: Data(candidate.utf8))
            } catch {
                firstError = firstError ?? error
            }
        }
        throw Failure(description: describe(firstError))
    }

    /// The contents of fenced blocks, the whole trimmed text, then each balanced object.
    static func jsonCandidates(in text: String) -> [String] {
        var result: [String] = []
        let trimmed = text.trimmingASCIIWhitespace
        if trimmed.hasPrefix("{") { result.append(trimmed) }
        result += fencedBlocks(in: text)
        result += balancedObjects(in: text)
        var seen = Set<String>()
        return result.filter { seen.insert($0).inserted }
    }

    /// The bodies of ``` fences (with or without a language tag), last first.
    package static func fencedBlocks(in text: String) -> [String] {
        let parts = text.components(separatedBy: "```")
        guard parts.count >= 3 else { return [] }
        var blocks: [String] = []
        for index in stride(from: 1, to: parts.count - 1, by: 2) {
            var body = parts[index]
            if let newline = body.firstIndex(of: "\n"), !body[..<newline].contains("{") {
                body = String(body[body.index(after: newline)...])
            }
            blocks.append(body.trimmingASCIIWhitespace)
        }
        return blocks.reversed()
    }

    /// Top-level `{…}` spans, respecting strings and escapes.
    static func balancedObjects(in text: String) -> [String] {
        var objects: [String] = []
        var depth = 0
        var start: String.Index?
        var inString = false
        var escaped = false
        for index in text.indices {
            let character = text[index]
            if inString {
                if escaped {
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == "\"" {
                    inString = false
                }
                continue
            }
            switch character {
            case "\"": inString = depth > 0
            case "{":
                if depth == 0 { start = index }
                depth += 1
            case "}" where depth > 0:
                depth -= 1
                if depth == 0, let begin = start { objects.append(String(text[begin...index])) }
            default: break
            }
        }
        return objects
    }

    private static func describe(_ error: (any Error)?) -> String {
        guard let error else { return "unusable reply" }
        switch error {
        case let DecodingError.keyNotFound(key, context):
            return "missing field '\(path(context.codingPath + [key]))'"
        case let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context):
            return "field '\(path(context.codingPath))' has the wrong type: \(context.debugDescription)"
        case let DecodingError.dataCorrupted(context):
            return "invalid JSON: \(context.debugDescription)"
        default:
            return "\(error)"
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
}
