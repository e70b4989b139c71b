/// The one-line form of a step's output, for one-line displays and minimal briefs.
enum SummaryLine {
    /// The first non-empty line of `text`, trimmed of spaces and tabs, at most 100 characters.
    static func of(_ text: String) -> String {
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let trimmed = line.drop { $0 == " " || $0 == "\t" || $0 == "\r" }.reversed()
                .drop { $0 == " " || $0 == "\t" || $0 == "\r" }.reversed()
            guard !trimmed.isEmpty else { continue }
            let shown = String(trimmed)
            return shown.count > 100 ? String(shown.prefix(99)) + "…" : shown
        }
        return ""
    }
}
