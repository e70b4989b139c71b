import Foundation

/// Splits a request into its parts: numbered or bulleted lines, sentences, and clauses joined by
/// "and", "then" or commas when the next clause starts with an action verb.
enum RequestSplitter {
    /// One part of a request and whether it was introduced by "then".
    struct Part: Sendable, Equatable {
        var text: String
        var afterThen: Bool
    }

    /// Verbs that start a new unit of work.
    static let actionVerbs: Set<String> = [
        "list", "find", "search", "locate", "read", "count", "measure", "analyze", "analyse", "compare", "profile",
        "calculate", "compute", "summarize", "summarise", "write", "draft", "document", "explain", "fix", "implement",
        "refactor", "test", "build", "run", "check", "review", "create", "add", "update", "show", "open", "describe",
        "identify", "collect", "gather", "report", "edit", "rewrite", "translate", "estimate", "verify",
        "investigate", "research", "grep", "look", "tell", "give", "produce", "prepare", "outline", "propose",
    ]

    /// Words that, opening a sentence, make it follow the previous one.
    static let sequenceWords: Set<String> = ["then", "next", "finally", "afterwards", "and"]

    /// The parts of `request`, in order; never empty for a non-empty request.
    static func parts(of request: String) -> [Part] {
        let lines = request.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let items = lines.compactMap(listItem)
        if items.count >= 2 { return items.map { Part(text: $0, afterThen: false) } }
        return sentences(of: lines.joined(separator: " ")).flatMap(clauses)
    }

    /// The text of a `1.`, `1)`, `-`, `*` or `•` list line.
    static func listItem(_ line: String) -> String? {
        for bullet in ["- ", "* ", "• "] where line.hasPrefix(bullet) {
            return String(line.dropFirst(bullet.count)).trimmingCharacters(in: .whitespaces)
        }
        let digits = line.prefix { $0.isNumber }
        guard !digits.isEmpty, digits.count <= 3 else { return nil }
        let rest = line.dropFirst(digits.count)
        guard let marker = rest.first, marker == "." || marker == ")" else { return nil }
        return String(rest.dropFirst()).trimmingCharacters(in: .whitespaces)
    }

    static func sentences(of text: String) -> [String] {
        var result: [String] = []
        var current = ""
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            current.append(character)
            let atBoundary = index + 1 == characters.count || characters[index + 1] == " "
            if (character == "?" || character == "!" || character == ";" || (character == "." && atBoundary)) && atBoundary {
                result.append(current)
                current = ""
            }
        }
        result.append(current)
        return result.map { $0.trimmingCharacters(in: CharacterSet.whitespaces.union(CharacterSet(charactersIn: ".;"))) }
            .filter { !$0.isEmpty }
    }

    /// Splits a sentence at ", and", ", then", " and then", " then", ", " and " and " where the
    /// next words start a new action.
    static func clauses(of sentence: String) -> [Part] {
        var parts: [Part] = []
        var current: [String] = []
        var currentAfterThen = false
        var words = sentence.split(separator: " ").map(String.init)
        while let first = words.first, sequenceWords.contains(first.lowercased().trimmingCharacters(in: .punctuationCharacters)),
            words.count > 1
        {
            words.removeFirst()
            currentAfterThen = true
        }
        var index = 0
        while index < words.count {
            let word = words[index]
            let bare = word.lowercased().trimmingCharacters(in: .punctuationCharacters)
            let previousEndsWithComma = current.last?.hasSuffix(",") ?? false
            if !current.isEmpty, let (skip, then) = boundary(at: index, in: words, afterComma: previousEndsWithComma, bare: bare)
            {
                parts.append(Part(text: join(current), afterThen: currentAfterThen))
                current = []
                currentAfterThen = then
                index += skip
                continue
            }
            current.append(word)
            index += 1
        }
        if !current.isEmpty { parts.append(Part(text: join(current), afterThen: currentAfterThen)) }
        return parts
    }

    /// How many connective words to skip at `index` if a new clause starts there.
    private static func boundary(at index: Int, in words: [String], afterComma: Bool, bare: String) -> (Int, Bool)? {
        func verb(at position: Int) -> Bool {
            position < words.count
                && actionVerbs.contains(words[position].lowercased().trimmingCharacters(in: .punctuationCharacters))
        }
        func word(_ position: Int) -> String {
            position < words.count ? words[position].lowercased().trimmingCharacters(in: .punctuationCharacters) : ""
        }
        if bare == "and", word(index + 1) == "then", verb(at: index + 2) { return (2, true) }
        if bare == "then", verb(at: index + 1) { return (1, true) }
        if bare == "and", verb(at: index + 1) { return (1, false) }
        if afterComma, verb(at: index) { return (0, false) }
        return nil
    }

    private static func join(_ words: [String]) -> String {
        words.joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: " ,"))
    }
}
