import Foundation

/// Capabilities for a persona whose file names none (Claude Code agent files have no such
/// field): the telling words of its description, so the planner and the offline model can route
/// to it by what it says it does.
enum DerivedCapabilities {
    /// At most `limit` distinct words of `description`'s opening (before any `<example>` or
    /// `Examples:`), longest-lasting first: words of four letters or more that are not filler.
    static func from(_ description: String, limit: Int = 8) -> [String] {
        var opening = Substring(description)
        for marker in ["<example", "Examples:", "Example:", "\n\n"] {
            if let range = opening.range(of: marker) { opening = opening[..<range.lowerBound] }
        }
        var seen = Set<String>()
        var words: [String] = []
        for word in opening.lowercased().split(whereSeparator: { !$0.isLetter && $0 != "-" }) {
            let text = String(word).trimmingCharacters(in: ["-"])
            guard text.count >= 4, !filler.contains(text), seen.insert(text).inserted else { continue }
            words.append(text)
            if words.count == limit { break }
        }
        return words
    }

    /// Words that say nothing about what an agent does.
    private static let filler: Set<String> = [
        "this", "that", "these", "those", "with", "when", "where", "which", "while", "what", "will", "from", "into",
        "your", "their", "them", "they", "have", "must", "should", "would", "could", "about", "after", "before",
        "also", "only", "just", "such", "than", "then", "very", "more", "most", "other", "some", "each", "every",
        "need", "needs", "needed", "used", "uses", "using", "agent", "agents", "subagent", "proactively", "expert",
        "specialist", "specializing", "specialized", "task", "tasks", "user", "users", "help", "helps", "able",
        "like", "make", "makes", "want", "wants", "invoke", "invoked", "trigger", "triggers", "call", "called",
        "assistant", "claude", "context", "example", "examples", "include", "includes", "including",
        "ensure", "ensures", "across", "within", "without", "based", "here", "there", "over", "under", "well",
    ]
}
