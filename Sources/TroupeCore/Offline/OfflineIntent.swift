import Foundation

/// The local action a piece of work asks for, read from its words: what the offline model can
/// do with the workers' file tools, or `.unknown` when it needs a language model.
enum OfflineIntent: Equatable {
    /// Lines and words of files; `ranked` when the words ask which is biggest or smallest.
    case countLines(ranked: Bool)
    case listFiles
    /// Occurrences of a literal word or phrase.
    case search(String)
    /// Where a name is declared (a type, function, constant).
    case findDefinition(String)
    /// The declarations of a file or folder.
    case outline(String?)
    case read(String)
    /// A file to read and summarize in its own words.
    case summarizeFile(String)
    /// A summary of what earlier steps found.
    case summarize
    case unknown

    /// The tool that carries out the intent and the action word it stands for; nil when none does.
    var tool: (name: String, action: String)? {
        switch self {
        case .countLines: return ("count_lines", "count")
        case .listFiles: return ("list_files", "list")
        case .search, .findDefinition: return ("search_files", "search")
        case .outline: return ("outline", "outline")
        case .read, .summarizeFile: return ("read_file", "read")
        case .summarize, .unknown: return nil
        }
    }

    /// The intent of `text`. Quoted words and file names are taken literally; a word that reads as
    /// code (`TODO`, `WorkerRunner`, `max_parallel`) is a search term.
    static func of(_ text: String) -> OfflineIntent {
        let lower = text.lowercased()
        let stems = Set(WordStems.stems(of: text))
        func has(_ words: String...) -> Bool { words.contains { stems.contains(WordStems.stem($0)) } }
        let term = quoted(in: text) ?? codeWord(in: text)
        if let term, has("defined", "declared", "definition", "declaration", "implemented") {
            return .findDefinition(term)
        }
        if let term, has("search", "grep", "find", "look", "occurrence", "mention", "contain", "where", "locate", "usage", "used")
        {
            return .search(term)
        }
        if has("outline", "declaration", "declarations") || lower.contains("what is declared")
            || lower.contains("what's declared")
        {
            return .outline(fileName(in: text) ?? TaskScope.parse(text).path)
        }
        let summarizes =
            has("summarize", "summarise", "summary", "overview", "recap", "report", "changelog")
            || (has("write", "draft") && has("note", "table", "list"))
        if summarizes || has("describe"), let path = fileName(in: text) {
            return .summarizeFile(path)
        }
        if has("read", "open", "show", "display", "print", "cat"), let path = fileName(in: text) { return .read(path) }
        let ranked = has("biggest", "largest", "longest", "smallest", "shortest", "rank", "top")
        if has("count", "measure", "size") || ranked || lower.contains("how many lines") || lower.contains("how long")
            || lower.contains("how big")
        {
            return has("line", "word") || ranked || !has("file") ? .countLines(ranked: ranked) : .listFiles
        }
        if has("list", "find", "locate", "enumerate", "which") || lower.contains("how many files")
            || (has("show", "display", "give") && has("file", "folder"))
        {
            return .listFiles
        }
        // Writing a poem or explaining a design is a language model's work; a summary of findings is not.
        if summarizes { return .summarize }
        return .unknown
    }

    static func quoted(in text: String) -> String? {
        for (open, close) in [("\"", "\""), ("'", "'"), ("`", "`"), ("“", "”")] {
            let parts = text.components(separatedBy: open)
            if parts.count >= 2 {
                let rest = parts[1...].joined(separator: open)
                if let end = rest.range(of: close), !rest[..<end.lowerBound].isEmpty { return String(rest[..<end.lowerBound]) }
            }
        }
        return nil
    }

    /// A word that reads as code rather than English: `TODO`, `FIXME` (capitals), `WorkerRunner`
    /// (inner capitals), `max_parallel` (underscore).
    static func codeWord(in text: String) -> String? {
        words(of: text).first { word in
            guard word.count >= 2, !word.contains("."), !word.contains("/"), !TaskScope.isLanguageName(word) else {
                return false
            }
            let letters = word.filter(\.isLetter)
            let capitals = letters.allSatisfy(\.isUppercase) && letters.count >= 2
            let innerCapital = word.dropFirst().contains(where: \.isUppercase) && word.contains(where: \.isLowercase)
            return capitals || innerCapital || (word.contains("_") && !letters.isEmpty)
        }
    }

    /// The first word that names a file: `README.md`, `Sources/App/main.swift`.
    static func fileName(in text: String) -> String? {
        words(of: text).first { word in
            let parts = word.split(separator: ".")
            guard parts.count >= 2, let last = parts.last, !last.isEmpty, last.count <= 5, word.first != "." else { return false }
            // "2.0" is a version, not a file.
            return last.allSatisfy { $0.isLetter || $0.isNumber } && last.contains(where: \.isLetter)
        }
    }

    private static func words(of text: String) -> [String] {
        text.split(separator: " ").map {
            // A sentence's full stop is not part of a file name.
            $0.trimmingCharacters(in: CharacterSet(charactersIn: ",;:!?()\"'`“”")).trimmingTrailing(".")
        }
    }
}

extension String {
    /// The string without any trailing `character`s.
    fileprivate func trimmingTrailing(_ character: Character) -> String {
        var result = Substring(self)
        while result.last == character { result = result.dropLast() }
        return String(result)
    }
}
