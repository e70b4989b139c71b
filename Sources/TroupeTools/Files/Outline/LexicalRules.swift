/// How a language writes comments and string literals: what `SourceLexer` steps over so that
/// braces, keywords and comment markers inside them are not read as code.
struct LexicalRules: Sendable {
    /// A literal's closing delimiter and how its contents read.
    struct Literal: Sendable, Equatable {
        var terminator: [UInt8]
        /// Whether a backslash escapes the character after it.
        var escapes: Bool
        /// Whether the literal may go on over line breaks; one that may not ends with its line.
        var spansLines: Bool
    }

    /// The marker of a comment running to the end of the line: `//`, or Python's `#`.
    var lineComment: [UInt8] = Array("//".utf8)
    /// Whether `/* … */` comments exist.
    var blockComments = true
    /// Whether block comments nest (Swift, Rust).
    var nestedBlockComments = false
    /// Quote characters of string literals with backslash escapes: `"`, and `'` in most languages.
    var quotes: [UInt8] = [UInt8(ascii: "\"")]
    /// Whether those literals may go on over line breaks (Rust).
    var quotedStringsSpanLines = false
    /// Quote characters that, tripled, open a literal over several lines (`"""`; Python's `'''`).
    var tripleQuotes: [UInt8] = []
    /// The backtick literal, if the language has one: JavaScript's template, Go's raw string.
    var backtick: Literal?
    /// Swift's raw strings: `#"…"#`, `##"…"##`, `#"""…"""#`.
    var hashedRawStrings = false
    /// Rust's raw and byte strings: `r"…"`, `r#"…"#`, `b"…"`, `br"…"`.
    var prefixedRawStrings = false
    /// Rust's `'`: a character literal (`'x'`, `'\n'`) or a lifetime (`'a`), told apart by what follows.
    var quoteMayBeLifetime = false
    /// C++'s digit separator: a `'` after a digit (`1'000`) opens nothing.
    var quoteMayBeDigitSeparator = false
    /// JavaScript's regular expression literals: `/…/` where an expression may start.
    var regularExpressions = false
    /// C's preprocessor: lines starting with `#`, and their `\` continuations, hold no code.
    var preprocessor = false
}
