/// What a line of code means to an outline, read where declarations may stand.
enum LineMeaning: Equatable {
    /// A declaration of `kind` named `name` starts on the line. An empty name is read from the
    /// line that closes its braces (C's `typedef struct { … } Name;`).
    case declaration(Declaration.Kind, name: String)
    /// A block opens whose contents stand where the line does, not nested (`extern "C" {`).
    case transparentBlock
}
