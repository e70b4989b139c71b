import Foundation
import Testing
import TroupeTesting

@testable import TroupeCore

/// ``CanonicalJSONEncoder`` writes exactly the bytes `JSONEncoder` writes with sorted keys and
/// unescaped slashes — the bytes every recorded request hash and transcript line is made of.
@Suite struct CanonicalJSONEncoderTests {
    static func foundation<Value: Encodable>(_ value: Value, pretty: Bool = false) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            pretty ? [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted] : [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func canonical<Value: Encodable>(_ value: Value, pretty: Bool = false) throws -> String {
        String(decoding: try CanonicalJSONEncoder.encode(value, pretty: pretty), as: UTF8.self)
    }

    static func expectSame<Value: Encodable>(_ value: Value, _ comment: Comment? = nil) throws {
        for pretty in [false, true] {
            let expected = try foundation(value, pretty: pretty)
            #expect(try canonical(value, pretty: pretty) == expected, comment)
        }
    }

    @Test func everyEventOfEveryGoldenIsWrittenAsJSONEncoderWritesIt() throws {
        var events = 0
        var hashes = 0
        for file in GoldenTranscripts.files {
            for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n") {
                guard let event = try? JSONCoding.decode(TroupeEvent.self, from: String(line)) else { continue }
                try Self.expectSame(event, "\(file.lastPathComponent): \(line.prefix(80))")
                if case .modelRequested(let requested) = event.kind, requested.delta == nil {
                    #expect(requested.request.canonicalHash == requested.hash)
                    hashes += 1
                }
                events += 1
            }
        }
        #expect(events > 300)
        #expect(hashes > 20)
    }

    @Test func randomValuesAreWrittenAsJSONEncoderWritesThem() throws {
        var random = SplitMix64(seed: 19)
        for round in 0..<3000 {
            try Self.expectSame(Self.randomValue(&random, depth: 0), "round \(round)")
        }
    }

    /// The request family writes itself (it is hashed on every call): random requests — every
    /// optional present or absent, tool calls, reasoning, schemas — come out as `JSONEncoder`
    /// writes them, alone and inside the event that records them.
    @Test func requestsThatWriteThemselvesAreWrittenAsJSONEncoderWritesThem() throws {
        var random = SplitMix64(seed: 2611)
        for round in 0..<500 {
            let request = Self.randomRequest(&random)
            try Self.expectSame(request, "round \(round)")
            try Self.expectSame(
                TroupeEvent(
                    seq: round, timestamp: Date(timeIntervalSince1970: 0),
                    kind: .modelRequested(
                        ModelRequested(agent: request.agent, purpose: request.purpose, hash: "h", request: request))),
                "event of round \(round)")
            #expect(request.canonicalHash == ContentHash.sha256(Data(try Self.foundation(request).utf8)))
        }
    }

    /// Briefs write themselves too (each handoff writes one into the worker's request), leaving
    /// out what `Brief.encode(to:)` leaves out.
    @Test func briefsThatWriteThemselvesAreWrittenAsJSONEncoderWritesThem() throws {
        var random = SplitMix64(seed: 1811)
        for round in 0..<500 {
            func texts() -> [String] { (0..<Int(random.next() % 3)).map { _ in Self.randomText(&random) } }
            func maybe<T>(_ value: @autoclosure () -> T) -> T? { random.next() % 2 == 0 ? value() : nil }
            var brief = Brief(
                request: Self.randomText(&random), step: maybe(Int(random.next() % 9)), instruction: Self.randomText(&random),
                details: Self.randomText(&random), facts: texts(),
                dependencyResults: (0..<Int(random.next() % 3)).map { step in
                    DependencyResult(
                        step: step, persona: Self.randomText(&random), title: Self.randomText(&random),
                        output: Self.randomText(&random))
                },
                artifacts: (0..<Int(random.next() % 3)).map { _ in
                    StepArtifact(
                        kind: random.next() % 2 == 0 ? .code : .file, name: Self.randomText(&random),
                        content: maybe(Self.randomText(&random)), step: maybe(Int(random.next() % 9)))
                },
                background: texts(), constraints: texts(), expectedFormat: Self.randomText(&random),
                tokenBudget: Int(random.next() % 9000), requestedBy: Self.randomText(&random), reason: Self.randomText(&random),
                omitted: texts())
            brief.planStep = maybe(Self.randomText(&random))
            try Self.expectSame(brief, "round \(round)")
        }
    }

