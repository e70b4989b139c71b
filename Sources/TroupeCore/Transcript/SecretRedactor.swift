import Foundation

/// Removes secrets from text before it is written anywhere: the values of configured secret
/// variables, bearer tokens and well-known API key shapes.
public struct SecretRedactor: Sendable {
    private let secrets: [String]
    static let replacement = "[REDACTED]"
    private static let keyPrefixes = ["sk-ant-", "sk-proj-", "sk-or-", "sk-"]

    /// Redacts each value in `secrets` (values shorter than 8 characters are ignored: too likely
    /// to match ordinary text).
    /// Each is also looked for as JSON writes it (`"` as `\\"`, `\\` doubled, `/` escaped or not,
    /// control characters as escapes): lines are redacted after they are encoded, and a value
    /// holding a quote would otherwise slip through.
    public init(secrets: [String]) {
        let values = secrets.filter { $0.count >= 8 }
        self.secrets = Array(Set(values + values.flatMap(Self.jsonForms))).sorted { $0.count > $1.count }
    }

    /// `value` as a JSON string's contents, with and without `/` escaped.
    static func jsonForms(of value: String) -> [String] {
        var escaped = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            case _ where scalar.value < 0x20: escaped += String(format: "\\u%04x", scalar.value)
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return [escaped, escaped.replacingOccurrences(of: "/", with: "\\/")].filter { $0 != value }
    }

    /// The values of the environment variables whose names look secret (`*_KEY`, `*_TOKEN`, …).
    public static func fromEnvironment(_ environment: [String: String]) -> SecretRedactor {
        let markers = ["KEY", "TOKEN", "SECRET", "PASSWORD"]
        let values = environment.filter { name, _ in markers.contains { name.uppercased().contains($0) } }.map(\.value)
        return SecretRedactor(secrets: values)
    }

    /// `text` with every secret replaced by `[REDACTED]`.
    public func redact(_ text: String) -> String {
        // Most lines hold nothing to redact: find that out with a byte search, without
        // Foundation's Unicode-aware string search (a fifth of a recording's time otherwise).
        guard Self.mayHold(["Bearer "] + Self.keyPrefixes + secrets, in: text) else { return text }
        var result = text
        for secret in secrets { result = result.replacingOccurrences(of: secret, with: Self.replacement) }
        result = Self.redactTokens(after: "Bearer ", in: result, minimumLength: 8)
        for prefix in Self.keyPrefixes {
            result = Self.redactTokens(after: prefix, in: result, minimumLength: 16, keepMarker: false)
        }
        return result
    }

    /// Whether any of `needles` occurs in `text`, byte for byte.
    private static func mayHold(_ needles: [String], in text: String) -> Bool {
        var text = text
        return text.withUTF8 { haystack in
            needles.contains { needle in
                var needle = needle
                return needle.withUTF8 { occurs($0, in: haystack) }
            }
        }
    }

    /// A first-byte scan with `memcmp` (glibc's `memmem` is a GNU extension Swift's Glibc module
    /// does not import).
    private static func occurs(_ needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = needle.first, let start = haystack.baseAddress, needle.count <= haystack.count else {
            return needle.isEmpty
        }
        var index = 0
        while index <= haystack.count - needle.count {
            if haystack[index] == first, memcmp(start + index, needle.baseAddress!, needle.count) == 0 { return true }
            index += 1
        }
        return false
    }

    /// Replaces runs of key characters following `marker` when at least `minimumLength` long;
    /// `keepMarker` keeps the marker itself (`Bearer [REDACTED]`) or drops it with the key.
    private static func redactTokens(after marker: String, in text: String, minimumLength: Int, keepMarker: Bool = true) -> String
    {
        guard text.contains(marker) else { return text }
        var output = ""
        var rest = Substring(text)
        while let range = rest.range(of: marker) {
            output += rest[..<range.lowerBound]
            let tail = rest[range.upperBound...]
            let token = tail.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }
            if token.count >= minimumLength {
                output += (keepMarker ? marker : "") + replacement
                rest = tail.dropFirst(token.count)
            } else {
                output += marker
                rest = tail
            }
        }
        return output + rest
    }
}
