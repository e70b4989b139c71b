import Foundation
import Testing
import TroupeTesting

@testable import TroupeCore

/// The plan read straight from the reply's text is the plan `JSONDecoder` reads, or the reader
/// declines and `JSONDecoder` reads it: on random plan replies with members of the wrong kind,
/// nulls, repeats, unknown members, numbers written as `1.0`, escapes and lone surrogates.
@Suite struct PlanDraftPullingTests {
    @Test func whatThePullingReaderGivesIsWhatJSONDecoderGives() throws {
        var generator = PlanReplyGenerator(seed: 23)
        var (pulled, declined, bothRefused) = (0, 0, 0)
        for _ in 0..<4_000 {
            let reply = generator.planReply()
            let decoded = try? JSONDecoder().decode(PlanDraft.self, from: Data(reply.utf8))
            let read = try? JSONTextParser.pull(reply) { try PlanDraft.pull(from: &$0) }
            if let read {
                #expect(read == decoded, "\(reply)")
                pulled += 1
            } else if decoded != nil {
                declined += 1
            } else {
                bothRefused += 1
            }
            if let decoded {
                #expect(try StructuredReply.decode(PlanDraft.self, from: reply) == decoded, "\(reply)")
            }
        }
        // Each way is taken often enough to mean something.
        #expect(pulled > 1_000)
        #expect(declined > 200)
        #expect(bothRefused > 200)
    }

    @Test func aRepeatedMemberIsLeftToJSONDecoderWhichKeepsTheFirst() throws {
        let reply = #"{"needs_plan":false,"needs_plan":true,"steps":[]}"#
        #expect(throws: JSONTextParser.Failure.self) { try JSONTextParser.pull(reply) { try PlanDraft.pull(from: &$0) } }
        #expect(try StructuredReply.decode(PlanDraft.self, from: reply).needsPlan == false)
    }

    @Test func aLongPlanIsReadWhole() throws {
        let steps = (1...1_000).map {
            #"{"id":\#($0),"title":"step \#($0)","persona":"coder","depends_on":[\#(max(1, $0 - 1))]}"#
        }
        let reply = #"{"needs_plan":true,"facts":{"given":["a"]},"steps":[\#(steps.joined(separator: ","))]}"#
        let read = try JSONTextParser.pull(reply) { try PlanDraft.pull(from: &$0) }
        #expect(read == (try JSONDecoder().decode(PlanDraft.self, from: Data(reply.utf8))))
        #expect(read.steps.count == 1_000)
    }
}

/// Random plan replies, mostly well formed, with every kind of deviation a model or a damaged
/// reply brings.
struct PlanReplyGenerator {
    private var random: SplitMix64

    init(seed: UInt64) {
        random = SplitMix64(seed: seed)
    }

    private mutating func oneIn(_ count: UInt64) -> Bool { random.next() % count == 0 }

    private mutating func pick(_ choices: [String]) -> String { choices[Int(random.next() % UInt64(choices.count))] }

    private mutating func space() -> String { oneIn(3) ? pick([" ", "\n", "\t ", "\r\n  "]) : "" }

    mutating func string() -> String {
        let pieces = [
            "step", " ", "é", "e\u{301}", "🎭", #"\n"#, #"\""#, #"\\"#, #"\/"#, #"\u00e9"#, #"\ud83c\udfad"#, "x",
            "Fix the parser",
        ]
        var text = (0..<Int(random.next() % 4)).map { _ in pick(pieces) }.joined()
        if oneIn(60) { text += #"\ud800"# }
        return "\"\(text)\""
    }

    mutating func integer() -> String {
        oneIn(8) ? pick(["1.0", "1e1", "2.5", "-0", "12345678901234567890", "-7", "0.0"]) : String(random.next() % 50)
    }

    /// A value of any kind, nested a little.
    mutating func anyValue(depth: Int = 0) -> String {
        switch random.next() % (depth > 2 ? 5 : 7) {
        case 0: return "null"
        case 1: return pick(["true", "false"])
        case 2: return integer()
        case 3, 4: return string()
        case 5: return "[" + (0..<Int(random.next() % 3)).map { _ in anyValue(depth: depth + 1) }.joined(separator: ",") + "]"
        default:
            return object((0..<Int(random.next() % 3)).map { _ in (pick(["k", "id", "title"]), anyValue(depth: depth + 1)) })
        }
    }

    /// `members` in a random order, sometimes with a member repeated, an unknown one or a
    /// trailing comma.
    mutating func object(_ members: [(String, String)]) -> String {
        var members = members
        for index in members.indices.reversed() where index > 0 {
            members.swapAt(index, Int(random.next() % UInt64(index + 1)))
        }
        if oneIn(15), let first = members.first { members.append((first.0, anyValue())) }
        if oneIn(4) { members.append((pick(["extra", "notes", "confidence"]), anyValue())) }
        let body = members.map { "\(space())\"\($0.0)\"\(space()):\(space())\($0.1)" }.joined(separator: ",")
        return "{" + body + (oneIn(25) && !members.isEmpty ? "," : "") + space() + "}"
    }

    /// The value of a member: mostly `good`, sometimes null, sometimes of the wrong kind.
    private mutating func member(_ good: String) -> String {
        switch random.next() % 20 {
        case 0: return "null"
        case 1: return anyValue()
        default: return good
        }
    }

    mutating func step() -> String {
        var members: [(String, String)] = []
        if !oneIn(30) { members.append(("id", member(integer()))) }
        if !oneIn(30) { members.append(("title", member(string()))) }
        if !oneIn(30) { members.append(("persona", member(pick(["\"coder\"", "\"writer\"", "\"researcher\""])))) }
        if oneIn(2) { members.append(("details", member(string()))) }
        if oneIn(2) { members.append(("reason", member(string()))) }
        if oneIn(2) {
            let dependencies = (0..<Int(random.next() % 3)).map { _ in integer() }.joined(separator: ",")
            members.append(("depends_on", member("[\(dependencies)]")))
        }
        if oneIn(3) {
            members.append(("complexity", member(pick(["\"low\"", "\"medium\"", "\"high\"", "\"extreme\"", "\"Low\""]))))
        }
        return object(members)
    }

    mutating func facts() -> String {
        var members: [(String, String)] = []
        for name in ["given", "to_look_up", "to_derive", "educated_guesses"] where oneIn(2) {
            members.append((name, member("[" + (0..<Int(random.next() % 3)).map { _ in string() }.joined(separator: ",") + "]")))
        }
        return object(members)
    }

    mutating func planReply() -> String {
        var members: [(String, String)] = []
        if !oneIn(5) { members.append(("needs_plan", member(pick(["true", "false"])))) }
        if oneIn(4) { members.append(("direct_answer", member(string()))) }
        if oneIn(2) { members.append(("facts", member(facts()))) }
        if !oneIn(6) {
            members.append(("steps", member("[" + (0..<Int(random.next() % 4)).map { _ in step() }.joined(separator: ",") + "]")))
        }
        return space() + object(members) + space()
    }
}
