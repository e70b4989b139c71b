/// Reads a line of code (a `SourceLine.code`) word by word, for the scanners' keyword checks:
/// white space is skipped after everything it takes.
struct CodeCursor {
    /// What is left to read.
    private(set) var rest: Substring

    init(_ code: String) {
        rest = Substring(code)
        skipSpaces()
    }

    /// The next character, if any.
    var next: Character? { rest.first }

    var isAtEnd: Bool { rest.isEmpty }

    /// The name at the cursor, without taking it; empty when none starts here.
    var peekWord: Substring { rest.prefix(while: Self.isWordCharacter) }

    /// Takes the name at the cursor (letters, digits, `_`, `$`); nil when none starts here.
    mutating func word() -> Substring? {
        let found = peekWord
        guard !found.isEmpty else { return nil }
        rest = rest[found.endIndex...]
        skipSpaces()
        return found
    }

    /// Takes `expected` if it is the whole next word.
    mutating func take(word expected: String) -> Bool {
        guard peekWord == expected else { return false }
        return word() != nil
    }

    /// Takes `text` if the rest starts with it.
    mutating func take(_ text: String) -> Bool {
        guard rest.hasPrefix(text) else { return false }
        rest = rest.dropFirst(text.count)
        skipSpaces()
        return true
    }

    /// Takes a group opened at the cursor by `open` up to the `close` that balances it: `(…)`,
    /// `<…>`, `[…]`. False, taking nothing, when the cursor is not at `open`.
    @discardableResult
    mutating func skipGroup(_ open: Character, _ close: Character) -> Bool {
        guard next == open else { return false }
        var depth = 0
        var index = rest.startIndex
        while index < rest.endIndex {
            if rest[index] == open {
                depth += 1
            } else if rest[index] == close {
                depth -= 1
                if depth == 0 { break }
            }
            index = rest.index(after: index)
        }
        rest = index < rest.endIndex ? rest[rest.index(after: index)...] : rest[rest.endIndex...]
        skipSpaces()
        return true
    }

    /// Takes the leading words found in `modifiers`, each with a parenthesized part written right
    /// after it (`private(set)`, `pub(crate)`).
    mutating func skip(modifiers: Set<Substring>) {
        while modifiers.contains(peekWord) {
            _ = word()
            if next == "(" { skipGroup("(", ")") }
        }
    }

    /// Takes the attributes or decorators at the cursor: `marker`, a name that may be dotted,
    /// and an argument list (`@MainActor`, `@available(macOS 15, *)`, `@Input()`).
    mutating func skipAttributes(marker: Character = "@") {
        while next == marker, rest.dropFirst().first.map(Self.isWordCharacter) == true {
            rest = rest.dropFirst()
            while word() != nil, take(".") {}
            skipGroup("(", ")")
        }
    }

    /// Takes a name made of words joined by `separator` (`Foo.Bar`, `std::vector`); nil when no
    /// word starts here.
    mutating func qualifiedName(separator: String) -> Substring? {
        let start = rest.startIndex
        guard word() != nil else { return nil }
        var end = rest.startIndex
        while rest.hasPrefix(separator), Self.isWordCharacter(rest.dropFirst(separator.count).first ?? " ") {
            rest = rest.dropFirst(separator.count)
            _ = word()
            end = rest.startIndex
        }
        return Substring(String(rest.base[start..<end]).trimmingTrailingSpaces)
    }

    private mutating func skipSpaces() {
        rest = rest.drop { $0 == " " || $0 == "\t" }
    }

    /// A character of a name: a letter, a digit, `_` or `$`.
    static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_" || character == "$"
    }
}

extension String {
    /// The string without the spaces and tabs it ends with.
    var trimmingTrailingSpaces: String {
        var end = endIndex
        while end > startIndex, self[index(before: end)] == " " || self[index(before: end)] == "\t" { end = index(before: end) }
        return String(self[..<end])
    }
}
