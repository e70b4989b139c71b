public import Foundation

extension EventEnvelope {
    /// The envelope of a line already known to be valid JSON (decoded once when the transcript
    /// was indexed), read by one pass over its bytes that looks only at the top-level keys and
    /// skips every nested value: a model request's conversation is stepped over, not decoded.
    /// Nil when the line holds something the scan leaves to `JSONDecoder` (an escaped string, a raw
    /// control character or invalid UTF-8 in a field it reads, a field it reads given twice, an
    /// unknown type).
    init?(scanning bytes: Data) {
        var scan = TopLevelScan(bytes: bytes)
        var type: String?
        var values: [Field: String] = [:]
        var steps: Int?
        var read: Set<String> = []
        while let key = scan.nextKey() {
            if key == "type" || key == "step" || Field(rawValue: key) != nil {
                // Which of two equal keys a decoder keeps is its own choice: not the scan's to guess.
                guard read.insert(key).inserted else { return nil }
            }
            switch key {
            case "type":
                guard let value = scan.stringValue() else { return nil }
                type = value
            case "step":
                guard let value = scan.numberValue() else { return nil }
                steps = value
            default:
                if let field = Field(rawValue: key) {
                    guard let value = scan.stringValue() else { return nil }
                    values[field] = value
                } else {
                    guard scan.skipValue() else { return nil }
                }
            }
        }
        guard scan.finished, let type, EventKind.knownTypes.contains(type) else { return nil }
        self.type = type
        step = steps
        agent = values[.agent]
        persona = values[.persona]
        from = values[.from]
        to = values[.to]
        hash = values[.hash]
        purpose = values[.purpose].flatMap(RequestPurpose.init(rawValue:))
        status = values[.status].flatMap(StepState.init(rawValue:))
        callID = values[.callID]
        model = values[.model]
    }
}

/// Steps through a JSON object's top-level keys and values.
private struct TopLevelScan {
    let bytes: [UInt8]
    var index = 0
    /// The closing brace was reached.
    var finished = false

    init(bytes: Data) {
        self.bytes = Array(bytes)
        skipSpace()
        if index < self.bytes.count, self.bytes[index] == UInt8(ascii: "{") { index += 1 } else { index = self.bytes.count }
    }

    /// The next key, positioned at its value; nil at the end of the object.
    mutating func nextKey() -> String? {
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: ",") { index += 1 }
        skipSpace()
        guard index < bytes.count else { return nil }
        if bytes[index] == UInt8(ascii: "}") {
            finished = true
            return nil
        }
        guard let key = stringValue() else { return nil }
        skipSpace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
        index += 1
        skipSpace()
        return key
    }

    /// A string value of valid UTF-8 without escapes or control characters (which JSON does not
    /// allow raw); nil (and the scan abandoned) for anything else.
    mutating func stringValue() -> String? {
        guard index < bytes.count, bytes[index] == quote else { return nil }
        let start = index + 1
        var end = start
        while end < bytes.count, bytes[end] != quote {
            if bytes[end] == backslash || bytes[end] < 0x20 { return nil }
            end += 1
        }
        guard end < bytes.count, let value = String(validating: bytes[start..<end], as: UTF8.self) else { return nil }
        index = end + 1
        return value
    }

    /// An integer value; nil for anything else.
    mutating func numberValue() -> Int? {
        let start = index
        while index < bytes.count, bytes[index] == UInt8(ascii: "-") || (bytes[index] >= 0x30 && bytes[index] <= 0x39) {
            index += 1
        }
        return Int(String(decoding: bytes[start..<index], as: UTF8.self))
    }

    /// Steps over one value of any kind, nested objects and arrays included.
    mutating func skipValue() -> Bool {
        var depth = 0
        while index < bytes.count {
            switch bytes[index] {
            case quote:
                index += 1
                while index < bytes.count, bytes[index] != quote { index += bytes[index] == backslash ? 2 : 1 }
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if depth == 0 { return true }
                depth -= 1
            case UInt8(ascii: ","):
                if depth == 0 { return true }
            default:
                break
            }
            index += 1
        }
        return false
    }

    private mutating func skipSpace() {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 {
            index += 1
        }
    }

    private let quote = UInt8(ascii: "\"")
    private let backslash = UInt8(ascii: "\\")
}

/// The check the transcript fuzz target makes of the scan: on a line the decoder accepts, the
/// scan gives the decoder's envelope or nothing (it is only ever used on such lines).
public enum EnvelopeScanCheck {
    /// False when the scan of a valid line reads something the decoder does not.
    public static func agrees(on line: Data) -> Bool {
        guard let decoded = try? JSONDecoder().decode(EventEnvelope.self, from: line),
            let scanned = EventEnvelope(scanning: line)
        else { return true }
        return scanned == decoded
    }
}
