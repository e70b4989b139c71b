import Foundation

/// Which files a piece of work is about: a folder or file and an extension, read from its words.
struct TaskScope: Equatable {
    var path: String?
    var fileExtension: String?

    static let languageExtensions: [String: String] = [
        "swift": "swift", "markdown": "md", "python": "py", "json": "json", "yaml": "yaml", "javascript": "js",
        "typescript": "ts", "rust": "rs", "shell": "sh", "html": "html", "css": "css", "csv": "csv", "text": "txt",
        "c++": "cpp", "java": "java", "kotlin": "kt", "ruby": "rb", "toml": "toml",
    ]
    /// Words after which the next word names a place whatever it looks like.
    static let strongLocationWords: Set<String> = ["under", "inside", "within"]
    /// Words after which the next word names a place only if it looks like a path.
    static let weakLocationWords: Set<String> = ["in", "from", "at"]
    static let articles: Set<String> = ["the", "this", "a", "an", "my", "our", "your"]
    static let folderWords: Set<String> = ["src", "sources", "tests", "docs", "lib", "scripts", "personas", "transcripts"]

    /// The scope named in `text`.
    static func parse(_ text: String) -> TaskScope {
        let words = text.split(separator: " ").map {
            String($0).trimmingCharacters(in: CharacterSet(charactersIn: ",;:!?()\"'`“”"))
        }
        var scope = TaskScope()
        for (index, word) in words.enumerated() {
            let lower = word.lowercased()
            if scope.fileExtension == nil {
                if lower.hasPrefix("*.")
                    || (lower.hasPrefix(".") && lower.count > 1 && index + 1 < words.count
                        && words[index + 1].lowercased().hasPrefix("file"))
                {
                    scope.fileExtension = String(lower.drop { $0 == "*" || $0 == "." })
                } else if let ext = languageExtensions[lower], Self.namesFiles(at: index, in: words) {
                    scope.fileExtension = ext
                }
            }
            guard scope.path == nil else { continue }
            let following = words[(index + 1)...].drop { articles.contains($0.lowercased()) }
            if strongLocationWords.contains(lower), let place = following.first, !place.isEmpty {
                scope.path = place
            } else if weakLocationWords.contains(lower) {
                scope.path = following.prefix(2).first(where: looksLikePath)
            }
        }
        if scope.path == nil { scope.path = words.first { $0.contains("/") && looksLikePath($0) } }
        return scope
    }

    /// The scope of `brief`: its instruction first, then what its dependencies were about.
    static func of(_ brief: Brief) -> TaskScope {
        var scope = parse("\(brief.instruction) \(brief.details)")
        for dependency in brief.dependencyResults {
            let inherited = parse(dependency.title)
            scope.path = scope.path ?? inherited.path
            scope.fileExtension = scope.fileExtension ?? inherited.fileExtension
        }
        return scope
    }

    private static func looksLikePath(_ word: String) -> Bool {
        guard !word.isEmpty, languageExtensions[word.lowercased()] == nil else { return false }
        let trimmed = word.hasSuffix(".") && !word.hasPrefix(".") ? String(word.dropLast()) : word
        if trimmed.contains("/") || trimmed.hasPrefix(".") { return true }
        if folderWords.contains(trimmed.lowercased()) { return true }
        if let first = trimmed.first, first.isUppercase, trimmed.count > 1 { return true }
        return trimmed.contains(".") && trimmed.split(separator: ".").last.map { $0.count <= 5 && !$0.isEmpty } == true
    }

    /// Whether the language word at `index` says which files: "Swift files", "Swift code", "lines of
    /// Swift", "in Python" — not "the Swift package".
    private static func namesFiles(at index: Int, in words: [String]) -> Bool {
        let next = index + 1 < words.count ? words[index + 1].lowercased() : ""
        let previous = index > 0 ? words[index - 1].lowercased() : ""
        return ["file", "code", "source", "line"].contains(where: next.hasPrefix) || next.isEmpty
            || ["of", "in"].contains(previous)
    }

    /// Whether `word` names a language or format (`Swift`, `JSON`, `md`): a filter, not a search term.
    static func isLanguageName(_ word: String) -> Bool {
        let lower = word.lowercased()
        return languageExtensions[lower] != nil || languageExtensions.values.contains(lower)
    }

    /// Tool arguments for this scope.
    var arguments: [String: JSONValue] {
        var result: [String: JSONValue] = [
            "path": .string(path.map { $0.hasSuffix(".") && $0 != "." ? String($0.dropLast()) : $0 } ?? ".")
        ]
        if let fileExtension { result["extension"] = .string(fileExtension) }
        return result
    }
}
