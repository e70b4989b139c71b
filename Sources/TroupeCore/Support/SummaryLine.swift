import Foundation

/// The one-line form of a step's output, for one-line displays and minimal briefs.
enum SummaryLine {
    /// The first non-empty line of `text`, at most 100 characters.
    static func of(_ text: String) -> String {
        var rest = Substring(text)
        while !rest.isEmpty {
            let end = rest.firstIndex(of: "\n") ?? rest.endIndex
            let line = rest[..<end].trimmingCharacters(in: .whitespaces)
            if !line.isEmpty { return line.count > 100 ? String(line.prefix(99)) + "…" : line }
            rest = end == rest.endIndex ? "" : rest[rest.index(after: end)...]
        }
        return ""
    }
}
