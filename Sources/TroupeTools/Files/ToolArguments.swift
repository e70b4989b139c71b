import Foundation
import TroupeCore

/// Reads the arguments of a tool call with defaults.
struct ToolArguments {
    let json: JSONValue

    /// The first of `keys` given as a string (Troupe's name, then Claude Code's alias).
    func string(_ keys: String...) -> String? {
        keys.lazy.compactMap { json[$0]?.stringValue }.first
    }

    /// An integer, given as a number or as digits.
    func int(_ keys: String...) -> Int? {
        for key in keys {
            if case .number? = json[key] { return json[key]?.intValue }
            if let value = json[key]?.stringValue.flatMap({ Int($0) }) { return value }
        }
        return nil
    }

    /// The `extension` filter as a bare lower-case extension (`*.swift`, `.swift`, `Swift` → `swift`);
    /// nil when not given or empty.
    func fileExtension() -> String? {
        guard let text = string("extension")?.trimmingCharacters(in: CharacterSet(charactersIn: "*.")), !text.isEmpty else {
            return nil
        }
        return text.lowercased()
    }

    /// A boolean, given as one or as "true"/"false".
    func bool(_ key: String) -> Bool? {
        switch json[key] {
        case .bool(let value)?: return value
        case .string(let text)?:
            return ["true", "yes", "1"].contains(text.lowercased())
                ? true : ["false", "no", "0"].contains(text.lowercased()) ? false : nil
        case .number(let number)?: return number != 0
        default: return nil
        }
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
