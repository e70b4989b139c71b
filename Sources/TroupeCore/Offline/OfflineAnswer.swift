import Foundation

/// The offline worker's answers: from its tool's result, from what earlier steps found, or the
/// plain statement that a step needs a language model. Everything it writes says it was made
/// without one.
enum OfflineAnswer {
    /// Extensions the outline tool reads: code is summarized by its declarations.
    static let codeExtensions: Set<String> = [
        "swift", "py", "js", "jsx", "mjs", "ts", "tsx", "go", "rs", "c", "h", "cc", "cpp", "cxx", "hpp", "java",
    ]

    static func isCode(_ path: String) -> Bool {
        codeExtensions.contains((path as NSString).pathExtension.lowercased())
    }

    /// The answer to `asked` from the tool `results` its intent's call brought back.
    static func answer(_ intent: OfflineIntent, asked: String, results: [String]) -> String {
        let output = results.joined(separator: "\n\n")
        switch intent {
        case .countLines(ranked: true):
            return ranking(output, asked: asked).map { $0 + "\n\n" + output } ?? output
        case .summarizeFile:
            return ExtractiveSummary.of(readOutput: output) ?? codeSummary(output) ?? output
        default:
            return output
        }
    }

    /// "Biggest: A (191 lines); then B (187 lines), C (166 lines)." from a `count_lines` table, or
    /// the smallest when the words ask for it and the whole table is shown.
    static func ranking(_ output: String, asked: String) -> String? {
        let lines = output.split(separator: "\n").map(String.init)
        guard let header = lines.firstIndex(where: { $0.trimmingASCIIWhitespace.hasPrefix("lines  words") }) else { return nil }
        let rows = lines[(header + 1)...].compactMap(countRow)
        guard let first = rows.first else { return nil }
        let stems = Set(WordStems.stems(of: asked))
        let smallest = ["smallest", "shortest"].contains { stems.contains(WordStems.stem($0)) }
        if smallest {
            guard !lines.contains(where: { $0.hasPrefix("… and ") }), let last = rows.last else {
                return "Smallest: not shown (only the biggest files are listed); biggest: \(first)."
            }
            return "Smallest: \(last)."
        }
        let next = rows.dropFirst().prefix(2)
        return "Biggest: \(first)" + (next.isEmpty ? "." : "; then " + next.joined(separator: ", ") + ".")
    }

    /// `"  164    697  path"` (a `count_lines` row) as `"path (164 lines)"`.
    static func countRow(_ row: String) -> String? {
        let fields = row.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
        guard fields.count == 3, let lines = Int(fields[0]) else { return nil }
        return "\(String(fields[2]).trimmingASCIIWhitespace) (\(lines) lines)"
    }

    /// An `outline` result presented as the summary of the code it lists.
    static func codeSummary(_ outline: String) -> String? {
        guard let headline = outline.split(separator: "\n").first, headline.contains("declaration") else { return nil }
        return "Code summary — extractive, its declarations (\(OfflineModel.label)):\n" + outline
    }

    /// The dependencies' headline results with their largest items, labelled as assembled offline.
    static func summary(of brief: Brief) -> String {
        var lines = ["Summary (\(OfflineModel.label); assembled from the team's results):"]
        for dependency in brief.dependencyResults {
            if let document = ExtractiveSummary.of(readOutput: dependency.output) {
                lines.append(document)
                continue
            }
            let outputLines = dependency.output.split(separator: "\n").map(String.init)
            lines.append("- \(dependency.title): \(outputLines.first ?? "no result")")
            if let ranked = ranking(dependency.output, asked: dependency.title) { lines.append("  " + ranked) }
        }
        return lines.joined(separator: "\n")
    }

    /// The worker's answer to a step beyond it; the final answer says once how to get a model.
    static func beyondModel(_ instruction: String) -> String {
        "\"\(instruction)\" needs a language model: offline I can list, read, search, outline and count files, "
            + "and summarize what other steps found."
    }
}
