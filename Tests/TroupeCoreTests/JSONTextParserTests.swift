import Foundation
import Testing
import TroupeTesting

@testable import TroupeCore

/// The JSON parser the streaming decoders use, read against `JSONSerialization` (what it
/// replaces): the same value for every text both accept, a refusal for every text it refuses.
@Suite struct JSONTextParserTests {
    /// What `JSONSerialization` makes of `text`, or nil when it refuses it.
    static func foundation(_ data: Data) -> JSONValue? {
        (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])).map(JSONValue.init(foundation:))
    }

    static func agree(_ data: Data) -> (Bool, String) {
        let ours = try? JSONValue.parse(data)
        let theirs = foundation(data)
        return (
            ours == theirs,
            "\(String(decoding: data, as: UTF8.self).prefix(200)): ours \(String(describing: ours)), Foundation's \(String(describing: theirs))"
        )
    }

    @Test(arguments: [
        #"{"a":1,"b":[true,false,null],"c":{"d":"e"}}"#, #"  [1, -2.5, 3e2, -0, 0.1, 1E-7, 12345678901234567890]  "#,
        #""plain""#, "42", "true", "null", #"{"a":1,"a":2}"#, #""\u00e9\ud83d\ude00\n\t\"\\\/\b\f\r""#, #""\u0000""#,
        #"{"text":"line one\nline two","n":1.5}"#, "[]", "{}", #"[[[[[]]]]]"#, #""日本語 ✓""#,
        // Refused by both.
        "", " ", "[1,]", #"{"a":1,}"#, "01", "1.", ".5", "-", "+1", "tru", "nul", "[1 2]", #"{"a" 1}"#, #"{a:1}"#,
        #""unterminated"#, "\"tab\tinside\"", #""\x""#, #""\ud83d""#, #""\ude00""#, "[1]]", "NaN", "Infinity", "1e", "1e+",
        #""\u12""#, "{\"a\":1}x",
    ])
    func agreesWithFoundation(_ text: String) {
        let (same, detail) = Self.agree(Data(text.utf8))
        #expect(same, "\(detail)")
    }

    @Test func refusesInvalidUTF8AndNestingPastTheLimit() {
        #expect((try? JSONValue.parse(Data([0x22, 0xC3, 0x28, 0x22]))) == nil)
        let deep =
            String(repeating: "[", count: JSONTextParser.maximumDepth + 1)
            + String(repeating: "]", count: JSONTextParser.maximumDepth + 1)
        #expect((try? JSONValue.parse(deep)) == nil)
        let allowed =
            String(repeating: "[", count: JSONTextParser.maximumDepth)
            + String(repeating: "]", count: JSONTextParser.maximumDepth)
        #expect((try? JSONValue.parse(allowed)) != nil)
    }

    @Test func everyRecordedWireLineParsesAsFoundationParsesIt() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/wire")
        let files = try #require(FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil))
            .compactMap { $0 as? URL }.filter { ["sse", "ndjson", "json"].contains($0.pathExtension) }
        var checked = 0
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            let pieces =
                file.pathExtension == "json"
                ? [text]
                : text.split(separator: "\n").map { line in
                    line.hasPrefix("data:") ? String(line.dropFirst(5)) : String(line)
                }
            for piece in pieces where !piece.trimmingCharacters(in: .whitespaces).isEmpty && !piece.hasPrefix("event:") {
                let (same, detail) = Self.agree(Data(piece.utf8))
                #expect(same, "\(file.lastPathComponent): \(detail)")
                checked += 1
            }
        }
        #expect(checked > 50, "the fixtures were found")
    }

    @Test func randomDocumentsRoundTrip() throws {
        var random = SplitMix64(seed: 20_261_130)
        for _ in 0..<2_000 {
            let value = Self.document(&random, depth: 0)
            let data = try JSONSerialization.data(withJSONObject: Self.foundationObject(value), options: [.fragmentsAllowed])
            // The document written is read back exactly (Foundation's own reader misses the last
            // bit of some numbers, so it is not the reference here).
            #expect(try JSONValue.parse(data) == value, "\(String(decoding: data, as: UTF8.self))")
        }
    }

    /// A random document: every kind of value, strings with escapes and characters outside the BMP.
    static func document(_ random: inout SplitMix64, depth: Int) -> JSONValue {
        let kind = Int(random.next() % (depth > 4 ? 4 : 6))
        switch kind {
        case 0: return .null
        case 1: return .bool(random.next() % 2 == 0)
        case 2:
            let magnitude = Double(random.next() % 1_000_000) / Double(1 + random.next() % 1000)
            return .number(random.next() % 3 == 0 ? -magnitude : random.next() % 2 == 0 ? magnitude.rounded() : magnitude)
        case 3:
            let alphabet: [String] = ["a", "Z", " ", "\"", "\\", "/", "\n", "\t", "\u{01}", "é", "日", "😀", "\u{7F}", "\u{2028}"]
            return .string(
                (0..<Int(random.next() % 12)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }.joined())
        case 4: return .array((0..<Int(random.next() % 4)).map { _ in document(&random, depth: depth + 1) })
        default:
            var members: [String: JSONValue] = [:]
            for index in 0..<Int(random.next() % 4) {
                members["k\(index)\(random.next() % 3)"] = document(&random, depth: depth + 1)
            }
            return .object(members)
        }
    }

    static func foundationObject(_ value: JSONValue) -> Any {
        switch value {
        case .null: return NSNull()
        case .bool(let flag): return flag
        case .number(let number): return number
        case .string(let text): return text
        case .array(let elements): return elements.map(foundationObject)
        case .object(let members): return members.mapValues(foundationObject)
        }
    }
}

extension JSONValue {
    /// The value of a `JSONSerialization` object. Booleans arrive as `NSNumber`s of type `c`.
    init(foundation object: Any) {
        switch object {
        case let text as String:
            self = .string(text)
        case let number as NSNumber:
            self = String(cString: number.objCType) == "c" ? .bool(number.boolValue) : .number(number.doubleValue)
        case let array as [Any]:
            self = .array(array.map(JSONValue.init(foundation:)))
        case let dictionary as [String: Any]:
            self = .object(dictionary.mapValues(JSONValue.init(foundation:)))
        default:
            self = .null
        }
    }
}
