/// The declaration rules of a language whose blocks are braces. `BraceScanner` keeps the braces
/// and the nesting; the language says what a line declares.
protocol BraceLanguage {
    /// What `lines[index]` declares, read inside `enclosing` (the innermost type, namespace or
    /// other container; nil at the top of the file); nil when it declares nothing outlined.
    /// Called for every line with code where declarations may stand, in order.
    mutating func meaning(of lines: [SourceLine], at index: Int, in enclosing: Declaration?) -> LineMeaning?
}