    /// The synthesis context writes itself too (it carries every step's output), with its facts,
    /// its groups of results and each report.
    @Test func synthesisContextsThatWriteThemselvesAreWrittenAsJSONEncoderWritesThem() throws {
        var random = SplitMix64(seed: 2911)
        for round in 0..<500 {
            func texts() -> [String] { (0..<Int(random.next() % 3)).map { _ in Self.randomText(&random) } }
            let personas = ["coder", "writer", Self.randomText(&random)]
            let states: [StepState] = [.done, .failed, .skipped, .cancelled, .needsModel]
            let context = SynthesisContext(
                request: Self.randomText(&random),
                facts: TaskFacts(given: texts(), toLookUp: texts(), toDerive: texts(), educatedGuesses: texts()),
                results: (0..<Int(random.next() % 5)).map { step in
                    StepReport(
                        step: step, title: Self.randomText(&random), persona: personas[Int(random.next() % 3)],
                        status: states[Int(random.next() % UInt64(states.count))], output: Self.randomText(&random))
                },
                roles: ["coder": Self.randomText(&random)],
                stopReason: random.next() % 2 == 0 ? Self.randomText(&random) : nil,
                verdict: random.next() % 2 == 0
                    ? LedgerAnswer(reason: Self.randomText(&random), answer: random.next() % 2 == 0) : nil)
            try Self.expectSame(context, "round \(round)")
        }
    }

    static func randomRequest(_ random: inout SplitMix64) -> ChatRequest {
        func maybe<T>(_ value: @autoclosure () -> T) -> T? { random.next() % 2 == 0 ? value() : nil }
        let messages = (0..<Int(random.next() % 4)).map { _ in
            ChatMessage(
                role: [ChatRole.system, .user, .assistant, .tool][Int(random.next() % 4)], content: randomText(&random),
                toolCalls: (0..<Int(random.next() % 3)).map { index in
                    ToolCall(id: "call_\(index)", name: randomText(&random), arguments: randomText(&random))
                },
                toolCallID: maybe(randomText(&random)),
                reasoning: maybe([ReasoningBlock(text: randomText(&random), signature: maybe("sig"))]))
        }
        return ChatRequest(
            agent: randomText(&random), purpose: RequestPurpose.allCases[Int(random.next() % 5)], messages: messages,
            tools: (0..<Int(random.next() % 3)).map { _ in
                ToolSpec(name: randomText(&random), description: randomText(&random), parameters: randomValue(&random, depth: 1))
            },
            responseFormat: maybe(ResponseFormat(name: "plan", schema: randomValue(&random, depth: 1))),
            maxOutputTokens: maybe(Int(random.next() % 100_000)), temperature: maybe(randomNumber(&random)))
    }

    @Test func everyKindOfMemberIsWrittenAsJSONEncoderWritesIt() throws {
        try Self.expectSame(Everything())
        try Self.expectSame(Everything(optional: 7, empty: ["": []]))
        try Self.expectSame([Everything(), Everything(optional: -1)])
        try Self.expectSame(["nothing": Nothing()])
        try Self.expectSame("a fragment / with \u{7} \u{1F} \u{7F} \u{2028} é")
        try Self.expectSame(12.0)
        try Self.expectSame([String: Int]())
        try Self.expectSame([Int]())
        try Self.expectSame([1: "one", 10: "ten", 2: "two"])
    }

    @Test func whatJSONEncoderRefusesIsRefused() {
        for value in [Double.nan, .infinity, -.infinity] {
            #expect(throws: EncodingError.self) { try Self.foundation(["x": value]) }
            #expect(throws: EncodingError.self) { try Self.canonical(["x": value]) }
            #expect(throws: EncodingError.self) { try Self.canonical(JSONValue.array([.number(value)])) }
        }
        #expect(throws: EncodingError.self) { try Self.foundation(Nothing()) }
        #expect(throws: EncodingError.self) { try Self.canonical(Nothing()) }
        var deep = JSONValue.null
        for _ in 0..<600 { deep = .array([deep]) }
        #expect(throws: EncodingError.self) { try Self.foundation(deep) }
        #expect(throws: EncodingError.self) { try Self.canonical(deep) }
        // A value that writes itself counts the levels above it: a tool schema 509 levels deep
        // is within the limit alone, past it inside a request (and inside its event).
        var schema = JSONValue.null
        for _ in 0..<509 { schema = .array([schema]) }
        let request = ChatRequest(
            agent: "a", purpose: .work, messages: [], tools: [ToolSpec(name: "t", description: "d", parameters: schema)])
        #expect(throws: Never.self) { try Self.canonical(schema) }
        #expect(throws: EncodingError.self) { try Self.foundation(request) }
        #expect(throws: EncodingError.self) { try Self.canonical(request) }
        #expect(throws: EncodingError.self) { try Self.canonical(request, pretty: true) }
    }

