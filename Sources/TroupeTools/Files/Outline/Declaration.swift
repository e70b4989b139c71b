/// One entry of an outline: a type, function or method of a source file, where it starts and how
/// deep it sits among the declarations that enclose it.
struct Declaration: Sendable, Equatable {
    /// What was declared, in words shared by the languages outlined.
    enum Kind: String, Sendable, Equatable {
        case `class`, `struct`, `enum`, union, `protocol`, interface, trait, record, actor
        /// Swift's `extension`.
        case `extension`
        /// Rust's `impl` block.
        case impl
        /// C++ and TypeScript namespaces.
        case namespace
        /// Rust's `mod`.
        case module
        /// A type alias: Swift's `typealias`, TypeScript's and Rust's `type`, Go's `type X Y`, C++'s `using X =`.
        case type
        case function, method
        /// A constructor: Swift's `init`, JavaScript's `constructor`, a Java or C++ constructor.
        case initializer

        /// Whether members declared inside it are nested under it in the outline.
        var isContainer: Bool {
            switch self {
            case .type, .function, .method, .initializer: return false
            default: return true
            }
        }
    }

    var kind: Kind
    /// The declared name (`Foo`, `bar`, `init`, `Display for Foo` for a Rust `impl`).
    var name: String
    /// 1-based line of the declaration's first line.
    var line: Int
    /// How many containers (types, extensions, namespaces) enclose it: 0 at the top of the file.
    var depth: Int
    /// The declaration as written, comments left out, continued over the lines its parameters
    /// span, without the body's opening brace, cut at `Signature.longest` characters.
    var signature: String
}
