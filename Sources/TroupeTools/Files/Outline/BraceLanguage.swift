/// What a line of code means to an outline, read where declarations may stand.
enum LineMeaning: Equatable {
    /// A declaration of `kind` named `name` starts on the line. An empty name is read from the
    /// line that closes its braces (C's `typedef struct { … } Name;`).
    case declaration(Declaration.Kind, name: String)
    /// A block opens whose contents stand where the line does, not nested (`extern "C" {`).
    case transparentBlock
}

/// The declaration rules of a language whose blocks are braces. `BraceScanner` keeps the braces
/// and the nesting; the language says what a line declares.
protocol BraceLanguage {
    /// What `lines[index]` declares, read inside `enclosing` (the innermost type, namespace or
    /// other container; nil at the top of the file); nil when it declares nothing outlined.
    /// Called for every line with code where declarations may stand, in order.
    mutating func meaning(of lines: [SourceLine], at index: Int, in enclosing: Declaration?) -> LineMeaning?
}
