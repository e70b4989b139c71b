import Foundation
import Testing
import TroupeTesting

@testable import TroupeCore

/// Pulling members one by one (what the stream decoders do) reads what `parse` reads and refuses
/// what it refuses, whether the values are taken or skipped.
@Suite struct JSONPullingTests {
    /// The tree rebuilt through the pulling API: every scalar by its typed reader.
    static func pulled(_ parser: inout JSONTextParser) throws -> JSONValue {
        switch parser.index < parser.bytes.count ? parser.bytes[parser.index] : 0 {
        case UInt8(ascii: "{"):
            var members: [String: JSONValue] = [:]
            try parser.forEachMember { name, parser in members[name] = try pulled(&parser) }
            return .object(members)
        case UInt8(ascii: "["):
            var elements: [JSONValue] = []
            try parser.forEachElement { parser in elements.append(try pulled(&parser)) }
            return .array(elements)
        case UInt8(ascii: "\""):
            let text = try parser.readString()
            return .string(try #require(text))
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            let flag = try parser.readBool()
            return .bool(try #require(flag as Bool?))
        default: return try parser.readValue()
        }
    }

    static func pull(_ data: Data, _ body: (inout JSONTextParser) throws -> JSONValue) -> JSONValue? {
        try? data.withUnsafeBytes { try JSONTextParser.pull($0.bindMemory(to: UInt8.self), body) }
    }

    /// Pulled whole, pulled with every member skipped, and parsed: the same answer each way.
    static func check(_ data: Data, sourceLocation: SourceLocation = #_sourceLocation) {
        let parsed = try? JSONValue.parse(data)
        let rebuilt = pull(data) { try pulled(&$0) }
        let skipped = pull(data) { parser in
            try parser.forEachMember { _, _ in }
            return .null
        }
        let text = String(decoding: data, as: UTF8.self).prefix(200)
        #expect(rebuilt == parsed, "\(text)", sourceLocation: sourceLocation)
        #expect((skipped != nil) == (parsed != nil), "skipping \(text)", sourceLocation: sourceLocation)
    }

    @Test(arguments: [
        #"{"a":1,"b":[true,false,null],"c":{"d":"e"}}"#, #"{"a":1,"a":2}"#, #""\u00e9\ud83d\ude00\n""#, "[1,]", #"{"a":1,}"#,
        "", "{", #"{"a":"\x"}"#, #"{"a":"\ud83d"}"#, "{\"a\":\"tab\tinside\"}", #"{"a":[1 2]}"#, #"{"a":01}"#, "{\"a\":1}x",
        #"{"a":tru}"#, #"{"a":"日本語"}"#, "{} {}", "[{\"a\":{}},[]]",
    ])
    func agreesWithParse(_ text: String) {
        Self.check(Data(text.utf8))
    }

    @Test func invalidUTF8IsRefusedWhenSkippedToo() {
        for bytes: [UInt8] in [[0xC3, 0x28], [0xC3, 0x5C, 0x6E], [0xED, 0xA0, 0x80], [0xFF]] {
            Self.check(Data(Array(#"{"k":""#.utf8) + bytes + Array(#""}"#.utf8)))
        }
    }

    @Test func nestingPastTheLimitIsRefusedWhenSkipped() {
        let limit = JSONTextParser.maximumDepth
        Self.check(Data(("{\"a\":" + String(repeating: "[", count: limit) + String(repeating: "]", count: limit) + "}").utf8))
        Self.check(
            Data(("{\"a\":" + String(repeating: "[", count: limit - 1) + String(repeating: "]", count: limit - 1) + "}").utf8))
    }

    @Test func typedReadersSkipValuesOfAnotherKind() throws {
        let data = Data(#"{"n":"7","s":7,"b":null,"i":7.9,"big":1e300}"#.utf8)
        var seen: [String: String] = [:]
        _ = try data.withUnsafeBytes { bytes in
            try JSONTextParser.pull(bytes.bindMemory(to: UInt8.self)) { parser in
                try parser.forEachMember { name, parser in
                    switch name {
                    case "n": seen[name] = "\(String(describing: try parser.readInt()))"
                    case "s": seen[name] = "\(String(describing: try parser.readString()))"
                    case "b": seen[name] = "\(String(describing: try parser.readBool()))"
                    default: seen[name] = "\(String(describing: try parser.readInt()))"
                    }
                }
            }
        }
        #expect(seen == ["n": "nil", "s": "nil", "b": "nil", "i": "Optional(7)", "big": "nil"])
    }

    /// Random documents, and each again with a few bytes changed: the three ways agree.
    @Test func randomAndDamagedDocumentsAgree() throws {
        var random = SplitMix64(seed: 20_261_201)
        let damage: [[UInt8]] = [[0x22], [0x7B], [0x7D], [0x2C], [0x5C], [0xC3], [0x5D], [0x3A], Array("1e".utf8)]
        for _ in 0..<2_000 {
            let value = JSONValue.object(["k": JSONTextParserTests.document(&random, depth: 0)])
            var bytes = Array(try JSONSerialization.data(withJSONObject: JSONTextParserTests.foundationObject(value)))
            Self.check(Data(bytes))
            let at = Int(random.next() % UInt64(bytes.count))
            if random.next() % 2 == 0 {
                bytes.remove(at: at)
            } else {
                bytes.insert(contentsOf: damage[Int(random.next() % 9)], at: at)
            }
            Self.check(Data(bytes))
        }
    }
}