    /// Strings made to hit every escape, keys made to test the order (case, digits, prefixes,
    /// non-ASCII), numbers at the edges of `description`.
    static func randomValue(_ random: inout SplitMix64, depth: Int) -> JSONValue {
        switch random.next() % (depth > 4 ? 4 : 6) {
        case 0: return .null
        case 1: return .bool(random.next() % 2 == 0)
        case 2: return .number(randomNumber(&random))
        case 3: return .string(randomText(&random))
        case 4: return .array((0..<Int(random.next() % 5)).map { _ in randomValue(&random, depth: depth + 1) })
        default:
            var members: [String: JSONValue] = [:]
            for _ in 0..<Int(random.next() % 7) { members[randomText(&random)] = randomValue(&random, depth: depth + 1) }
            return .object(members)
        }
    }

    static let pieces = [
        "a", "B", "b", "A", "1", "10", "2", "_", "-", "/", "\\", "\"", "\n", "\r", "\t", "\u{8}", "\u{C}", "\u{0}",
        "\u{1B}", "\u{1F}", "\u{7F}", "é", "e\u{301}", "ß", "Ω", "\u{2028}", "🎭", "\u{FEFF}", " ", "<", "&", "step",
    ]

    static func randomText(_ random: inout SplitMix64) -> String {
        (0..<Int(random.next() % 6)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
    }

    static func randomNumber(_ random: inout SplitMix64) -> Double {
        switch random.next() % 6 {
        case 0: return Double(Int64(bitPattern: random.next()) % 100_000)
        case 1: return random.unit() * 1000 - 500
        case 2:
            return [
                0.0, -0.0, 1e16, 1e-7, .leastNonzeroMagnitude, .greatestFiniteMagnitude, 0.1, 100, 1e21, 123_456_789_012_345_680,
            ][
                Int(random.next() % 10)]
        default:
            let bits = random.next()
            let value = Double(bitPattern: bits)
            return value.isFinite ? value : 1.5
        }
    }

    struct Nothing: Encodable {
        func encode(to encoder: any Encoder) throws {}
    }

    /// A value using every container call a hand-written `encode(to:)` can make.
    struct Everything: Encodable {
        var optional: Int?
        var empty: [String: [Int]] = [:]

        enum Keys: String, CodingKey {
            case text, flag, double, float, int8, int64, uint64, nothing, nested, list, twice, url, data, date, decimal,
                superValue
            case optional, empty, absent, z, a10 = "a10", a9 = "a9", upper = "A"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode("slash / quote \" tab \t", forKey: .text)
            try container.encode(true, forKey: .flag)
            try container.encode(-0.0, forKey: .double)
            try container.encode(Float(1.25), forKey: .float)
            try container.encode(Int8.min, forKey: .int8)
            try container.encode(Int64.min, forKey: .int64)
            try container.encode(UInt64.max, forKey: .uint64)
            try container.encodeNil(forKey: .nothing)
            try container.encodeIfPresent(optional, forKey: .optional)
            try container.encodeIfPresent(String?.none, forKey: .absent)
            try container.encode(empty, forKey: .empty)
            try container.encode(1, forKey: .twice)
            try container.encode("last", forKey: .twice)
            try container.encode(URL(string: "https://example.com/a?b=c")!, forKey: .url)
            try container.encode(Data([0, 1, 2, 250, 255]), forKey: .data)
            try container.encode(Date(timeIntervalSinceReferenceDate: 123.5), forKey: .date)
            try container.encode(Decimal(string: "3.14159")!, forKey: .decimal)
            try container.encode(0, forKey: .z)
            try container.encode(0, forKey: .a10)
            try container.encode(0, forKey: .a9)
            try container.encode(0, forKey: .upper)
            var nested = container.nestedContainer(keyedBy: Keys.self, forKey: .nested)
            try nested.encode(2, forKey: .int8)
            var again = container.nestedContainer(keyedBy: Keys.self, forKey: .nested)
            try again.encode(3, forKey: .flag)
            var list = container.nestedUnkeyedContainer(forKey: .list)
            try list.encode(1.5)
            try list.encodeNil()
            var inner = list.nestedContainer(keyedBy: Keys.self)
            try inner.encode("x", forKey: .text)
            var innerList = list.nestedUnkeyedContainer()
            try innerList.encode(UInt8(7))
            try "sup".encode(to: list.superEncoder())
            try ["k": 1].encode(to: container.superEncoder())
            try 5.encode(to: container.superEncoder(forKey: .superValue))
        }
    }
}
