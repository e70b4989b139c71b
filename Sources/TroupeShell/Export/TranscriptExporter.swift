import Foundation
import Synchronization
public import TroupeCore

/// Turns a transcript into something to share: Markdown for people, one JSON document for
/// tools, an asciicast v2 recording (what the shell showed, with its timing, and a marker at
/// each handoff) for terminal players, or a self-contained HTML report (plan graph, timeline,
/// ledgers and briefs) for a browser.
public struct TranscriptExporter: Sendable {
    /// The export formats.
    public enum Format: String, Sendable, CaseIterable {
        case md, json, cast, html
    }

    let reader: TranscriptReader

    public init(reader: TranscriptReader) {
        self.reader = reader
    }

    /// The whole export as text.
    public func export(_ format: Format) throws -> String {
        switch format {
        // Markdown is read in terminals and editors: nothing in it may act on one.
        case .md: return TerminalSanitizer.clean(try markdown())
        case .json: return try json()
        case .cast: return try asciicast()
        case .html: return try HTMLReport(reader: reader).render()
        }
    }

    private func markdown() throws -> String {
        let header = reader.header
        var lines = [
            "# Troupe session \(header.started)", "",
            "- model: `\(header.model)`", "- personas: \(header.personas.map(\.name).joined(separator: ", "))",
            "- transcript format \(header.formatVersion), troupe \(header.toolVersion)",
        ]
        try reader.forEachEvent { event, _ in
            switch event.kind {
            case .userInput(let input):
                lines += ["", "## Request", "", quote(input.text)]
            case .planStarted(let started):
                lines += ["", "### Plan", "", "| step | persona | task | after |", "|---|---|---|---|"]
                lines += started.plan.steps.map {
                    "| \($0.id) | \($0.persona) | \(cell($0.title)) | \($0.dependsOn.map(String.init).joined(separator: ", ")) |"
                }
                lines.append("")
            case .handoffInitiated(let handoff):
                let step = handoff.step.map { " · step \($0)" } ?? ""
                lines.append("- ⇢ `\(handoff.handoff)` \(handoff.from) → \(handoff.to)\(step) · brief \(handoff.briefTokens) tok")
            case .handoffRejected(let rejected):
                lines.append("- ⊘ `\(rejected.handoff)` rejected: \(TerminalSanitizer.clean(rejected.reason))")
            case .handoffCompleted(let completed):
                lines.append(
                    "- ⇠ `\(completed.handoff)` \(completed.from) → \(completed.to) · \(completed.status.rawValue) · "
                        + "\(EventRenderer.seconds(completed.durationMs)) · \(EventRenderer.tokens(completed.tokens))")
            case .taskCompleted(let task) where task.status.isAnswered:
                lines += ["", "#### Step \(task.step) — \(task.persona)", "", fenced(task.output), ""]
            case .escalated(let escalated):
                lines.append("- ⚑ escalated: \(TerminalSanitizer.clean(escalated.reason))")
            case .planCompleted(let completed):
                lines += [
                    "",
                    "### Answer (\(completed.outcome.rawValue), \(EventRenderer.seconds(completed.durationMs)), "
                        + "\(EventRenderer.tokens(completed.tokens)))", "", TerminalSanitizer.clean(completed.answer),
                ]
            default:
                break
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func json() throws -> String {
        var events: [String] = []
        try reader.forEachEvent { event, _ in events.append(try JSONCoding.string(event)) }
        return "{\"header\":\(try JSONCoding.string(reader.header)),\"events\":[\n\(events.joined(separator: ",\n"))\n]}\n"
    }

    /// asciicast v2: a header line, then `[seconds, "o", text]` for output and `[seconds, "m", label]` markers.
    private func asciicast() throws -> String {
        let size = reader.header.terminal ?? TranscriptHeader.TerminalSize(columns: 120, rows: 40)
        let start = Timestamps.date(reader.header.started) ?? Date()
        let lines = CastLines()
        let sink = OutputSink(writer: { lines.add($0) })
        let printer = EventPrinter(style: TextStyle(enabled: true), personas: [], prices: PriceTable(), sink: sink)
        var out = [
            try JSONCoding.string(
                CastHeader(
                    width: size.columns, height: size.rows, timestamp: Int(start.timeIntervalSince1970),
                    title: "troupe session \(reader.header.started)"))
        ]
        try reader.forEachEvent { event, _ in
            let time = max(0, event.timestamp.timeIntervalSince(start))
            if case .userInput(let input) = event.kind { lines.add("› \(TerminalSanitizer.clean(input.text))\n") }
            if case .handoffInitiated(let handoff) = event.kind {
                out.append(
                    try JSONCoding.string([JSONValue.number(time), .string("m"), .string("\(handoff.from) → \(handoff.to)")]))
            }
            printer.print(event)
            for text in lines.take() {
                let terminalText = text.replacingOccurrences(of: "\n", with: "\r\n")
                out.append(try JSONCoding.string([JSONValue.number(time), .string("o"), .string(terminalText)]))
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    private func quote(_ text: String) -> String {
        TerminalSanitizer.clean(text).split(separator: "\n", omittingEmptySubsequences: false).map { "> \($0)" }
            .joined(separator: "\n")
    }

    private func cell(_ text: String) -> String {
        TerminalSanitizer.clean(text).replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }

    /// `text` in a fence longer than any backtick run inside it.
    private func fenced(_ text: String) -> String {
        var fence = "```"
        while text.contains(fence) { fence += "`" }
        return "\(fence)text\n\(TerminalSanitizer.clean(text))\n\(fence)"
    }

    private struct CastHeader: Encodable {
        var version = 2
        var width: Int
        var height: Int
        var timestamp: Int
        var title: String
    }

    /// Output collected between two events.
    private final class CastLines: Sendable {
        private let pending = Mutex<[String]>([])

        func add(_ text: String) {
            pending.withLock { $0.append(text) }
        }

        func take() -> [String] {
            pending.withLock { texts in
                defer { texts = [] }
                return texts
            }
        }
    }
}
