import Foundation

/// A persona file that failed to load; the others still do.
public struct PersonaProblem: Sendable, Equatable {
    /// The file it is about.
    public var path: String
    /// What is wrong, with file and line.
    public var error: PersonaError
}
