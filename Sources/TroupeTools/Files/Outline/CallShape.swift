import Foundation

/// The shape of a line that may declare a function in C, C++ or Java: the name right before the
/// first `(`, and what stands before that name (`static int` and `main` in `static int main(`).
struct CallShape {
    /// The name: a word, a qualified name (`Foo::bar`), a destructor (`~Foo`) or an operator
    /// (`operator==`, `operator bool`).
    var name: Substring
    /// What stands before the name, without surrounding spaces: a return type, or empty.
    var prefix: Substring

    /// Words that start statements, not types, when they stand before a name and `(`.
    private static let statementWords: Set<Substring> = ["return", "else", "new", "throw", "case", "goto", "delete", "co_return"]

    /// The shape of `code`, or nil when no name stands right before its first `(`.
    init?(_ code: Substring) {
        guard let parenthesis = code.firstIndex(of: "(") else { return nil }
        let before = Substring(String(code[..<parenthesis]).trimmingTrailingSpaces)
        if let keyword = before.range(of: "operator"),
            !(before[..<keyword.lowerBound].last.map(CodeCursor.isWordCharacter) ?? false),
            !(before[keyword.upperBound...].first.map(CodeCursor.isWordCharacter) ?? false)
        {
            name = before[keyword.lowerBound...]
            prefix = Substring(String(before[..<keyword.lowerBound]).trimmingTrailingSpaces)
            return
        }
        var start = before.endIndex
        while start > before.startIndex {
            let previous = before.index(before: start)
            let character = before[previous]
            guard CodeCursor.isWordCharacter(character) || character == ":" || character == "~" else { break }
            start = previous
        }
        name = before[start...]
        guard let first = name.first, first.isLetter || first == "_" || first == "~" else { return nil }
        prefix = Substring(String(before[..<start]).trimmingTrailingSpaces)
    }

    /// Whether `prefix` reads as a return type: names, `::`, `.`, `*`, `&`, `?`, and generic or
    /// template arguments in balanced angle brackets, not a statement's first word.
    var prefixLooksLikeType: Bool {
        guard !prefix.isEmpty, !prefix.hasSuffix("."), !prefix.hasSuffix(":") || prefix.hasSuffix("::") else { return false }
        let allowed = prefix.allSatisfy { CodeCursor.isWordCharacter($0) || " \t*&:<>,[]?.".contains($0) }
        let opened = prefix.filter { $0 == "<" }.count
        let closed = prefix.filter { $0 == ">" }.count
        let lastWord = prefix.split(whereSeparator: { !CodeCursor.isWordCharacter($0) }).last
        return allowed && opened == closed && !(lastWord.map { Self.statementWords.contains($0) } ?? false)
    }
}
