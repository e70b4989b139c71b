import Foundation

/// A worker handing part of its step to another persona with the `handoff` tool: the tool as
/// offered to models, its arguments, and the rules that stop runaway chains.
struct Delegation: Sendable {
    /// One handoff made while a step runs.
    struct Hop: Sendable, Equatable {
        var from: String
        var to: String
    }

    static let toolName = "handoff"
    /// Handoffs nested inside one step's handoff, at most.
    static let maxDepth = 3

    static let spec = ToolSpec(
        name: toolName,
        description: """
            Hand a self-contained part of your step to another persona and get its answer back as this \
            tool's result. Use it only for work another persona is better at; say why.
            """,
        parameters: .object([
            "type": .string("object"),
            "properties": .object([
                "to": .object(["type": .string("string"), "description": .string("the persona to hand to, e.g. researcher")]),
                "instruction": .object(["type": .string("string"), "description": .string("what it should do, self-contained")]),
                "reason": .object(["type": .string("string"), "description": .string("why this persona")]),
            ]),
            "required": .array([.string("to"), .string("instruction"), .string("reason")]),
        ]))

    /// The arguments of a `handoff` call.
    struct Arguments: Sendable, Equatable {
        var to: String
        var instruction: String
        var reason: String

        /// Parses `call`'s arguments; the error text goes back to the model.
        static func parse(_ call: ToolCall) -> Result<Arguments, ArgumentError> {
            guard
                case .object(let fields)? = try? JSONCoding.decode(
                    JSONValue.self, from: call.arguments.isEmpty ? "{}" : call.arguments)
            else { return .failure(ArgumentError(text: "the arguments of handoff are not a JSON object")) }
            func text(_ key: String) -> String? {
                guard case .string(let value)? = fields[key] else { return nil }
                let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
                return trimmed.isEmpty ? nil : trimmed
            }
            guard let to = text("to"), let instruction = text("instruction") else {
                return .failure(ArgumentError(text: "handoff needs `to` (a persona) and `instruction`"))
            }
            return .success(
                Arguments(
                    to: to.hasPrefix("@") ? String(to.dropFirst()) : to, instruction: instruction,
                    reason: text("reason") ?? "no reason given"))
        }
    }

    struct ArgumentError: Error, Equatable {
        var text: String
    }

    /// Handoffs one step may make in all (its own, retries and everything delegated under it): a
    /// worker that fans out without end is stopped, however shallow its chains.
    static let maxPerStep = 24

    /// Why the hop `from → to` may not be made after `hops` (with `madeOnStep` handoffs already
    /// made on the step), or nil when it may: a hop back and forth a second time (A→B→A→B) is a
    /// ping-pong; a hop to oneself, past `maxDepth` or past `maxPerStep` is refused.
    static func refusal(after hops: [Hop], from: String, to: String, madeOnStep: Int = 0) -> String? {
        if from == to { return "\(from) cannot hand work to itself" }
        if madeOnStep >= maxPerStep {
            return "this step has made \(madeOnStep) handoffs, the most one step may; answer with what you have"
        }
        if hops.contains(Hop(from: from, to: to)) {
            let chain = (hops.map(\.from) + [from, to]).joined(separator: " → ")
            return "ping-pong stopped: \(chain) on the same step; answer with what you have"
        }
        if hops.count > maxDepth { return "handoff chain too deep (\(hops.count) hops on this step)" }
        return nil
    }
}
