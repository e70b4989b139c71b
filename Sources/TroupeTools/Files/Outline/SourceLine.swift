/// One line of a source file as the outline scanners read it.
struct SourceLine: Sendable, Equatable {
    /// 1-based.
    var number: Int
    /// The code alone: comments left out, and string literals reduced to their quotes (`""`),
    /// so that braces, keywords and comment markers inside them are not read.
    var code: String
    /// The line as written without its comments (string contents kept): what a signature shows.
    var text: String
    /// Columns of white space the line starts with (a tab moves to the next multiple of 8).
    var indent: Int
    /// Whether the line starts in code, not inside a comment or literal left open by an earlier line.
    var startsInCode: Bool

    /// Whether the line holds no code (blank, a comment, inside a literal).
    var isBlank: Bool {
        firstCharacter == nil
    }

    /// The first character of the code that is not white space.
    var firstCharacter: Character? {
        code.first { $0 != " " && $0 != "\t" }
    }
}

extension Array where Element == SourceLine {
    /// The first line after `index` that holds code, if one comes.
    func nextCode(after index: Int) -> SourceLine? {
        self[(index + 1)...].first { !$0.isBlank }
    }
}
