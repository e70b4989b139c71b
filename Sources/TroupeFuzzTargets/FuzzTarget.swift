public import Foundation
import TroupeCore
import TroupeProviders
import TroupeShell

/// The parsers a fuzzer drives with arbitrary bytes (`scripts/fuzz`). Each must return or throw
/// for any input; a crash, a hang or a sanitizer report is a bug.
public enum FuzzTarget: String, Sendable, CaseIterable {
    /// Server-sent event bodies through the OpenAI and Anthropic stream decoders.
    case sse
    /// NDJSON bodies through the Ollama stream decoder.
    case ndjson
    /// Persona files: front matter and body.
    case persona
    /// Transcripts: header, events, what a replay reads from them, and the envelope scan.
    case transcript
    /// What the user types: slash commands, plan edits, overrides, completion, the live line.
    case command
    /// Model replies holding ledgers and plans (fenced or embedded JSON), and plan YAML; the plan
    /// reader checked against `JSONDecoder`.
    case ledger

    /// Runs one input through the target.
    public func run(_ data: Data) {
        switch self {
        case .sse:
            _ = try? WireDecoding.decodeStream(data, format: .openAI)
            _ = try? WireDecoding.decodeStream(data, format: .anthropic)
        case .ndjson:
            _ = try? WireDecoding.decodeStream(data, format: .ollama)
        case .persona:
            _ = try? PersonaParser.parse(String(decoding: data, as: UTF8.self), path: "fuzz.md", source: .builtin)
        case .transcript:
            Self.transcript(data)
        case .command:
            Self.command(String(decoding: data, as: UTF8.self), bytes: data)
        case .ledger:
            let text = String(decoding: data, as: UTF8.self)
            guard Self.planReaderAgrees(on: text) else { fatalError("the plan reader disagrees with JSONDecoder on \(text)") }
            _ = try? StructuredReply.decode(ProgressLedger.self, from: text)
            _ = try? StructuredReply.decode(PlanDraft.self, from: text)
            _ = try? PlanYAML.plan(from: text, original: Self.samplePlan)
        }
    }

    /// Whether the plan reader `StructuredReply` tries first reads what `JSONDecoder` reads, when
    /// it reads anything (it must decline what it would read differently).
    private static func planReaderAgrees(on text: String) -> Bool {
        guard let read = try? JSONTextParser.pull(text, { try PlanDraft.pull(from: &$0) }) else { return true }
        return read == (try? JSONDecoder().decode(PlanDraft.self, from: Data(text.utf8)))
    }

    static let samplePlan = Plan(steps: [
        PlanStep(id: 1, title: "find", persona: "researcher"),
        PlanStep(id: 2, title: "fix", persona: "coder", dependsOn: [1]),
    ])

    /// One temporary file per process, rewritten for each input (the reader takes a file).
    private static let scratch = FileManager.default.temporaryDirectory
        .appendingPathComponent("troupe-fuzz-\(ProcessInfo.processInfo.processIdentifier).jsonl")

    private static func transcript(_ data: Data) {
        for line in data.split(separator: 0x0A).prefix(256) where !EnvelopeScanCheck.agrees(on: Data(line)) {
            fatalError("the envelope scan disagrees with the decoder on \(String(decoding: line, as: UTF8.self))")
        }
        guard (try? data.write(to: scratch)) != nil else { return }
        guard let reader = try? TranscriptReader(url: scratch) else { return }
        _ = try? RecordedSession(reader, readablePrefixOnly: true)
        _ = try? ResumedSession(url: scratch)
    }

    private static func command(_ text: String, bytes: Data) {
        for line in text.split(separator: "\n").prefix(64) {
            let words = String(line)
            if case .success(let edit) = PlanEdit.parse(words) { _ = edit.apply(to: samplePlan) }
            let parts = words.split(separator: " ", maxSplits: 1).map(String.init)
            _ = UserOverride(
                UserIntervention(kind: InterventionKind(rawValue: parts.first ?? ""), detail: parts.count > 1 ? parts[1] : ""))
            let matcher = CompletionMatcher(
                commands: ["plan", "pause", "agents"], personas: ["coder"], models: ["offline"],
                ids: { (["1", "2"], ["h1"]) }, directory: URL(fileURLWithPath: "/nonexistent"))
            _ = matcher.candidates(word: String(words.split(separator: " ").last ?? ""), line: words)
            _ = TerminalSanitizer.clean(words)
        }
        var live = LiveLine()
        for byte in bytes.prefix(4096) { _ = live.feed(byte) }
    }
}
